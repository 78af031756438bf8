// Blur as a camera operator means it: no part of the picture is in focus. Measured as the spread
// (Gaussian σ) of edges, in pixels of the clip's own resolution, in the frame's sharpest
// structured region.
//
// Per tile and direction d (→, ↓, ↘, ↗) we sum squared pixel differences at lags 1, 2 and 4.
// Across a sharp edge E(k) grows like k, across one blurred wider than k like k², so the ratios
// E2/E1 and E4/E2 pin σ down (a table from the discrete model: `spreadTable`, spreadFit.ts).
// Texture and thin lines saturate by lag 4 (E4/E2 well under a step's), so a fit of both ratios
// reads a blurred gravel bed or a defocused bird as sharp. So σ is read from E2/E1 alone, and only
// where that stops resolving (σ ≥ `blurBothRatiosFromPx`, a ratio near its limit of 4) from both.
// White noise adds the same energy at every lag, so it is subtracted first (its σ from the
// flattest tiles and Immerkær's operator, the smaller): noise and grain neither read as sharpness
// nor hide a defocus, and a dark, noisy frame is judged on its edges alone.
//
// A tile direction is evidence only when it holds an edge (a step of `blurEdgeMinStep` within
// four pixels) whose lag-4 energy stands clear of the noise. Per direction the frame's spread is
// that of its sharpest region covering `blurRegionFraction` of the frame (a ladybird, a flower's
// stamens, an eye keep a macro shot sharp); the frame's spread is its worst such direction, so a
// streaked frame is caught even though edges along the streak stay sharp (in a frame sharp across
// some direction, only directions a streak can explain count: `streakSpread`). Too little
// structure anywhere (sky, fog, a white table, a black frame) is no evidence: the frame gets no
// blur score at all.

import type { EngineSettings } from '../contracts/settings';
import { quantile, ramp } from '../util/ramp';
import { lumaBytes } from './luma';
import { NL, spreadFromEnergies } from './spreadFit';
import type { AnalysisContext, Frame, FrameAnalyzer, FrameScores } from './types';

/** Pixels at the frame's edge that no pair may reach past. */
const MARGIN = 2;
const DIRS: ReadonlyArray<[number, number]> = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
];
const ND = DIRS.length;
/** Steps along a direction are this long: spreads measured in steps are converted to pixels. */
const DIR_LEN = DIRS.map(([dx, dy]) => Math.hypot(dx, dy));
/** The quantile of tiles' lag-1 energy taken as the frame's noise (the flattest tenth). */
const NOISE_QUANTILE = 0.1;
/** Quantisation alone: 8-bit steps are ±0.5 code values. */
const MIN_NOISE_SIGMA = 0.5;

export interface EdgeSpread {
  /** Edge spread (σ, analysis pixels) of the sharpest region, worst direction; NaN = no evidence. */
  spreadPx: number;
  /** The same in the best judged direction: low when the blur is a streak along one direction. */
  bestPx: number;
  /** Per direction (NaN where too few tiles had structure across it). */
  directions: number[];
  /** Noise σ in 8-bit code values. */
  noise: number;
  /** Share of tiles with structure in some direction. */
  structuredFraction: number;
}

export interface EdgeSpreadOptions {
  tilePx: number;
  regionFraction: number;
  minTileStd: number;
  /** Tiles darker than this mean luma (0..1) are no evidence: encoders smooth shadows first. */
  minTileLuma: number;
  /** Smallest step (0..1) over four pixels that makes an edge. */
  minStep: number;
  snr: number;
  /** σ (analysis px) read from E2/E1 from which E4/E2 is fitted too (`spreadFromEnergies`). */
  bothRatiosFromPx: number;
}

