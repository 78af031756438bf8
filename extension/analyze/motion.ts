// Global motion between two consecutive low-resolution grey frames, by integral projections:
// each region's column and row intensity profiles are matched by 1-D search (sub-pixel by a
// parabola through the best cost). The camera's shift is the median over regions, and it counts
// only when enough of the whole frame agrees with it (outlier rejection): a talking head or a
// passing car in front of a flat or still background moves some regions, never the camera; and
// where structured regions stand exactly still, the camera does (a subject filling most of a
// locked-off frame moves the median, not the background).
// Profiles are differentiated, then normalised: a smooth ramp (sky, fog, a lit wall's fall-off)
// carries no shift once normalised yet matches best at zero, so it would vote the camera still;
// its derivative is flat and abstains. Faint texture (a sofa, a wall) still matches. A cut is a
// pair whose pictures share nothing (see `isCut`). Cheap enough for 10+ fps.

const REGIONS_X = 4;
const REGIONS_Y = 4;
/** A region agrees with the median shift within this many pixels (or this share of it). */
const AGREE_PX = 1;
const AGREE_SHARE = 0.3;
/**
 * Mean absolute difference of unit-RMS profiles above which a match is noise (uncorrelated ≈ 1.1).
 * Differentiated profiles are rough: a true match of a sub-pixel shift keeps more residual.
 */
const MAX_MATCH_COST = 0.8;
/**
 * A profile that matches itself shifted by a lag of at least MIN_REPEAT_PX this well (the mean
 * absolute difference of unit-RMS profiles at the dip, see `repeatPeriod`) repeats. Measured
 * 2026-12-04 on one frame per clip, 16 regions × 2 axes: rendered slats and grids 0.06–0.14,
 * slats sampled near their period up to 0.25; natural photographs 0.28 and up, most 0.45–0.8; the
 * real footage from 0.23 (an air table, a calibration target). A natural region under the bound
 * still needs a dip in its match costs at the nearer shift, and is one vote of the median's.
 */
const REPEAT_COST = 0.4;
const MIN_REPEAT_PX = 2;
/** A region whose shift is within this (px, both axes) stands still. */
const STILL_PX = 0.15;
/** This many still regions mean a still camera, whatever the median says. */
const STILL_MIN_REGIONS = 3;

export interface Shift {
  dx: number;
  dy: number;
  /** False when no region had enough structure to match (flat frame, cut to black…). */
  reliable: boolean;
}

function profiles(g: Uint8Array, w: number, x0: number, x1: number, y0: number, y1: number): { col: Float64Array; row: Float64Array } {
  const col = new Float64Array(x1 - x0);
  const row = new Float64Array(y1 - y0);
  for (let y = y0; y < y1; y++) {
    const base = y * w;
    for (let x = x0; x < x1; x++) {
      const v = g[base + x];
      col[x - x0] += v;
      row[y - y0] += v;
    }
  }
  const dc = derivative(col), dr = derivative(row);
  normalise(dc);
  normalise(dr);
  return { col: dc, row: dr };
}

function derivative(p: Float64Array): Float64Array {
  const d = new Float64Array(Math.max(0, p.length - 1));
  for (let i = 0; i < d.length; i++) d[i] = p[i + 1] - p[i];
  return d;
}

// Zero mean, unit RMS, so that exposure changes between frames do not look like motion.
function normalise(p: Float64Array): void {
  let m = 0;
  for (let i = 0; i < p.length; i++) m += p[i];
  m /= p.length;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    p[i] -= m;
    s += p[i] * p[i];
  }
  const rms = Math.sqrt(s / p.length);
  for (let i = 0; i < p.length; i++) p[i] = rms > 1e-9 ? p[i] / rms : 0;
}

