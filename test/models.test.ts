// The committed learned models: their ONNX contract, the loader's provider choice and fallbacks,
// and their decisions on real frames decoded by ffmpeg at test time from the shared fixture clips
// (a textured synthetic scene no model was trained on), plus degradations applied while decoding.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ort from 'onnxruntime-node';
import { resolveSettings } from '../extension/contracts/settings';
import { defaultModelsDir, loadLearnedAnalyzers } from '../extension/analyze/learned';
import { LearnedBlurAnalyzer, poolBlur } from '../extension/analyze/onnx-blur';
import { LearnedExposureAnalyzer } from '../extension/analyze/onnx-exposure';
import { providerCandidates } from '../extension/analyze/onnx-session';
import type { AnalysisContext, Frame, LoadedAnalyzers } from '../extension/analyze/types';
import { resolveBinaries } from '../extension/media/ffmpeg';
import { clipPath, ensureClips } from './fixtures/clips';

const MODELS = path.resolve(__dirname, '..', 'models');
const settings = resolveSettings({ cpuOnly: true, useModels: true });
const ON = settings.thresholds;
const WIDTH = settings.analysisWidth;

/** Decodes `count` frames of `clip` (through an optional degradation) to RGB24 at WIDTH px wide. */
function frames(clip: string, degrade = '', count = 3): Promise<Frame[]> {
  const ffmpeg = resolveBinaries({ ffmpegPath: null, ffprobePath: null }).ffmpeg;
  const vf = `${degrade ? `${degrade},` : ''}scale=${WIDTH}:-2:flags=bicubic,format=rgb24`;
  const args = ['-v', 'error', '-nostdin', '-i', clip, '-vf', vf, '-frames:v', String(count), '-f', 'rawvideo', 'pipe:1'];
  return new Promise((resolve, reject) => {
    execFile(ffmpeg, args, { encoding: 'buffer', maxBuffer: 64 << 20 }, (err, out) => {
      if (err) return reject(err);
      const h = Math.round((WIDTH * 360) / 640 / 2) * 2; // fixture clips are 640x360
      const size = WIDTH * h * 3;
      if (out.length !== size * count) return reject(new Error(`expected ${count} frames of ${WIDTH}x${h}, got ${out.length} bytes`));
      resolve(Array.from({ length: count }, (_, i) => ({ timeSec: i, width: WIDTH, height: h, rgb: new Uint8Array(out.subarray(i * size, (i + 1) * size)) })));
    });
  });
}

/** An exposure change (linear-light gain) applied to gamma-2.2 pixels, clipped — as a camera would. */
function ev(gain: number): string {
  const e = `clip(255*pow(pow(val/255\\,2.2)*${gain}\\,1/2.2)\\,0\\,255)`;
  return `lutrgb=r='${e}':g='${e}':b='${e}'`;
}

const ctx = (mode: AnalysisContext['footageMode'] = 'standard'): AnalysisContext => ({
  media: { durationSec: 3, fps: 30, width: 640, height: 360 } as AnalysisContext['media'],
  footageMode: mode,
  settings,
});

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('committed ONNX models', () => {
  const cards = ['blur', 'exposure'].map((n) => JSON.parse(fs.readFileSync(path.join(MODELS, `${n}.json`), 'utf8')));

  test('are small, match their cards and use opset <= 17', () => {
    for (const c of cards) {
      const bytes = fs.readFileSync(path.join(MODELS, c.file));
      expect(bytes.length).toBeLessThanOrEqual(5 * 1024 * 1024);
      expect(bytes.length).toBe(c.bytes);
      expect(require('crypto').createHash('sha256').update(bytes).digest('hex')).toBe(c.sha256);
      expect(c.opset).toBeLessThanOrEqual(17);
    }
    expect(defaultModelsDir()).toBe(MODELS);
  });

  test('blur model: luma [N,1,H,W] in, [N,2,ceil(H/16),ceil(W/16)] cells out, batch and size dynamic', async () => {
    const s = await ort.InferenceSession.create(path.join(MODELS, 'blur.onnx'));
    expect(s.inputNames).toEqual(['luma']);
    expect(s.outputNames).toEqual(['cells']);
    for (const [n, h, w] of [[1, 216, 384], [3, 216, 384], [2, 240, 320], [1, 100, 70]]) {
      const r = await s.run({ luma: new ort.Tensor('float32', new Float32Array(n * h * w).fill(0.4), [n, 1, h, w]) });
      expect(r.cells.dims).toEqual([n, 2, Math.ceil(h / 16), Math.ceil(w / 16)]);
      expect(Array.from(r.cells.data as Float32Array).every(Number.isFinite)).toBe(true);
    }
    await s.release();
  });

  test('exposure model: rgb [N,3,72,128] in, [N,3] logits out, batch dynamic', async () => {
    const s = await ort.InferenceSession.create(path.join(MODELS, 'exposure.onnx'));
    expect(s.inputNames).toEqual(['rgb']);
    expect(s.outputNames).toEqual(['logits']);
    for (const n of [1, 5]) {
      const r = await s.run({ rgb: new ort.Tensor('float32', new Float32Array(n * 3 * 72 * 128).fill(0.5), [n, 3, 72, 128]) });
      expect(r.logits.dims).toEqual([n, 3]);
    }
    await s.release();
  });
});