export function edgeSpread(luma: Uint8Array, width: number, height: number, o: EdgeSpreadOptions): EdgeSpread {
  const tile = Math.max(8, Math.round(o.tilePx));
  const tx = Math.floor(width / tile), ty = Math.floor(height / tile);
  const nTiles = tx * ty;
  // energies[t][d][lag], pixel count per tile; tile std for the texture test.
  const energy = new Float64Array(nTiles * ND * NL);
  const count = new Float64Array(nTiles);
  const std = new Float64Array(nTiles);
  const mean = new Float64Array(nTiles);
  const step = new Float64Array(nTiles * ND);
  const minStd = o.minTileStd * 255;
  const minMean = o.minTileLuma * 255;
  for (let r = 0; r < ty; r++) {
    for (let c = 0; c < tx; c++) {
      const ti = r * tx + c;
      const x0 = c * tile, y0 = r * tile;
      let sum = 0, sum2 = 0;
      for (let y = y0; y < y0 + tile; y++) {
        for (let i = y * width + x0, end = i + tile; i < end; i++) {
          const v = luma[i];
          sum += v;
          sum2 += v * v;
        }
      }
      const n = tile * tile;
      mean[ti] = sum / n;
      std[ti] = Math.sqrt(Math.max(0, sum2 / n - (sum / n) ** 2));
      // Pairs centred on the tile's pixels: an edge near the tile's border loses as much lag-4
      // energy inside as its neighbour's edges bring in from outside.
      const base = ti * ND * NL;
      const ya = Math.max(y0, MARGIN), yb = Math.min(y0 + tile, height - MARGIN);
      const xa = Math.max(x0, MARGIN), xb = Math.min(x0 + tile, width - MARGIN);
      // A flat or dark tile is never judged, and the noise estimate reads only its lag-1 energies.
      if (std[ti] < minStd || mean[ti] < minMean) lag1Energies(luma, width, xa, xb, ya, yb, energy, base);
      else tileEnergies(luma, width, xa, xb, ya, yb, energy, base, step, ti * ND);
      const cnt = Math.max(0, yb - ya) * Math.max(0, xb - xa);
      count[ti] = cnt;
    }
  }
  // Noise: white noise of σn adds 2σn² per pixel at every lag. Two estimates, both biased up by
  // texture in different ways, so the smaller is kept: the flattest tiles' lag-1 energy, and the
  // median response of Immerkær's noise operator (an edge moves it only where edges fill half the frame).
  // Typed arrays here and below: a plain array's element kind changes with the first fraction or
  // NaN it holds, and V8 throws away the optimised code on each change (the first clip pays).
  const flat = new Float64Array(nTiles);
  for (let ti = 0; ti < nTiles; ti++) flat[ti] = (energy[ti * ND * NL] + energy[ti * ND * NL + NL]) / (2 * Math.max(1, count[ti]));
  const flatVar = flat.length ? quantile(flat, NOISE_QUANTILE) / 2 : Infinity;
  const noiseVar = Math.max(MIN_NOISE_SIGMA ** 2, Math.min(flatVar, immerkaerSigma(luma, width, height) ** 2));
  const minStep = o.minStep * 255;
  const perDir = DIRS.map(() => new Float64Array(nTiles));
  const perDirN = new Int32Array(ND);
  let structured = 0;
  const sig = new Float64Array(NL);
  for (let ti = 0; ti < nTiles; ti++) {
    if (std[ti] < minStd || mean[ti] < minMean) continue;
    const nz = 2 * noiseVar * count[ti];
    let any = false;
    for (let d = 0; d < ND; d++) {
      const b = ti * ND * NL + d * NL;
      for (let k = 0; k < NL; k++) sig[k] = energy[b + k] - nz;
      // Evidence: an edge — a step of real contrast within four pixels — whose energy stands clear of
      // the noise. Soft shading (a wall, a sofa, clouds) has energy but no step: it says nothing.
      if (step[ti * ND + d] < minStep || sig[2] < o.snr * nz || sig[0] <= 0) continue;
      perDir[d][perDirN[d]++] = spreadFromEnergies(sig, o.bothRatiosFromPx) * DIR_LEN[d];
      any = true;
    }
    if (any) structured++;
  }
  const minTiles = Math.max(2, Math.ceil(o.regionFraction * nTiles));
  const directions = DIRS.map(() => NaN);
  let spreadPx = NaN, bestPx = NaN;
  for (let d = 0; d < ND; d++) {
    if (perDirN[d] < minTiles) continue;
    // The sharpest region of at least minTiles tiles (a typed array sorts by value).
    const v = perDir[d].subarray(0, perDirN[d]).sort()[minTiles - 1];
    directions[d] = v;
    if (Number.isNaN(spreadPx) || v > spreadPx) spreadPx = v;
    if (Number.isNaN(bestPx) || v < bestPx) bestPx = v;
  }
  return {
    spreadPx,
    bestPx,
    directions,
    noise: Math.sqrt(noiseVar),
    structuredFraction: nTiles ? structured / nTiles : 0,
  };
}

