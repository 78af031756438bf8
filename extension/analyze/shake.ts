// Shake: the camera path (accumulated global shifts between consecutive motion frames) minus its
// smoothed path is the jitter. The smooth path is a local straight-line fit over
// `shakeSmoothingSec`, so constant-speed pans and tracking shots leave no residual, while
// hand-held jitter does. Jitter is measured as RMS % of the frame diagonal over ~1 s.
// The path comes in runs — one per burst of consecutive frames with keyframe-aware sampling (~0.3 s
// at the native rate), one per part of a fixed-rate decode cut in parts: no motion is measured
// across a gap, and fits and windows stay inside a run,
// so a burst's jitter is its frames' deviation from constant velocity — a smooth pan has none,
// hand-held jitter changes speed and direction from frame to frame.

import type { CameraStyle } from '../contracts/report';
import type { EngineSettings } from '../contracts/settings';
import { quantile, ramp } from '../util/ramp';
import { estimateShift, isCut } from './motion';
import type { MotionFrame } from '../media/sampler';

/** Part of the result cache's key: bump when the camera path measured from the same frames changes (2: repeating patterns). */
export const CAMERA_PATH_ID = 'camera-path@2';

export interface ShakeSample {
  timeSec: number;
  /** RMS jitter around this time, % of the frame diagonal. */
  jitterPct: number;
  score: number;
}

/** One run's camera path: accumulated shifts at each frame time. */
interface RunPath {
  /** Internal id: a cut inside a run starts a new path. */
  id: number;
  prev: MotionFrame;
  times: number[];
  xs: number[];
  ys: number[];
}

/**
 * Accumulates shifts frame by frame, keeping only each run's previous frame in memory. Runs may
 * interleave (parts of a clip decoded side by side); frames within a run come in time order.
 */
export class CameraPathTracker {
  private readonly paths = new Map<number, RunPath>();
  private readonly done: RunPath[] = [];
  private nextId = 0;
  private diag = 1;

  constructor(
    private readonly maxShiftFraction: number,
    private readonly minAgreeFraction = 0.3,
    private readonly cutOverlap = 0.5,
  ) {}

  push(f: MotionFrame): void {
    const run = f.run ?? 0;
    const path = this.paths.get(run);
    // A cut is never shake: the camera path restarts after it.
    if (!path || isCut(path.prev.gray, f.gray, this.cutOverlap)) {
      if (path) this.done.push(path);
      this.diag = Math.hypot(f.width, f.height);
      this.paths.set(run, { id: this.nextId++, prev: f, times: [f.timeSec], xs: [0], ys: [0] });
      return;
    }
    const s = estimateShift(path.prev.gray, f.gray, f.width, f.height, this.maxShiftFraction, this.minAgreeFraction);
    const n = path.xs.length;
    // An unreliable pair (a moving subject on a flat background, a flash, a flat frame)
    // contributes no motion rather than a random jump.
    path.times.push(f.timeSec);
    path.xs.push(path.xs[n - 1] + (s.reliable ? s.dx : 0));
    path.ys.push(path.ys[n - 1] + (s.reliable ? s.dy : 0));
    path.prev = f;
  }

  /** Median camera speed (% of the frame diagonal per second) over the paths. */
  speedPct(): number {
    const v: number[] = [];
    for (const p of [...this.done, ...this.paths.values()]) {
      for (let i = 1; i < p.times.length; i++) {
        const dt = p.times[i] - p.times[i - 1];
        if (dt > 0) v.push((Math.hypot(p.xs[i] - p.xs[i - 1], p.ys[i] - p.ys[i - 1]) / this.diag / dt) * 100);
      }
    }
    return v.length ? quantile(v, 0.5) : 0;
  }

