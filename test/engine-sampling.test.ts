// Keyframe-aware sampling: which files get it (short GOP) and which fall back to the fixed-rate
// sampler, that its frames are the keyframes and its motion comes in bursts of consecutive frames
// at their true times, and that it rates footage like the fixed-rate sampler does — including
// finding *when* the camera starts shaking in a longer clip.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveSettings } from '../extension/contracts/settings';
import { createEngine, Engine } from '../extension/index';
import { resolveBinaries } from '../extension/media/ffmpeg';
import { probeMedia } from '../extension/media/probe';
import { MotionFrame, planSampling, sampleClip } from '../extension/media/sampler';
import { clipPath, ensureClips, RECIPES, recipesIn } from './fixtures/clips';

const bins = resolveBinaries({ ffmpegPath: null, ffprobePath: null });
const settings = resolveSettings();
let tmp: string;
let engine: Engine;

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(bins.ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${err.slice(-1000)}`))));
  });
}

/** A textured still (fractal + noise), 640×360, for camera moves cropped out of it. */
async function still(): Promise<string> {
  const out = path.join(tmp, 'still.png');
  await ffmpeg([
    '-f', 'lavfi', '-i', 'mandelbrot=s=640x360:start_x=-0.7436438870371587:start_y=0.1318259042053:start_scale=0.0002:end_scale=0.0002:maxiter=300',
    '-f', 'lavfi', '-i', "nullsrc=s=160x90,geq=lum='random(1)*255':cb=128:cr=128,scale=640:360:flags=bicubic",
    '-filter_complex', "[0]format=rgb24[a];[1]format=rgb24[b];[a][b]blend=all_expr='A*0.6+B*0.4'", '-frames:v', '1', out,
  ]);
  return out;
}

/** 9 s at 30 fps, 320×180, keyframe every `gop` frames; locked off, hand-held jitter from 4.5 s. */
async function steadyThenShaky(gop: number, name: string): Promise<string> {
  const out = path.join(tmp, name);
  const jitter = "if(gte(t,4.5),7*(2*random(1)-1)+5*sin(2*PI*2.7*t),0)";
  const jitterY = "if(gte(t,4.5),7*(2*random(2)-1)+4*cos(2*PI*2.2*t),0)";
  await ffmpeg([
    '-loop', '1', '-framerate', '30', '-i', await stillPng,
    '-vf', `crop=320:180:x='150+${jitter}':y='90+${jitterY}'`, '-t', '9', '-r', '30',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    '-movflags', '+faststart', out,
  ]);
  return out;
}

let stillPng: Promise<string>;
let shortGop: string;
let longGop: string;

beforeAll(async () => {
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cliptriage-sampling-'));
  stillPng = still();
  [shortGop, longGop] = await Promise.all([steadyThenShaky(30, 'short-gop.mp4'), steadyThenShaky(270, 'long-gop.mp4')]);
  await ensureClips([...recipesIn('quality'), 'one-frame', 'vfr', 'rotated', 'prores-10bit', 'interlaced', 'huge-8k', 'sparse-long']);
  engine = await createEngine({ noCache: true, useModels: false });
});

afterAll(async () => {
  await engine?.close();
  if (tmp) await fs.promises.rm(tmp, { recursive: true, force: true });
});

describe('choosing the sampler', () => {
  test('a 1 s GOP file is sampled at its keyframes; a long-GOP file at a fixed rate', async () => {
    const short = await probeMedia(bins, shortGop);
    expect(short.keyframes?.medianIntervalSec).toBeCloseTo(1, 2);
    expect(planSampling(short, settings).mode).toBe('keyframes');
    const long = await probeMedia(bins, longGop);
    expect(planSampling(long, settings).mode).toBe('fixed');
    expect(planSampling(long, settings).reason).toMatch(/long GOP/);
  });

  test('switched off by the setting', async () => {
    const short = await probeMedia(bins, shortGop);
    expect(planSampling(short, resolveSettings({ tuning: { gopSampling: false } })).mode).toBe('fixed');
  });

  test.each(['one-frame', 'vfr', 'rotated', 'prores-10bit', 'interlaced', 'huge-8k', 'sparse-long'])('odd file %s falls back to fixed-rate sampling', async (name) => {
    const probed = await probeMedia(bins, clipPath(name));
    expect(planSampling(probed, settings).mode).toBe('fixed');
  });

  test('long clips are split into processes of at most motionBurstsPerProcess bursts, covering the same frames', async () => {
    const probed = await probeMedia(bins, shortGop);
    const s = resolveSettings({ tuning: { motionBurstIntervalSec: 1, motionBurstsPerProcess: 4 } });
    const plan = planSampling(probed, s);
    const all = plan.chunks.flatMap((c) => c.burstStartsSec);
    expect(plan.chunks.length).toBe(Math.ceil(all.length / 4));
    for (const c of plan.chunks) expect(c.burstStartsSec.length).toBeLessThanOrEqual(4);
    // The single-command form (the benchmark's decode floor) seeks to the same bursts.
    const seeks = plan.inputArgs.filter((_, i, a) => a[i - 1] === '-ss').map(Number);
    expect(seeks).toEqual(all.map((v) => Number(v.toFixed(4))));
  });
});

describe('what keyframe sampling decodes', () => {
  test('analysis frames are the keyframes, motion frames are bursts of consecutive frames at their true times', async () => {
    const probed = await probeMedia(bins, shortGop);
    const s = resolveSettings({ tuning: { motionBurstsPerProcess: 2 } }); // several processes
    const plan = planSampling(probed, s);
    const times: number[] = [];
    const motion: MotionFrame[] = [];
    const r = await sampleClip(bins, shortGop, probed, plan, { onFrame: (f) => void times.push(f.timeSec), onMotion: (m) => void motion.push(m) });
    // One frame per keyframe (every second), none twice at a process boundary.
    expect(times.map((t) => Math.round(t * 1000) / 1000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.frames).toBe(9);
    const burstFrames = Math.round(s.tuning.motionBurstSec * 30);
    const runs = new Map<number, number[]>();
    for (const m of motion) runs.set(m.run!, [...(runs.get(m.run!) ?? []), m.timeSec]);
    expect([...runs.keys()]).toEqual(plan.chunks.flatMap((c) => c.burstStartsSec).map((_, i) => i));
    [...runs.values()].forEach((ts, i) => {
      expect(ts).toHaveLength(burstFrames);
      // Starts on the keyframe at or before its nominal time, then every frame at 30 fps.
      expect(ts[0]).toBeCloseTo(i * s.tuning.motionBurstIntervalSec, 2);
      ts.forEach((t, k) => expect(t - ts[0]).toBeCloseTo(k / 30, 3));
    });
  });
});

describe('rating with keyframe sampling', () => {
  test('finds when the camera starts shaking, like the fixed-rate sampler on the long-GOP copy', async () => {
    const report = await engine.rate([
      { key: 'short', path: shortGop },
      { key: 'long', path: longGop },
    ]);
    const [short, long] = report.clips;
    for (const c of [short, long]) {
      expect(c.status).toBe('rated');
      expect(c.flags).toEqual(['shaky']);
      expect(c.segments).toHaveLength(1);
      // Shake starts at 4.5 s; bursts every 3 s place it within their spacing.
      expect(c.segments[0].startSec).toBeGreaterThanOrEqual(3);
      expect(c.segments[0].startSec).toBeLessThanOrEqual(6);
      expect(c.segments[0].endSec).toBeCloseTo(9, 0);
    }
    // Keyframe sampling analyses the 9 keyframes; the fixed-rate sampler 2 fps.
    expect(short.framesAnalyzed).toBe(9);
    expect(long.framesAnalyzed).toBe(18);
  });

  const gopFixtures = () => recipesIn('quality').filter((n) => RECIPES[n].expect.flags);
  test('every short-GOP quality fixture gets the same flags from both samplers', async () => {
    const names = gopFixtures();
    const eligible: string[] = [];
    for (const n of names) if (planSampling(await probeMedia(bins, clipPath(n)), settings).mode === 'keyframes') eligible.push(n);
    expect(eligible.length).toBeGreaterThan(5); // the fixtures are 1 s GOP: most take the keyframe path
    const items = eligible.map((n) => ({ key: n, path: clipPath(n) }));
    const fixedEngine = await createEngine({ noCache: true, useModels: false, tuning: { gopSampling: false } });
    try {
      for (const n of eligible) {
        const s = RECIPES[n].expect.settings ?? {};
        const [gop] = (await engine.rate([{ key: n, path: clipPath(n) }], { settings: s })).clips;
        const [fixed] = (await fixedEngine.rate([{ key: n, path: clipPath(n) }], { settings: s })).clips;
        expect({ n, flags: gop.flags }).toEqual({ n, flags: fixed.flags });
        expect({ n, flags: gop.flags }).toEqual({ n, flags: RECIPES[n].expect.flags });
      }
    } finally {
      await fixedEngine.close();
    }
    expect(items.length).toBe(eligible.length);
  });
});