/** Mean absolute difference of cur(i) and prev(i − s) for s in −maxShift…maxShift (Infinity where under half overlaps). */
function shiftCosts(prev: Float64Array, cur: Float64Array, maxShift: number): Float64Array {
  const n = prev.length;
  const costs = new Float64Array(2 * maxShift + 1);
  for (let s = -maxShift; s <= maxShift; s++) {
    let c = 0, k = 0;
    const lo = Math.max(0, s), hi = Math.min(n, n + s);
    for (let i = lo; i < hi; i++) {
      c += Math.abs(cur[i] - prev[i - s]);
      k++;
    }
    costs[s + maxShift] = k >= n / 2 ? c / k : Infinity;
  }
  return costs;
}

/** Sub-pixel offset (−0.5…0.5) of a cost minimum at i, by a parabola through its neighbours. */
function subPixel(costs: Float64Array, i: number): number {
  if (i <= 0 || i >= costs.length - 1 || !Number.isFinite(costs[i - 1]) || !Number.isFinite(costs[i + 1])) return 0;
  const a = costs[i - 1], b = costs[i], c = costs[i + 1];
  const den = a - 2 * b + c;
  return den > 1e-12 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
}

/**
 * The period (px) at which a profile repeats within `maxLag`, or null (see REPEAT_COST). For a
 * smooth profile the mean absolute difference falls linearly to a V at the true lag, so a dip is
 * read at the vertex of lines through its neighbours: slats every 4.45 px are found at 4.45 (an
 * integer lag half a pixel off costs as much as a weak match), not at 8.9, nearly whole. A train
 * of one-pixel steps repeats only at whole lags (4, 5, 4, …: 9), where its cost itself is low.
 */
function repeatPeriod(p: Float64Array, maxLag: number): number | null {
  const n = p.length;
  // Self-differences are symmetric in the lag: only positive lags, and one past maxLag for the V.
  const self = new Float64Array(maxLag + 2);
  for (let lag = MIN_REPEAT_PX - 1; lag <= maxLag + 1; lag++) {
    let c = 0;
    for (let i = lag; i < n; i++) c += Math.abs(p[i] - p[i - lag]);
    self[lag] = n - lag >= n / 2 ? c / (n - lag) : Infinity;
  }
  for (let lag = MIN_REPEAT_PX; lag <= maxLag; lag++) {
    const a = self[lag - 1], b = self[lag], c = self[lag + 1];
    if (!(b <= a && b <= c) || !Number.isFinite(c)) continue;
    const slope = Math.max(a - b, c - b);
    const offset = slope > 1e-12 ? (a - c) / (2 * slope) : 0;
    if (b - slope * Math.abs(offset) <= REPEAT_COST) return b <= REPEAT_COST ? lag : lag + offset;
  }
  return null;
}

/**
 * Shift s (cur(i) ≈ prev(i − s)) minimising mean absolute difference; null if the profile is flat.
 * A repeating profile matches equally at s and s ± its period, and the integer search favours
 * whichever lands nearest a whole pixel, so a slow pan along a fence would jump a period from pair
 * to pair and read as violent shake. There the smallest shift that explains the pictures is
 * taken (what the eye sees too), provided the pictures really match there.
 */