  /** Every run's points, runs in time order, each run contiguous. */
  private flatten(): { times: number[]; xs: number[]; ys: number[]; runs: number[] } {
    const out = { times: [] as number[], xs: [] as number[], ys: [] as number[], runs: [] as number[] };
    const ordered = [...this.done, ...this.paths.values()].sort((a, b) => a.times[0] - b.times[0]);
    for (const p of ordered) {
      out.times.push(...p.times);
      out.xs.push(...p.xs);
      out.ys.push(...p.ys);
      for (let i = 0; i < p.times.length; i++) out.runs.push(p.id);
    }
    return out;
  }

  samples(settings: EngineSettings): ShakeSample[] {
    const { times, xs, ys, runs } = this.flatten();
    const n = times.length;
    if (n < 3) return [];
    const half = settings.tuning.shakeSmoothingSec / 2;
    const res = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const rx = residual(times, xs, runs, i, half);
      const ry = residual(times, ys, runs, i, half);
      res[i] = (Math.hypot(rx, ry) / this.diag) * 100;
    }
    const w = settings.windowSec / 2;
    const out: ShakeSample[] = [];
    const lengths = runLengths(runs);
    for (let i = 0; i < n; i++) {
      // A run too short to fit a line to says nothing about jitter.
      if (lengths[i] < 3) continue;
      const local: number[] = [];
      for (let j = i; j >= 0 && runs[j] === runs[i] && times[i] - times[j] <= w; j--) local.push(res[j] * res[j]);
      for (let j = i + 1; j < n && runs[j] === runs[i] && times[j] - times[i] <= w; j++) local.push(res[j] * res[j]);
      // Drop the largest tenth: one glitch (a cut that slipped through) is not shake.
      local.sort((a, b) => a - b);
      const keep = Math.max(1, Math.ceil(local.length * 0.9));
      let s = 0;
      for (let k = 0; k < keep; k++) s += local[k];
      const jitterPct = Math.sqrt(s / keep);
      out.push({ timeSec: times[i], jitterPct, score: ramp(jitterPct, settings.tuning.shakeJitterPct) });
    }
    return out;
  }
}

/** Length of the run each point belongs to. */
function runLengths(runs: number[]): number[] {
  const out = new Array<number>(runs.length);
  for (let a = 0; a < runs.length; ) {
    let b = a;
    while (b + 1 < runs.length && runs[b + 1] === runs[a]) b++;
    for (let k = a; k <= b; k++) out[k] = b - a + 1;
    a = b + 1;
  }
  return out;
}

/** p[i] minus the least-squares line through the points of its run within ±half seconds of t[i]. */
function residual(t: number[], p: number[], runs: number[], i: number, half: number): number {
  let sw = 0, st = 0, sp = 0, stt = 0, stp = 0;
  for (let j = i; j >= 0 && runs[j] === runs[i] && t[i] - t[j] <= half; j--) add(j);
  for (let j = i + 1; j < t.length && runs[j] === runs[i] && t[j] - t[i] <= half; j++) add(j);
  function add(j: number) {
    const x = t[j] - t[i];
    sw++;
    st += x;
    sp += p[j];
    stt += x * x;
    stp += x * p[j];
  }
  const den = sw * stt - st * st;
  if (sw < 3 || Math.abs(den) < 1e-12) return 0;
  const slope = (sw * stp - st * sp) / den;
  const icpt = (sp - slope * st) / sw;
  return p[i] - icpt; // fit evaluated at x = 0, i.e. at t[i]
}

/** What a camera operator would call the clip's camera work, from its path (settings.tuning.cameraStyle). */
export function cameraStyle(samples: ShakeSample[], speedPct: number, t: EngineSettings['tuning']['cameraStyle']): CameraStyle | null {
  if (!samples.length) return null;
  const jitter = quantile(samples.map((s) => s.jitterPct), 0.5);
  if (jitter >= t.shakyJitterPct) return 'shaky';
  if (jitter >= t.handHeldJitterPct) return 'hand-held';
  return speedPct <= t.lockedOffSpeedPct ? 'locked-off' : 'smooth-move';
}
