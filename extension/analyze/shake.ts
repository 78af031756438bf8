// Shake: the camera path (accumulated global shifts between consecutive motion frames) minus its
// smoothed path is the jitter. The smooth path is a local straight-line fit over
// `shakeSmoothingSec`, so constant-speed pans and tracking shots leave no residual, while
// hand-held jitter does. Jitter is measured as RMS % of the frame diagonal over ~1 s.

import type { EngineSettings } from '../contracts/settings';
import { ramp } from '../util/ramp';
import { estimateShift } from './motion';
import type { MotionFrame } from '../media/sampler';

export interface ShakeSample {
  timeSec: number;
  /** RMS jitter around this time, % of the frame diagonal. */
  jitterPct: number;
  score: number;
}

/** Accumulates shifts frame by frame so that only the previous frame is kept in memory. */
export class CameraPathTracker {
  private prev: MotionFrame | null = null;
  readonly times: number[] = [];
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  private diag = 1;

  constructor(private readonly maxShiftFraction: number) {}

  push(f: MotionFrame): void {
    if (!this.prev) {
      this.diag = Math.hypot(f.width, f.height);
      this.times.push(f.timeSec);
      this.xs.push(0);
      this.ys.push(0);
    } else {
      const s = estimateShift(this.prev.gray, f.gray, f.width, f.height, this.maxShiftFraction);
      const n = this.xs.length;
      // An unreliable pair (cut, flash, flat frame) contributes no motion rather than a random jump.
      this.times.push(f.timeSec);
      this.xs.push(this.xs[n - 1] + (s.reliable ? s.dx : 0));
      this.ys.push(this.ys[n - 1] + (s.reliable ? s.dy : 0));
    }
    this.prev = f;
  }

  samples(settings: EngineSettings): ShakeSample[] {
    const { times, xs, ys } = this;
    const n = times.length;
    if (n < 3) return [];
    const half = settings.tuning.shakeSmoothingSec / 2;
    const res = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const rx = residual(times, xs, i, half);
      const ry = residual(times, ys, i, half);
      res[i] = (Math.hypot(rx, ry) / this.diag) * 100;
    }
    const w = settings.windowSec / 2;
    const out: ShakeSample[] = [];
    for (let i = 0; i < n; i++) {
      const local: number[] = [];
      for (let j = i; j >= 0 && times[i] - times[j] <= w; j--) local.push(res[j] * res[j]);
      for (let j = i + 1; j < n && times[j] - times[i] <= w; j++) local.push(res[j] * res[j]);
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

/** p[i] minus the least-squares line through the points within ±half seconds of t[i]. */
function residual(t: number[], p: number[], i: number, half: number): number {
  let sw = 0, st = 0, sp = 0, stt = 0, stp = 0;
  for (let j = i; j >= 0 && t[i] - t[j] <= half; j--) add(j);
  for (let j = i + 1; j < t.length && t[j] - t[i] <= half; j++) add(j);
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