function match1d(prev: Float64Array, cur: Float64Array, maxShift: number): number | null {
  const n = prev.length;
  if (n < 8) return null;
  const costs = shiftCosts(prev, cur, maxShift);
  let bi = 0;
  for (let i = 1; i < costs.length; i++) if (costs[i] < costs[bi]) bi = i;
  // A profile with no structure matches everywhere equally: no information.
  let mean = 0, cnt = 0;
  for (const c of costs) if (Number.isFinite(c)) { mean += c; cnt++; }
  mean /= Math.max(1, cnt);
  if (!Number.isFinite(costs[bi]) || mean - costs[bi] < 0.05) return null;
  // Nothing matches well (a cut, a flash): the region's shift is unknown, not large.
  if (costs[bi] > MAX_MATCH_COST) return null;
  const s = bi - maxShift + subPixel(costs, bi);
  const period = repeatPeriod(prev, Math.min(2 * maxShift, n >> 1));
  if (period === null) return s;
  const at = Math.round(s - period * Math.round(s / period)) + maxShift;
  // The nearer shift must be a match of its own (a dip in the costs), not a point on a smooth slope.
  for (const j of [at, at - 1, at + 1]) {
    if (j === bi) return s;
    if (j > 0 && j < costs.length - 1 && costs[j] <= MAX_MATCH_COST && costs[j] <= costs[j - 1] && costs[j] <= costs[j + 1]) return j - maxShift + subPixel(costs, j);
  }
  return s;
}

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function estimateShift(prev: Uint8Array, cur: Uint8Array, w: number, h: number, maxShiftFraction: number, minAgreeFraction = 0.3): Shift {
  const maxShift = Math.max(2, Math.round(w * maxShiftFraction));
  const dxs: number[] = [];
  const dys: number[] = [];
  let still = 0;
  for (let ry = 0; ry < REGIONS_Y; ry++) {
    for (let rx = 0; rx < REGIONS_X; rx++) {
      const x0 = Math.floor((rx * w) / REGIONS_X), x1 = Math.floor(((rx + 1) * w) / REGIONS_X);
      const y0 = Math.floor((ry * h) / REGIONS_Y), y1 = Math.floor(((ry + 1) * h) / REGIONS_Y);
      const a = profiles(prev, w, x0, x1, y0, y1);
      const b = profiles(cur, w, x0, x1, y0, y1);
      const dx = match1d(a.col, b.col, Math.min(maxShift, (x1 - x0) >> 2));
      const dy = match1d(a.row, b.row, Math.min(maxShift, (y1 - y0) >> 2));
      if (dx !== null) dxs.push(dx);
      if (dy !== null) dys.push(dy);
      if (dx !== null && dy !== null && Math.abs(dx) <= STILL_PX && Math.abs(dy) <= STILL_PX) still++;
    }
  }
  // A moving camera moves every structured region; a subject cannot hold the background still.
  if (still >= STILL_MIN_REGIONS) return { dx: 0, dy: 0, reliable: true };
  const dx = dxs.length ? median(dxs) : 0;
  const dy = dys.length ? median(dys) : 0;
  const agree = (v: number[], m: number) => v.filter((x) => Math.abs(x - m) <= Math.max(AGREE_PX, AGREE_SHARE * Math.abs(m))).length;
  const need = Math.max(3, Math.ceil(minAgreeFraction * REGIONS_X * REGIONS_Y));
  if (dxs.length < need && dys.length < need) {
    // Too little texture for regions to vote (a drop of water on a plain background, a sofa):
    // the whole frame's profiles, which still carry its large shapes, are the estimate.
    const a = profiles(prev, w, 0, w, 0, h), b = profiles(cur, w, 0, w, 0, h);
    const gx = match1d(a.col, b.col, Math.min(maxShift, w >> 2)), gy = match1d(a.row, b.row, Math.min(maxShift, h >> 2));
    return { dx: gx ?? 0, dy: gy ?? 0, reliable: gx !== null && gy !== null };
  }
  return { dx, dy, reliable: agree(dxs, dx) >= need && agree(dys, dy) >= need };
}

/** 16-bin luma histogram, normalised. */
function histogram(g: Uint8Array): Float64Array {
  const h = new Float64Array(16);
  for (let i = 0; i < g.length; i++) h[g[i] >> 4]++;
  for (let i = 0; i < 16; i++) h[i] /= Math.max(1, g.length);
  return h;
}

/** A scene change: the two pictures' luma histograms overlap less than `minOverlap` (0..1). */
export function isCut(prev: Uint8Array, cur: Uint8Array, minOverlap: number): boolean {
  const a = histogram(prev), b = histogram(cur);
  let overlap = 0;
  for (let i = 0; i < 16; i++) overlap += Math.min(a[i], b[i]);
  return overlap < minOverlap;
}
