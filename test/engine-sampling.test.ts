// Keyframe-aware sampling: which files get it (short GOP) and which fall back to the fixed-rate
// sampler, that its frames are the keyframes and its motion comes in bursts of consecutive frames
// at their true times, and that it rates footage like the fixed-rate sampler does — including
// finding *when* the camera starts shaking in a longer clip.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveSettings } from '../extension/contracts/settings';
import { createEngine, Engine } from '../extension/index';
import { resolveBinaries } from '../extension/media/ffmpeg';
import { keyframesNear, probeMedia } from '../extension/media/probe';
import type { Frame } from '../extension/analyze/types';
import type { ClipReport } from '../extension/contracts/report';
import { MotionFrame, planDecode, planSampling, SamplingPlan, sampleClip } from '../extension/media/sampler';
import { bidirIsExact } from '../extension/media/skipCheck';
import { clipPath, ensureClips, RECIPES, recipesIn } from './fixtures/clips';
import { runFfmpeg } from './fixtures/process';

const bins = resolveBinaries({ ffmpegPath: null, ffprobePath: null });
const settings = resolveSettings();
let tmp: string;
let engine: Engine;

const ffmpeg = runFfmpeg;

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

/** `seconds` at 30 fps, 320×180, keyframe every `gop` frames; locked off, hand-held jitter from 4.5 s. */
async function steadyThenShaky(gop: number, name: string, seconds = 9, extra: string[] = []): Promise<string> {
  const out = path.join(tmp, name);
  const jitter = "if(gte(t,4.5),7*(2*random(1)-1)+5*sin(2*PI*2.7*t),0)";
  const jitterY = "if(gte(t,4.5),7*(2*random(2)-1)+4*cos(2*PI*2.2*t),0)";
  await ffmpeg([
    '-loop', '1', '-framerate', '30', '-i', await stillPng,
    '-vf', `crop=320:180:x='150+${jitter}':y='90+${jitterY}'`, '-t', String(seconds), '-r', '30',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    ...extra, '-movflags', '+faststart', out,
  ]);
  return out;
}

let stillPng: Promise<string>;
let shortGop: string;
let longGop: string;
/** 12 s, keyframes at 0, 5 and 10 s, B-frames (x264 default pyramid): long enough to decode in parts. */
let longGop12: string;
/** The same, with open GOPs: B-frames shown before a keyframe reference the GOP before it. */
let longGop12Open: string;
/** HEVC (x265) with a B-pyramid whose reference B-frames other frames predict from. */
let hevcPyramid: string;

beforeAll(async () => {
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cliptriage-sampling-'));
  stillPng = still();
  hevcPyramid = path.join(tmp, 'hevc-pyramid.mp4');
  [shortGop, longGop, longGop12, longGop12Open] = await Promise.all([
    steadyThenShaky(30, 'short-gop.mp4'),
    steadyThenShaky(270, 'long-gop.mp4'),
    steadyThenShaky(150, 'long-gop-12s.mp4', 12),
    steadyThenShaky(150, 'long-gop-12s-open.mp4', 12, ['-x264-params', 'open-gop=1']),
    ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30,noise=alls=10:allf=t', '-t', '3',
      '-c:v', 'libx265', '-preset', 'veryfast', '-x265-params', 'keyint=150:min-keyint=150:bframes=3:b-pyramid=1:log-level=error', '-pix_fmt', 'yuv420p', hevcPyramid,
    ]),
  ]);
  await ensureClips([...recipesIn('quality'), 'one-frame', 'vfr', 'rotated', 'prores-10bit', 'interlaced', 'huge-8k', 'sparse-long']);
  engine = await createEngine({ noCache: true });
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
    for (const c of plan.chunks) {
      expect(c.burstStartsSec.length).toBeLessThanOrEqual(4);
      // Each process seeks its burst inputs to its bursts, then reads the keyframes from its first burst on.
      const seeks = c.inputArgs.filter((_, i, a) => a[i - 1] === '-ss').map(Number);
      expect(seeks.slice(0, c.burstStartsSec.length)).toEqual(c.burstStartsSec.map((v) => Number(v.toFixed(6))));
    }
  });

  test('bursts are spread over the processes that run side by side', async () => {
    const probed = await probeMedia(bins, shortGop);
    const plan = planSampling(probed, resolveSettings({ tuning: { motionBurstIntervalSec: 1, decodeProcesses: 2 } }));
    expect(plan.concurrency).toBe(2);
    expect(plan.chunks.length).toBeGreaterThanOrEqual(2);
    const sizes = plan.chunks.map((c) => c.burstStartsSec.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
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
    // One frame per keyframe (every second), none twice at a process boundary (processes run side
    // by side, so frames arrive in any order).
    expect(times.map((t) => Math.round(t * 1000) / 1000).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.frames).toBe(9);
    const burstFrames = Math.round(s.tuning.motionBurstSec * 30);
    const runs = new Map<number, number[]>();
    for (const m of motion) runs.set(m.run!, [...(runs.get(m.run!) ?? []), m.timeSec]);
    expect([...runs.keys()].sort((a, b) => a - b)).toEqual(plan.chunks.flatMap((c) => c.burstStartsSec).map((_, i) => i));
    [...runs.entries()].sort((a, b) => a[0] - b[0]).map(([, ts]) => ts).forEach((ts, i) => {
      expect(ts).toHaveLength(burstFrames);
      // Starts on the keyframe at or before its nominal time, then every frame at 30 fps.
      expect(ts[0]).toBeCloseTo(i * s.tuning.motionBurstIntervalSec, 2);
      ts.forEach((t, k) => expect(t - ts[0]).toBeCloseTo(k / 30, 3));
    });
  });
});