/**
 * Lag-1, 2 and 4 energies of one tile in the four directions (→, ↓, ↘, ↗: DIRS' order) into
 * energy[at…] (direction-major), and each direction's widest lag-4 step into step[stepAt…]. One
 * pass over the tile for all four: each pixel's neighbourhood is read once while it is in cache,
 * and the sums stay in locals (integer sums, exact in any order). A function of its own so V8
 * optimises it within the first frame.
 */
function tileEnergies(luma: Uint8Array, width: number, xa: number, xb: number, ya: number, yb: number, energy: Float64Array, at: number, step: Float64Array, stepAt: number): void {
  const w = width, w2 = 2 * width;
  let h1 = 0, h2 = 0, h4 = 0, hw = 0; // → (1, 0)
  let v1 = 0, v2 = 0, v4 = 0, vw = 0; // ↓ (0, 1)
  let d1 = 0, d2 = 0, d4 = 0, dw = 0; // ↘ (1, 1)
  let u1 = 0, u2 = 0, u4 = 0, uw = 0; // ↗ (1, −1)
  for (let y = ya; y < yb; y++) {
    for (let i = y * w + xa, end = y * w + xb; i < end; i++) {
      // Pairs centred on the pixel: (x, x+o), (x−o, x+o), (x−2o, x+2o) — lags 1, 2, 4.
      const c = luma[i];
      let p = luma[i + 1], m = luma[i - 1];
      let a = p - c, b = p - m, q = luma[i + 2] - luma[i - 2];
      h1 += a * a; h2 += b * b; h4 += q * q;
      if (q < 0) q = -q;
      if (q > hw) hw = q;
      p = luma[i + w]; m = luma[i - w];
      a = p - c; b = p - m; q = luma[i + w2] - luma[i - w2];
      v1 += a * a; v2 += b * b; v4 += q * q;
      if (q < 0) q = -q;
      if (q > vw) vw = q;
      p = luma[i + w + 1]; m = luma[i - w - 1];
      a = p - c; b = p - m; q = luma[i + w2 + 2] - luma[i - w2 - 2];
      d1 += a * a; d2 += b * b; d4 += q * q;
      if (q < 0) q = -q;
      if (q > dw) dw = q;
      p = luma[i - w + 1]; m = luma[i + w - 1];
      a = p - c; b = p - m; q = luma[i - w2 + 2] - luma[i + w2 - 2];
      u1 += a * a; u2 += b * b; u4 += q * q;
      if (q < 0) q = -q;
      if (q > uw) uw = q;
    }
  }
  energy[at] = h1; energy[at + 1] = h2; energy[at + 2] = h4;
  energy[at + 3] = v1; energy[at + 4] = v2; energy[at + 5] = v4;
  energy[at + 6] = d1; energy[at + 7] = d2; energy[at + 8] = d4;
  energy[at + 9] = u1; energy[at + 10] = u2; energy[at + 11] = u4;
  step[stepAt] = hw; step[stepAt + 1] = vw; step[stepAt + 2] = dw; step[stepAt + 3] = uw;
}

/** The → and ↓ lag-1 energies of a tile that is not judged (what the noise estimate reads). */
function lag1Energies(luma: Uint8Array, width: number, xa: number, xb: number, ya: number, yb: number, energy: Float64Array, at: number): void {
  let h1 = 0, v1 = 0;
  for (let y = ya; y < yb; y++) {
    for (let i = y * width + xa, end = y * width + xb; i < end; i++) {
      const c = luma[i];
      const a = luma[i + 1] - c, b = luma[i + width] - c;
      h1 += a * a;
      v1 += b * b;
    }
  }
  energy[at] = h1;
  energy[at + NL] = v1;
}

/** Noise σ from the median absolute response of Immerkær's (1996) Laplacian-difference mask. */
function immerkaerSigma(l: Uint8Array, w: number, h: number): number {
  const hist = new Uint32Array(4097);
  let n = 0;
  for (let y = 1; y < h - 1; y += 2) {
    for (let x = 1; x < w - 1; x += 2) {
      const i = y * w + x;
      const v = l[i - w - 1] + l[i - w + 1] + l[i + w - 1] + l[i + w + 1] - 2 * (l[i - 1] + l[i + 1] + l[i - w] + l[i + w]) + 4 * l[i];
      hist[Math.min(4096, Math.abs(v))]++;
      n++;
    }
  }
  let acc = 0, med = 0;
  for (; med < hist.length; med++) if ((acc += hist[med]) >= n / 2) break;
  // The mask's output has σ = 6σn; the median of |N(0, s)| is 0.6745 s.
  return med / (0.6745 * 6);
}

