// Loads the learned ONNX analysers (models/blur.onnx, models/exposure.onnx) through
// onnxruntime-node. Each model ships with a JSON card of its input contract and calibration
// (written by models/pipeline/export.py). A model that is missing, altered or cannot run is left
// out with a warning; the pipeline then relies on its classical analysers for those flags.

import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { InferenceSession } from 'onnxruntime-node';
import type { EngineSettings } from '../contracts/settings';
import { BlurPooling, LearnedBlurAnalyzer } from './onnx-blur';
import { LearnedExposureAnalyzer } from './onnx-exposure';
import { defaultThreads, loadOrt, openSession, providerCandidates, ProviderName } from './onnx-session';
import type { FrameAnalyzer, LoadedAnalyzers } from './types';

type Ort = typeof import('onnxruntime-node');

export interface LearnedOptions {
  /** Folder holding the .onnx files and their .json cards; default: the repository's models/. */
  modelsDir?: string;
  /** Providers to try before the platform's default choice (benchmarks); `cpuOnly` still wins. */
  preferProviders?: ProviderName[];
  /** Intra-op threads per session; default from the CPU count and `settings.concurrency`. */
  threads?: number;
  /** Frames per inference call. */
  maxBatch?: number;
}

interface ModelCard {
  name: string;
  file: string;
  sha256: string;
  input: { name: string; shape: (string | number)[] };
  output: { name: string; shape: (string | number)[]; classes?: string[] };
  pooling?: BlurPooling;
}

// Small batches: per-frame speed is the same, but a batch of 8 grows ORT's memory arena to
// ~270 MB against ~95 MB at 2 (bench/experiments/ort-memory.js).
const DEFAULT_MAX_BATCH = 2;

/** The models/ folder, found by walking up from this file (works from extension/ and build/extension/). */
export function defaultModelsDir(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const cand = path.join(dir, 'models');
    if (fs.existsSync(path.join(cand, 'blur.json'))) return cand;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

interface LoadedModel {
  card: ModelCard;
  bytes: Uint8Array;
  version: string;
}

function readModel(dir: string, name: string): LoadedModel {
  const cardPath = path.join(dir, `${name}.json`);
  if (!fs.existsSync(cardPath)) throw new Error(`${name}: model card ${cardPath} not found`);
  const card = JSON.parse(fs.readFileSync(cardPath, 'utf8')) as ModelCard;
  const file = path.join(dir, card.file);
  if (!fs.existsSync(file)) throw new Error(`${name}: model file ${file} not found`);
  const bytes = fs.readFileSync(file);
  const sha = createHash('sha256').update(bytes).digest('hex');
  // The card's calibration belongs to exactly one set of weights.
  if (sha !== card.sha256) throw new Error(`${name}: ${card.file} does not match its card (sha256 ${sha.slice(0, 12)} ≠ ${String(card.sha256).slice(0, 12)})`);
  return { card, bytes, version: sha.slice(0, 12) };
}

export async function loadLearnedAnalyzers(settings: EngineSettings, options: LearnedOptions = {}): Promise<LoadedAnalyzers> {
  const none = (warning: string): LoadedAnalyzers => ({ analyzers: [], executionProvider: 'none', models: {}, warnings: [warning] });
  if (!settings.useModels) return none('learned models disabled (useModels is off)');
  const dir = options.modelsDir ?? defaultModelsDir();
  if (!dir) return none('learned models not found (no models/blur.json above the engine)');
  let ort: Ort;
  try {
    ort = loadOrt();
  } catch (e) {
    return none(`onnxruntime-node could not be loaded: ${(e as Error).message.split('\n')[0]}`);
  }
  const threads = options.threads ?? defaultThreads(settings.concurrency);
  const maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH);
  let candidates = providerCandidates(process.platform, settings.cpuOnly, ort.listSupportedBackends(), options.preferProviders);

  const analyzers: FrameAnalyzer[] = [];
  const models: Record<string, string> = {};
  const warnings: string[] = [];
  const providers: string[] = [];

  const open = async (m: LoadedModel, probeShape: number[]): Promise<InferenceSession> => {
    const probe = (s: InferenceSession): Promise<unknown> =>
      s.run({ [s.inputNames[0]]: new ort.Tensor('float32', new Float32Array(probeShape.reduce((a, b) => a * b, 1)).fill(0.5), probeShape) });
    const opened = await openSession(ort, m.bytes, candidates, threads, probe);
    for (const f of opened.failures) warnings.push(`${m.card.name}: provider ${f}; fell back`);
    // The next model starts from the provider that actually worked.
    candidates = candidates.slice(candidates.indexOf(opened.provider));
    providers.push(opened.provider);
    return opened.session;
  };

  try {
    const m = readModel(dir, 'blur');
    if (!m.card.pooling) throw new Error('blur: model card has no pooling calibration');
    const session = await open(m, [1, 1, 32, 32]);
    analyzers.push(new LearnedBlurAnalyzer(`learned-blur@${m.version}`, ort, session, m.card.pooling, maxBatch));
    models.blur = m.version;
  } catch (e) {
    warnings.push(`learned blur model not used: ${(e as Error).message}`);
  }
  try {
    const m = readModel(dir, 'exposure');
    const [, , h, w] = m.card.input.shape as number[];
    const classes = m.card.output.classes ?? [];
    const session = await open(m, [1, 3, h, w]);
    analyzers.push(new LearnedExposureAnalyzer(`learned-exposure@${m.version}`, ort, session, { width: w, height: h, classes }, maxBatch));
    models.exposure = m.version;
  } catch (e) {
    warnings.push(`learned exposure model not used: ${(e as Error).message}`);
  }
  const unique = [...new Set(providers)];
  return { analyzers, executionProvider: unique.length ? unique.join('+') : 'none', models, warnings };
}
