// Exposure as detail lost, not a light or dark scene. Dark: dim mid-tones or crushed shadows AND no
// highlights (a night scene or a low-key stage keeps its lit parts). Bright: a large area with a
// channel clipped (a white wall, snow or a high-key set are bright but keep their detail), a
// smaller clipped area whose highlights pile up against the clip point instead of rolling off
// below it, or a washed-out picture: blacks lifted by glare while highlights clip. From the luma
// histogram (an exposure estimate in stops relative to middle grey) and the channels' clipping.
// The code-value → stops curve depends on the footage: display gamma for standard footage, a log
// curve for log footage (flat log footage is not dark), PQ/HLG for HDR. Frames arrive as
// full-range RGB, so limited vs full range is already resolved.

import type { EngineSettings } from '../contracts/settings';
import { ramp } from '../util/ramp';
import { lumaBytes } from './luma';
import type { AnalysisContext, Frame, FrameAnalyzer, FrameScores } from './types';

export interface ExposureStats {
  /** Exposure estimate in stops (0 = middle grey). */
  ev: number;
  p50: number;
  /** Stops of the 99th percentile. */
  evHigh: number;
  /** Luma (0..1) of the 1st percentile: how far the blacks are lifted. */
  p1: number;
  crushed: number;
  clipped: number;
}

type Mode = AnalysisContext['footageMode'];

/** Code value (0..255) → stops relative to middle grey, per footage curve. */
function stopsTable(mode: Mode, transfer: string | undefined, t: EngineSettings['tuning']): Float64Array {
  const lut = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    const v = Math.max(i, 0.5) / 255;
    let stops: number;
    if (mode === 'log') {
      stops = (v - t.logMiddleGrey) / t.logStopWidth;
    } else if (mode === 'hdr' && transfer === 'arib-std-b67') {
      // HLG inverse OETF (scene light); middle grey sits at ~38 % signal (ITU-R BT.2408).
      const a = 0.17883277, b = 0.28466892, c = 0.55991073;
      const e = (x: number) => (x <= 0.5 ? (x * x) / 3 : (Math.exp((x - c) / a) + b) / 12);
      stops = Math.log2(e(v) / e(0.38));
    } else if (mode === 'hdr') {
      // PQ EOTF (display light, nits); HDR reference middle grey ≈ 26 nits (ITU-R BT.2408).
      const m1 = 0.1593017578125, m2 = 78.84375, c1 = 0.8359375, c2 = 18.8515625, c3 = 18.6875;
      const p = Math.pow(v, 1 / m2);
      const nits = 10000 * Math.pow(Math.max(p - c1, 0) / (c2 - c3 * p), 1 / m1);
      stops = Math.log2(Math.max(nits, 1e-4) / 26);
    } else {
      stops = Math.log2(Math.pow(v, 2.2) / 0.18);
    }
    lut[i] = stops;
  }
  return lut;
}

export function exposureStats(luma: Uint8Array, stops: Float64Array, crushedAt: number, clippedAt: number): ExposureStats {
  const hist = new Uint32Array(256);
  for (let i = 0; i < luma.length; i++) hist[luma[i]]++;
  const n = luma.length;
  let acc = 0;
  let p50 = 0;
  let p99 = 0;
  let p1 = 0;
  let linSum = 0;
  let crushed = 0;
  let clipped = 0;
  for (let v = 0; v < 256; v++) {
    const h = hist[v];
    if (acc < n / 2 && acc + h >= n / 2) p50 = v;
    if (acc < n * 0.99 && acc + h >= n * 0.99) p99 = v;
    if (acc < n * 0.01 && acc + h >= n * 0.01) p1 = v;
    acc += h;
    linSum += h * Math.pow(2, stops[v]);
    if (v <= crushedAt) crushed += h;
    if (v >= clippedAt) clipped += h;
  }
  // Half median (robust to a few bright lights), half mean light (robust to a dark corner).
  const ev = 0.5 * stops[p50] + 0.5 * Math.log2(Math.max(linSum / n, 1e-6));
  return { ev, p50: p50 / 255, evHigh: stops[p99], p1: p1 / 255, crushed: crushed / n, clipped: clipped / n };
}

/**
 * Stops of the mean light of the frame's `nth` brightest tile (square, `tilePx` wide). Blur moves
 * light around but keeps it within a tile wider than the blur, so this does not fall when the
 * picture goes soft, where a pixel percentile does: the few small highlights of a low-key scene
 * (sky between trees, a lamp) spread into their dark surroundings and the 99th percentile drops.
 * `light`: linear light (2^stops) per code value.
 */