/** Analysis σ → σ at the clip's own resolution (the downscale's own blur taken out first). */
export function nativeSpread(spreadPx: number, scale: number, filterSigma: number): number {
  if (scale <= 1) return spreadPx;
  return Math.sqrt(Math.max(0, spreadPx * spreadPx - filterSigma * filterSigma)) * scale;
}

export function edgeSpreadOptions(t: EngineSettings['tuning']): EdgeSpreadOptions {
  return { tilePx: t.blurTilePx, regionFraction: t.blurRegionFraction, minTileStd: t.blurTextureMinStd, minTileLuma: t.blurMinTileLuma, minStep: t.blurEdgeMinStep, snr: t.blurEvidenceSnr, bothRatiosFromPx: t.blurBothRatiosFromPx };
}

/** The frame at half size, each pixel the mean of a 2×2 block (an area downscale, as the decode's own). */
function halveLuma(luma: Uint8Array, width: number, height: number): { luma: Uint8Array; width: number; height: number } {
  const w = width >> 1, h = height >> 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const a = 2 * y * width, b = a + width;
    for (let x = 0; x < w; x++) out[y * w + x] = (luma[a + 2 * x] + luma[a + 2 * x + 1] + luma[b + 2 * x] + luma[b + 2 * x + 1] + 2) >> 2;
  }
  return { luma: out, width: w, height: h };
}

/**
 * The native spread of a frame sharp across some direction (`directions` in analysis px, DIRS'
 * order, so d ^ 1 is d's perpendicular). A streak along θ blurs the edges across θ and leaves the
 * edges along θ sharp, so its perpendicular direction reads sharp. Two perpendicular directions
 * alike (within the oblique factor √2 of each other) and both wide, beside a sharp third, are no
 * streak: they are edges of one orientation read obliquely (a misty horizon and treeline read
 * along the diagonals, √2 wider than across them). Such a pair does not count; a perpendicular
 * with no evidence leaves its direction counted.
 */
export function streakSpread(directions: ArrayLike<number>, toNative: (px: number) => number, sharpBelowPx: number): number {
  let spread = NaN;
  for (let d = 0; d < directions.length; d++) {
    const v = directions[d], across = directions[d ^ 1];
    if (Number.isNaN(v) || (toNative(across) >= sharpBelowPx && v <= Math.SQRT2 * across)) continue;
    const n = toNative(v);
    if (Number.isNaN(spread) || n > spread) spread = n;
  }
  return spread;
}

export class EdgeWidthBlurAnalyzer implements FrameAnalyzer {
  readonly id = 'edge-width@3';
  readonly flags = ['blurry'] as const;

  async analyze(frames: Frame[], ctx: AnalysisContext): Promise<FrameScores[]> {
    const t = ctx.settings.tuning;
    const opts = edgeSpreadOptions(t);
    return frames.map((f) => {
      const luma = lumaBytes(f);
      const r = edgeSpread(luma, f.width, f.height, opts);
      if (Number.isNaN(r.spreadPx)) return {}; // no structure: no evidence either way
      const scale = ctx.media.width / f.width;
      let spread = nativeSpread(r.spreadPx, scale, t.blurScaleFilterSigma);
      // Wide in every direction: lags of 1–4 px stop resolving (both ratios near their limits)
      // and the sharpest tiles then read a strong defocus as a mild one. At half the size the same
      // blur is half as wide, where the ratios resolve again; the wider reading is kept. Only a
      // frame already soft across every direction is looked at twice, so a sharp subject or a
      // streak's sharp direction never meets this.
      if (r.bestPx >= t.blurBothRatiosFromPx) {
        const half = halveLuma(luma, f.width, f.height);
        const c = edgeSpread(half.luma, half.width, half.height, opts);
        if (!Number.isNaN(c.spreadPx)) spread = Math.max(spread, nativeSpread(c.spreadPx, ctx.media.width / half.width, t.blurScaleFilterSigma));
      }
      // Sharp across some direction: a streak (a pan, a moving car's window), never a severe blur.
      const toNative = (px: number) => nativeSpread(px, scale, t.blurScaleFilterSigma);
      const streak = toNative(r.bestPx) < t.blurEdgePx.start;
      if (streak) spread = streakSpread(r.directions, toNative, t.blurEdgePx.start);
      const score = ramp(spread, t.blurEdgePx);
      return { blurry: streak ? Math.min(score, t.blurStreakMaxScore) : score };
    });
  }
}