describe('execution provider choice', () => {
  const all = [{ name: 'cpu', bundled: true }, { name: 'dml', bundled: true }, { name: 'coreml', bundled: true }, { name: 'webgpu', bundled: true }, { name: 'cuda', bundled: false }];
  test('platform GPU provider first, CPU always last, cpuOnly wins', () => {
    expect(providerCandidates('win32', false, all)).toEqual(['dml', 'cpu']);
    expect(providerCandidates('darwin', false, all)).toEqual(['coreml', 'cpu']);
    expect(providerCandidates('linux', false, all, [], false)).toEqual(['cpu']);
    expect(providerCandidates('linux', false, all, [], true)).toEqual(['cuda', 'cpu']);
    expect(providerCandidates('linux', false, all, ['webgpu'], false)).toEqual(['webgpu', 'cpu']);
    expect(providerCandidates('win32', true, all, ['webgpu'])).toEqual(['cpu']);
    // A provider the runtime does not list is never tried.
    expect(providerCandidates('win32', false, [{ name: 'cpu', bundled: true }])).toEqual(['cpu']);
  });

  test('a provider that cannot run falls back to the CPU and says so', async () => {
    const r = await loadLearnedAnalyzers(resolveSettings({ cpuOnly: false, useModels: true }), { preferProviders: ['cuda'], threads: 1 });
    // Where CUDA's libraries are missing (as on CI machines) it fails, falls back, and says so.
    expect(r.analyzers).toHaveLength(2);
    if (r.executionProvider !== 'cuda') {
      expect(r.executionProvider).toBe('cpu');
      expect(r.warnings.join('\n')).toMatch(/blur: provider cuda: .+; fell back/);
    }
    await Promise.all(r.analyzers.map((a) => a.dispose?.()));
  });
});

