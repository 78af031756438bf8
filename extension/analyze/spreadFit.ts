// An edge's spread σ from the energies of its pixel differences at lags 1, 2 and 4 (what
// edgeWidth.ts sums per tile and direction): a lookup table of a blurred step's lag ratios and a
// least-squares fit against it.

/** The lags (pixels, or steps along a diagonal) whose difference energies are summed. */
export const LAGS = [1, 2, 4] as const;
export const NL = LAGS.length;

/** `ascending`: no ratio falls as σ grows (what a blurred step does), so fits may bracket. */
export type Table = { sigma: Float64Array; logRatio: Float64Array[]; ascending: boolean };
let table: Table | null = null;

/** E2/E1 and E4/E2 of a unit step edge blurred by σ, sampled at integer pixels (σ 0…8 px). */
export function spreadTable(): Table {
  if (table) return table;
  const n = 161;
  const t: Table = { sigma: new Float64Array(n), logRatio: LAGS.slice(1).map(() => new Float64Array(n)), ascending: true };
  const erf = (x: number) => {
    // Abramowitz–Stegun 7.1.26: ample for a lookup table.
    const s = Math.sign(x), a = Math.abs(x), u = 1 / (1 + 0.3275911 * a);
    return s * (1 - ((((1.061405429 * u - 1.453152027) * u + 1.421413741) * u - 0.284496736) * u + 0.254829592) * u * Math.exp(-a * a));
  };
  for (let i = 0; i < n; i++) {
    const sigma = i * 0.05;
    // A pixel integrates over its width, so even σ = 0 has the edge spread over one pixel.
    const f = (x: number) => (sigma < 1e-6 ? (x > 0 ? 1 : x < 0 ? 0 : 0.5) : 0.5 * (1 + erf(x / (sigma * Math.SQRT2))));
    const e = LAGS.map((k) => {
      let s = 0;
      for (let x = -40; x <= 40; x++) {
        const d = f(x + k + 0.5) - f(x + 0.5);
        s += d * d;
      }
      return s;
    });
    t.sigma[i] = sigma;
    for (let k = 1; k < NL; k++) t.logRatio[k - 1][i] = Math.log(e[k] / e[k - 1]);
  }
  for (const r of t.logRatio) for (let i = 1; i < n; i++) if (!(r[i] >= r[i - 1])) t.ascending = false;
  return (table = t);
}

/**
 * σ from E2/E1, or where that stops resolving (at `bothFromPx`: E2/E1 is 2.84 at σ 0.5, 3.35 at
 * 0.75, 3.59 at 1, 3.80 at 1.5, 3.95 at 3, against its limit of 4) from both ratios (see edgeWidth.ts).
 */
export function spreadFromEnergies(e: ArrayLike<number>, bothFromPx: number): number {
  const near = fitSpread(e, 1);
  return near < bothFromPx ? near : Math.max(near, fitSpread(e, NL - 1));
}

/** An index of a non-decreasing table whose entry is closest to v (an argmin of (v − a[i])²). */
function nearestIndex(a: Float64Array, v: number): number {
  let lo = 0, hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && (v - a[lo - 1]) ** 2 <= (v - a[lo]) ** 2 ? lo - 1 : lo;
}

/**
 * σ whose first `ratios` lag ratios best match the measured energies (least squares in log ratio).
 * No ratio falls as σ grows (`spreadTable` checks), so each term of the cost falls then rises and
 * the least total lies between the terms' own minima: only that bracket is scanned, for the same
 * answer as a scan of the whole table (the first σ of least cost), at a fraction of the work.
 */
export function fitSpread(e: ArrayLike<number>, ratios: number): number {
  const t = spreadTable();
  const m: number[] = [];
  for (let k = 1; k <= ratios; k++) m.push(Math.log(Math.max(e[k], 1e-9) / Math.max(e[k - 1], 1e-9)));
  const cost = (i: number) => {
    let c = 0;
    for (let k = 0; k < m.length; k++) c += (m[k] - t.logRatio[k][i]) ** 2;
    return c;
  };
  let lo = 0, hi = t.sigma.length - 1;
  if (t.ascending) {
    lo = hi;
    hi = 0;
    for (let k = 0; k < m.length; k++) {
      const j = nearestIndex(t.logRatio[k], m[k]);
      lo = Math.min(lo, j);
      hi = Math.max(hi, j);
    }
  }
  let best = lo, bestCost = cost(lo);
  for (let i = lo + 1; i <= hi; i++) {
    const c = cost(i);
    if (c < bestCost) {
      bestCost = c;
      best = i;
    }
  }
  // Rounding can flatten the cost's slope into a tie just below the bracket: the first σ wins.
  while (best > 0 && cost(best - 1) === bestCost) best--;
  return t.sigma[best];
}
