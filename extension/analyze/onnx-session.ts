// ONNX Runtime sessions with an execution-provider choice per platform and a verified fallback to
// the CPU. A provider only counts as "used" after a real inference on it succeeded: some fail at
// session creation (missing DirectML/CUDA libraries), others only on the first run.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

export type ProviderName = 'cpu' | 'cuda' | 'dml' | 'coreml' | 'webgpu';

type Ort = typeof import('onnxruntime-node');

export interface BackendInfo {
  name: string;
  bundled: boolean;
}

/** Loads onnxruntime-node lazily so that a missing or broken native binding is a warning, not a crash. */
export function loadOrt(): Ort {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('onnxruntime-node') as Ort;
}

/** True when the CUDA provider library of onnxruntime-node is installed next to its binding (its
 * postinstall fetches it; offline installs and most machines do not have it). */
function cudaLibraryPresent(): boolean {
  try {
    const binding = require.resolve('onnxruntime-node/package.json');
    const dir = path.join(path.dirname(binding), 'bin', 'napi-v6', 'linux', process.arch);
    return fs.existsSync(path.join(dir, 'libonnxruntime_providers_cuda.so'));
  } catch {
    return false;
  }
}

/**
 * Providers to try, best first. Our models are tiny (a few hundred MFLOP per frame), so a GPU only
 * pays off when it is a native one (DirectML, CoreML, CUDA); WebGPU's transfer and dispatch costs
 * outweigh the arithmetic at this size (see models/README.md), so it is only tried when asked for.
 */
export function providerCandidates(
  platform: NodeJS.Platform,
  cpuOnly: boolean,
  backends: BackendInfo[],
  prefer: ProviderName[] = [],
  cudaInstalled = cudaLibraryPresent(),
): ProviderName[] {
  if (cpuOnly) return ['cpu'];
  const listed = new Set(backends.map((b) => b.name));
  const out: ProviderName[] = [];
  const add = (p: ProviderName): void => {
    if (!out.includes(p)) out.push(p);
  };
  for (const p of prefer) if (p === 'cpu' || listed.has(p)) add(p);
  if (platform === 'win32' && listed.has('dml')) add('dml');
  if (platform === 'darwin' && listed.has('coreml')) add('coreml');
  if (platform === 'linux' && listed.has('cuda') && (backends.find((b) => b.name === 'cuda')?.bundled || cudaInstalled)) add('cuda');
  add('cpu');
  return out;
}

export interface OpenedSession {
  session: InferenceSession;
  provider: ProviderName;
  /** Providers that were tried and failed, with why. */
  failures: string[];
}

/** Intra-op threads: the engine already runs decoders and maybe several clips at once. */
export function defaultThreads(concurrency: number): number {
  return Math.max(1, Math.min(4, Math.floor(os.cpus().length / Math.max(1, concurrency))));
}

function sessionOptions(provider: ProviderName, threads: number): InferenceSession.SessionOptions {
  const opts: InferenceSession.SessionOptions = {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // Spinning intra-op threads burn the cores the decoder needs between our small batches
    // (bench: ~40 % less CPU per blur batch without spinning, same latency).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  // DirectML cannot use memory patterns or parallel execution.
  if (provider === 'dml') opts.enableMemPattern = false;
  return opts;
}

/**
 * Opens `model` on the first provider of `candidates` that both creates a session and runs
 * `probe` (a small real inference) without error.
 */
export async function openSession(
  ort: Ort,
  model: Uint8Array,
  candidates: ProviderName[],
  threads: number,
  probe: (s: InferenceSession) => Promise<unknown>,
): Promise<OpenedSession> {
  const failures: string[] = [];
  for (const provider of candidates) {
    let session: InferenceSession | null = null;
    try {
      session = await ort.InferenceSession.create(model, sessionOptions(provider, threads));
      await probe(session);
      return { session, provider, failures };
    } catch (e) {
      failures.push(`${provider}: ${firstLine((e as Error).message)}`);
      if (session) await session.release().catch(() => undefined);
    }
  }
  throw new Error(`no execution provider could run the model (${failures.join('; ')})`);
}

function firstLine(s: string): string {
  const line = String(s).split('\n')[0].trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Float32 data of an output tensor, whatever the runtime handed back. */
export function floatData(t: Tensor): Float32Array {
  const d = t.data;
  if (d instanceof Float32Array) return d;
  return Float32Array.from(d as ArrayLike<number>);
}