export function brightTileStops(luma: Uint8Array, width: number, height: number, light: Float64Array, tilePx: number, nth: number): number {
  const tile = Math.max(1, Math.round(tilePx));
  const tx = Math.floor(width / tile), ty = Math.floor(height / tile);
  if (!tx || !ty) return -Infinity;
  const sums = new Float64Array(tx * ty);
  for (let y = 0; y < ty * tile; y++) {
    const row = Math.floor(y / tile) * tx;
    for (let c = 0, i = y * width; c < tx; c++) {
      let acc = 0;
      for (const end = i + tile; i < end; i++) acc += light[luma[i]];
      sums[row + c] += acc;
    }
  }
  // The nth largest, kept in a short descending list (a sort of every tile costs more than the sums).
  const n = Math.min(sums.length, Math.max(1, Math.round(nth)));
  const top = new Float64Array(n).fill(-1);
  for (let i = 0; i < sums.length; i++) {
    const v = sums[i];
    if (v <= top[n - 1]) continue;
    let j = n - 1;
    for (; j > 0 && top[j - 1] < v; j--) top[j] = top[j - 1];
    top[j] = v;
  }
  return Math.log2(Math.max(top[n - 1] / (tile * tile), 1e-6));
}

/** Each pixel's brightest channel (0..255). */
function brightestChannel(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0, j = 0; i < out.length; i++, j += 3) out[i] = Math.max(rgb[j], rgb[j + 1], rgb[j + 2]);
  return out;
}

export interface ChannelHighlights {
  /** Fraction of pixels with at least one channel at or above the clip point. */
  clipped: number;
  /** Of the pixels with some channel at or above `nearAt`, the share that is clipped (0 when none are). */
  pileUp: number;
}

/** Clipping per pixel's brightest channel (0..255 thresholds): how much, and how hard it piled up. */
export function channelHighlights(rgb: Uint8Array, clipAt: number, nearAt: number): ChannelHighlights {
  let clipped = 0, near = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const m = Math.max(rgb[i], rgb[i + 1], rgb[i + 2]);
    if (m >= clipAt) clipped++;
    else if (m >= nearAt) near++;
  }
  const n = rgb.length / 3;
  return { clipped: n ? clipped / n : 0, pileUp: clipped ? clipped / (clipped + near) : 0 };
}

export class ExposureAnalyzer implements FrameAnalyzer {
  readonly id = 'exposure-histogram@3';
  readonly flags = ['dark', 'bright'] as const;
  private table: { key: string; lut: Float64Array; light: Float64Array } | null = null;

  async analyze(frames: Frame[], ctx: AnalysisContext): Promise<FrameScores[]> {
    const t = ctx.settings.tuning;
    const key = `${ctx.footageMode}|${ctx.media.colorTransfer}|${t.logMiddleGrey}|${t.logStopWidth}`;
    if (!this.table || this.table.key !== key) {
      const lut = stopsTable(ctx.footageMode, ctx.media.colorTransfer, t);
      this.table = { key, lut, light: lut.map((v) => Math.pow(2, v)) };
    }
    const crushedAt = Math.round(255 * (ctx.footageMode === 'log' ? t.logBlack : t.crushedLuma));
    const clippedAt = Math.round(255 * t.clippedLuma);
    const nearAt = Math.round(255 * t.nearClipLuma);
    return frames.map((f) => {
      const luma = lumaBytes(f);
      const s = exposureStats(luma, this.table!.lut, crushedAt, clippedAt);
      const hi = channelHighlights(f.rgb, clippedAt, nearAt);
      // A defocused or streaked low-key scene keeps its highlights' light, though no longer their pixels.
      const lights = (bytes: Uint8Array, p99: number) => Math.max(p99, brightTileStops(bytes, f.width, f.height, this.table!.light, t.darkHighlightTilePx, t.darkHighlightTiles));
      const channel = brightestChannel(f.rgb);
      const unlit = Math.min(ramp(lights(luma, s.evHigh), t.darkHighlightsEv), ramp(lights(channel, exposureStats(channel, this.table!.lut, crushedAt, clippedAt).evHigh), t.darkLightsChannelEv));
      return {
        // Dark = dim mid-tones (or crushed shadows) AND no highlights: a low-key scene keeps its
        // highlights, an under-exposed one loses them too.
        dark: unlit * Math.max(ramp(s.ev, t.darkEv), ramp(s.crushed, t.crushedFraction)),
        bright: Math.max(
          ramp(hi.clipped, t.clippedFraction),
          ramp(hi.clipped, t.pileUpClippedFraction) * ramp(hi.pileUp, t.clippedPileUp),
          // Log footage sits on lifted blacks by design.
          ctx.footageMode === 'standard' ? ramp(s.p1, t.washedBlackLuma) * ramp(s.clipped, t.washedClippedFraction) : ramp(s.ev, t.brightEv),
        ),
      };
    });
  }
}
