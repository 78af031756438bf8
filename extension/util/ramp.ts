import type { Ramp } from '../contracts/settings';

/** 0 at `r.start`, 1 at `r.full`, linear between, clamped; works for rising and falling ramps. */
export function ramp(value: number, r: Ramp): number {
  if (!Number.isFinite(value)) return 0;
  const t = (value - r.start) / (r.full - r.start);
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

export const clamp01 = (v: number): number => (v <= 0 ? 0 : v >= 1 ? 1 : v);

/** q-quantile (0..1) of `values` (copied, not modified); NaN for an empty list. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const s = Float64Array.from(values as ArrayLike<number>).sort();
  const pos = clamp01(q) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