/** One shaky stretch, starting within `[from, to]` s and running to `endSec`, and no other flag. */
function expectShakyFrom(c: ClipReport, [from, to]: [number, number], endSec: number): void {
  expect(c.status).toBe('rated');
  expect(c.flags).toEqual(['shaky']);
  expect(c.segments).toHaveLength(1);
  expect(c.segments[0].startSec).toBeGreaterThanOrEqual(from);
  expect(c.segments[0].startSec).toBeLessThanOrEqual(to);
  expect(c.segments[0].endSec).toBeCloseTo(endSec, 0);
}

/** Every analysis frame (time and pixels) and motion frame of one decode, in time order. */
async function decodeAll(file: string, plan: SamplingPlan): Promise<{ frames: Frame[]; motion: MotionFrame[] }> {
  const probed = await probeMedia(bins, file);
  const frames: Frame[] = [];
  const motion: MotionFrame[] = [];
  await sampleClip(bins, file, probed, plan, { onFrame: (f) => void frames.push(f), onMotion: (m) => void motion.push(m) });
  frames.sort((a, b) => a.timeSec - b.timeSec);
  return { frames, motion };
}

describe('what a full (fixed-rate) decode decodes', () => {
  test('split points inside the stretch the probe read come from its keyframe map, without another ffprobe', async () => {
    const probed = await probeMedia(bins, longGop12);
    expect(probed.keyframes?.probedSec).toBeGreaterThanOrEqual(6);
    // An ffprobe that cannot start: a second probe would fail, and keyframesNear would answer [].
    const noProbe = { ...bins, ffprobe: path.join(os.tmpdir(), 'no-such-ffprobe') };
    expect(await keyframesNear(noProbe, probed, [6])).toEqual([5]);
    // Past the stretch it still asks ffprobe (here: cannot, so no split).
    expect(await keyframesNear(noProbe, probed, [probed.keyframes!.probedSec + 1])).toEqual([]);
  });

  test.each([
    ['closed', () => longGop12],
    ['open', () => longGop12Open],
  ])('a long clip (%s GOPs) is cut at a keyframe into parts decoded side by side, with the same frames as one process', async (_, clip) => {
    const file = clip();
    const probed = await probeMedia(bins, file);
    const s = resolveSettings({ tuning: { skipFrames: 'none' } });
    const split = await planDecode(bins, probed, s);
    expect(split.mode).toBe('fixed');
    expect(split.chunks).toHaveLength(2);
    expect(split.concurrency).toBe(2);
    // The second part starts on the keyframe at 5 s (just after it, so that the seek lands on it).
    expect(split.chunks[1].startSec).toBeGreaterThan(5);
    expect(split.chunks[1].startSec).toBeLessThan(5.2);
    const one = planSampling(probed, resolveSettings({ tuning: { skipFrames: 'none', decodeProcesses: 1 } }));
    expect(one.chunks).toHaveLength(1);
    const [a, b] = await Promise.all([decodeAll(file, split), decodeAll(file, one)]);
    // Same analysis frames, same pixels: none lost or doubled at the cut.
    expect(a.frames.map((f) => f.timeSec.toFixed(3))).toEqual(b.frames.map((f) => f.timeSec.toFixed(3)));
    expect(a.frames).toHaveLength(24);
    a.frames.forEach((f, i) => expect(Buffer.compare(Buffer.from(f.rgb), Buffer.from(b.frames[i].rgb))).toBe(0));
    // Motion: one run per part, each in time order, the second from the cut on.
    const runs = [...new Set(a.motion.map((m) => m.run))].sort();
    expect(runs).toEqual([0, 1]);
    for (const r of runs) {
      const ts = a.motion.filter((m) => m.run === r).map((m) => m.timeSec);
      expect(ts).toEqual([...ts].sort((x, y) => x - y));
      if (r === 0) expect(Math.max(...ts)).toBeLessThan(5);
      else expect(Math.min(...ts)).toBeGreaterThanOrEqual(4.99);
    }
    expect(Math.abs(a.motion.length - b.motion.length)).toBeLessThanOrEqual(2);
  });

  test.each(['noref', 'bidir'] as const)('skipping frames (%s) never changes a decoded picture', async (skipFrames) => {
    const probed = await probeMedia(bins, longGop12);
    expect(probed.hasBFrames).toBe(true);
    const plan = (skip: 'none' | 'noref' | 'bidir') => planSampling(probed, resolveSettings({ tuning: { skipFrames: skip, decodeProcesses: 1 } }));
    const [skipped, full] = await Promise.all([decodeAll(longGop12, plan(skipFrames)), decodeAll(longGop12, plan('none'))]);
    expect(plan(skipFrames).chunks[0].inputArgs.join(' ')).toContain(`-skip_frame ${skipFrames}`);
    const fullAt = new Map(full.frames.map((f) => [f.timeSec.toFixed(3), f]));
    const same = skipped.frames.filter((f) => fullAt.has(f.timeSec.toFixed(3)));
    // Fewer frames decoded, so some samples move to the next decoded frame; where both have the
    // same frame, every pixel is the same.
    expect(same.length).toBeGreaterThanOrEqual(6);
    expect(same.length).toBeLessThan(skipped.frames.length);
    for (const f of same) expect(Buffer.compare(Buffer.from(f.rgb), Buffer.from(fullAt.get(f.timeSec.toFixed(3))!.rgb))).toBe(0);
    // The analysis rate holds: two frames a second, none twice.
    expect(skipped.frames.length).toBe(24);
    // Motion frames are real decoded frames, evenly spaced and at most motionFps.
    const gaps = skipped.motion.slice(1).map((m, i) => m.timeSec - skipped.motion[i].timeSec);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.95 / settings.motionFps - 1e-3);
  });

  test('auto skipping: every B-frame where a check shows it exact (x264), only unreferenced frames where not (x265)', async () => {
    const s = resolveSettings({ tuning: { skipCheckMinSec: 0 } });
    const x264 = await planDecode(bins, await probeMedia(bins, longGop12), s);
    expect(x264.skipFrames).toBe('bidir');
    expect(x264.skipCheckSec).toBe(s.tuning.skipCheckSec);
    expect(x264.chunks[0].inputArgs.join(' ')).toContain('-skip_frame bidir');
    const hevcProbe = await probeMedia(bins, hevcPyramid);
    expect(hevcProbe.hasBFrames).toBe(true);
    const hevc = await planDecode(bins, hevcProbe, s);
    expect(hevc.skipFrames).toBe('noref');
    // Why the check matters: skipping every B-frame of this stream changes pictures.
    expect(await bidirIsExact(bins, hevcPyramid, 1)).toBe(false);
    const full = await decodeAll(hevcPyramid, planSampling(hevcProbe, resolveSettings({ tuning: { skipFrames: 'none', decodeProcesses: 1 } })));
    const bidir = await decodeAll(hevcPyramid, planSampling(hevcProbe, resolveSettings({ tuning: { skipFrames: 'bidir', decodeProcesses: 1 } })));
    const fullAt = new Map(full.frames.map((f) => [f.timeSec.toFixed(3), f.rgb]));
    const changed = bidir.frames.filter((f) => fullAt.has(f.timeSec.toFixed(3)) && Buffer.compare(Buffer.from(f.rgb), Buffer.from(fullAt.get(f.timeSec.toFixed(3))!)) !== 0);
    expect(changed.length).toBeGreaterThan(0);
    // Short clips are not worth the check: unreferenced frames only.
    expect((await planDecode(bins, await probeMedia(bins, longGop12), settings)).skipFrames).toBe('noref');
  });

  test('the shake in a long clip decoded in parts is found where it starts', async () => {
    const [c] = (await engine.rate([{ key: 'long12', path: longGop12 }])).clips;
    // Shake starts at 4.5 s; 1 s windows at 2 fps motion place it in the window it starts in or the one before.
    expectShakyFrom(c, [4, 5], 12);
  });
});