describe('loadLearnedAnalyzers', () => {
  let loaded: LoadedAnalyzers;
  beforeAll(async () => {
    loaded = await loadLearnedAnalyzers(settings, { threads: 1 });
  });
  afterAll(async () => {
    await Promise.all(loaded.analyzers.map((a) => a.dispose?.()));
  });

  test('loads both models on the CPU with content-hash versions', () => {
    expect(loaded.warnings).toEqual([]);
    expect(loaded.executionProvider).toBe('cpu');
    expect(loaded.analyzers.map((a) => a.flags)).toEqual([['blurry'], ['dark', 'bright']]);
    const cards = ['blur', 'exposure'].map((n) => JSON.parse(fs.readFileSync(path.join(MODELS, `${n}.json`), 'utf8')));
    expect(loaded.models).toEqual({ blur: cards[0].sha256.slice(0, 12), exposure: cards[1].sha256.slice(0, 12) });
    expect(loaded.analyzers[0].id).toBe(`learned-blur@${cards[0].sha256.slice(0, 12)}`);
  });

  test('is off when useModels is off, and reports a missing or altered model instead of failing', async () => {
    const off = await loadLearnedAnalyzers(resolveSettings({ useModels: false }));
    expect(off.analyzers).toEqual([]);
    expect(off.executionProvider).toBe('none');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-models-'));
    try {
      const missing = await loadLearnedAnalyzers(settings, { modelsDir: dir });
      expect(missing.analyzers).toEqual([]);
      expect(missing.warnings.join('\n')).toMatch(/blur.*not found/);

      for (const f of ['blur.onnx', 'blur.json', 'exposure.onnx']) fs.copyFileSync(path.join(MODELS, f), path.join(dir, f));
      const card = JSON.parse(fs.readFileSync(path.join(MODELS, 'exposure.json'), 'utf8'));
      fs.writeFileSync(path.join(dir, 'exposure.json'), JSON.stringify({ ...card, sha256: '0'.repeat(64) }));
      const altered = await loadLearnedAnalyzers(settings, { modelsDir: dir, threads: 1 });
      expect(altered.analyzers.map((a) => a.flags[0])).toEqual(['blurry']);
      expect(altered.models.exposure).toBeUndefined();
      expect(altered.warnings.join('\n')).toMatch(/exposure.*does not match its card/);
      await Promise.all(altered.analyzers.map((a) => a.dispose?.()));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rejects a frame whose buffer does not match its size', async () => {
    const bad: Frame = { timeSec: 1.5, width: 64, height: 32, rgb: new Uint8Array(10) };
    await expect(loaded.analyzers[0].analyze([bad], ctx())).rejects.toThrow(/1.5s.*64x32/);
  });
});

describe('pooling', () => {
  const prm = { sharpestFraction: 0.1, minEvidence: 2, prior: 0.3, priorWeight: 4 };
  test('a sharp region keeps the frame sharp; textureless cells barely vote', () => {
    const n = 100;
    const blurry = new Array(n).fill(0.95);
    const textured = new Array(n).fill(1);
    expect(poolBlur(blurry, textured, prm)).toBeGreaterThan(0.9);
    const region = blurry.map((p, i) => (i < 15 ? 0.05 : p)); // 15 % of the frame sharp
    expect(poolBlur(region, textured, prm)).toBeLessThan(0.2);
    // Sharp-looking cells without texture (flat sky) are not evidence of sharpness.
    expect(poolBlur(region, textured.map((w, i) => (i < 15 ? 0 : w)), prm)).toBeGreaterThan(0.9);
    // A frame with no texture at all reads as the prior, not as blurry.
    expect(poolBlur(blurry, new Array(n).fill(0), prm)).toBeCloseTo(prm.prior, 5);
  });
});

describe('decisions on frames decoded by ffmpeg', () => {
  let blur: LearnedBlurAnalyzer;
  let expo: LearnedExposureAnalyzer;
  let loaded: LoadedAnalyzers;
  beforeAll(async () => {
    await ensureClips(['sharp-steady', 'sharp-pan', 'motion-blur', 'subject-motion', 'shallow-dof']);
    loaded = await loadLearnedAnalyzers(settings, { threads: 1 });
    blur = loaded.analyzers.find((a) => a instanceof LearnedBlurAnalyzer) as LearnedBlurAnalyzer;
    expo = loaded.analyzers.find((a) => a instanceof LearnedExposureAnalyzer) as LearnedExposureAnalyzer;
  }, 300000);
  afterAll(async () => {
    await Promise.all(loaded.analyzers.map((a) => a.dispose?.()));
  });

  const blurOf = async (clip: string, degrade = ''): Promise<number[]> =>
    (await blur.analyze(await frames(clipPath(clip), degrade), ctx())).map((s) => s.blurry as number);

  test('sharp texture is not blurry; defocus and camera motion blur are', async () => {
    const sharp = [...(await blurOf('sharp-steady')), ...(await blurOf('sharp-pan'))];
    expect(Math.max(...sharp)).toBeLessThan(ON.blurry.off);
    for (const degrade of ['gblur=sigma=2.5', 'boxblur=luma_radius=2:luma_power=2:chroma_radius=2:chroma_power=2']) {
      expect(Math.min(...(await blurOf('sharp-steady', degrade)))).toBeGreaterThanOrEqual(ON.blurry.on);
    }
    // Straight-line camera motion (horizontal, then vertical) and the fixture's shutter-smeared fast pan.
    expect(Math.min(...(await blurOf('sharp-steady', 'avgblur=sizeX=9:sizeY=0')))).toBeGreaterThanOrEqual(ON.blurry.on);
    expect(Math.min(...(await blurOf('sharp-steady', 'transpose=1,avgblur=sizeX=9:sizeY=0,transpose=2')))).toBeGreaterThanOrEqual(ON.blurry.on);
    expect(mean(await blurOf('motion-blur'))).toBeGreaterThanOrEqual(ON.blurry.on);
  });

  test('a motion-blurred subject or a soft background does not make the frame blurry', async () => {
    expect(Math.max(...(await blurOf('subject-motion')))).toBeLessThan(ON.blurry.on);
    expect(Math.max(...(await blurOf('shallow-dof')))).toBeLessThan(ON.blurry.on);
  });

  test('-3 EV reads dark, +2.5 EV reads bright, the original neither', async () => {
    const score = async (degrade: string) => expo.analyze(await frames(clipPath('sharp-steady'), degrade), ctx());
    for (const s of await score('')) {
      expect(s.dark).toBeLessThan(ON.dark.off);
      expect(s.bright).toBeLessThan(ON.bright.off);
    }
    for (const s of await score(ev(0.125))) {
      expect(s.dark).toBeGreaterThanOrEqual(ON.dark.on);
      expect(s.bright).toBeLessThan(ON.bright.off);
    }
    for (const s of await score(ev(5.66))) {
      expect(s.bright).toBeGreaterThanOrEqual(ON.bright.on);
      expect(s.dark).toBeLessThan(ON.dark.off);
    }
    // Log and HDR footage are not what the model learned: it abstains there.
    expect(await expo.analyze(await frames(clipPath('sharp-steady'), ev(0.125)), ctx('log'))).toEqual([{}, {}, {}]);
  });
});