describe('rating with keyframe sampling', () => {
  test('finds when the camera starts shaking, like the fixed-rate sampler on the long-GOP copy', async () => {
    const report = await engine.rate([
      { key: 'short', path: shortGop },
      { key: 'long', path: longGop },
    ]);
    const [short, long] = report.clips;
    // Shake starts at 4.5 s; bursts every 3 s place it within their spacing.
    for (const c of [short, long]) expectShakyFrom(c, [3, 6], 9);
    // Keyframe sampling analyses the 9 keyframes; the fixed-rate sampler 2 fps.
    expect(short.framesAnalyzed).toBe(9);
    expect(long.framesAnalyzed).toBe(18);
  });

  const gopFixtures = () => recipesIn('quality').filter((n) => RECIPES[n].expect.flags && !RECIPES[n].expect.knownMiss);
  test('every short-GOP quality fixture gets the same flags from both samplers', async () => {
    const names = gopFixtures();
    const eligible: string[] = [];
    for (const n of names) if (planSampling(await probeMedia(bins, clipPath(n)), settings).mode === 'keyframes') eligible.push(n);
    expect(eligible.length).toBeGreaterThan(5); // the fixtures are 1 s GOP: most take the keyframe path
    const items = eligible.map((n) => ({ key: n, path: clipPath(n) }));
    const fixedEngine = await createEngine({ noCache: true, tuning: { gopSampling: false } });
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
