// Turns packed RGB24 frames into the input tensors of the learned models (see models/*.json for
// each model's input contract). Kept free of onnxruntime so it can be tested and reused alone.

import type { Frame } from './types';

/** Throws a plain-words error when a frame's buffer does not match its size. */
export function checkFrame(f: Frame): void {
  if (!(f.width > 0 && f.height > 0) || f.rgb.length !== f.width * f.height * 3) {
    throw new Error(`frame at ${f.timeSec}s: ${f.rgb.length} bytes do not hold ${f.width}x${f.height} RGB24 pixels`);
  }
}

/** Rec.709 luma scaled to 0..1, written at `offset` of `out` (the blur model's input). */
export function writeLuma(f: Frame, out: Float32Array, offset: number): void {
  const n = f.width * f.height;
  const rgb = f.rgb;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    out[offset + i] = (0.2126 * rgb[j] + 0.7152 * rgb[j + 1] + 0.0722 * rgb[j + 2]) / 255;
  }
}

/** For each output index, the source span [start, end) and fractional weights of an area average. */
function areaWeights(src: number, dst: number): { start: Int32Array; weights: Float32Array[] } {
  const scale = src / dst;
  const start = new Int32Array(dst);
  const weights: Float32Array[] = [];
  for (let o = 0; o < dst; o++) {
    const a = o * scale;
    const b = Math.min(src, (o + 1) * scale);
    const s = Math.floor(a);
    const e = Math.min(src, Math.ceil(b));
    const w = new Float32Array(e - s);
    for (let i = s; i < e; i++) w[i - s] = Math.min(b, i + 1) - Math.max(a, i);
    let sum = 0;
    for (const v of w) sum += v;
    for (let i = 0; i < w.length; i++) w[i] /= sum;
    start[o] = s;
    weights.push(w);
  }
  return { start, weights };
}

/**
 * Area-averaged resize of an RGB24 frame to outW x outH (aspect ratio NOT kept), as planar
 * CHW float 0..1 written at `offset` of `out` (the exposure model's input; PIL's BOX filter in
 * training computes the same average).
 */
export function writeSquashedRgb(f: Frame, outW: number, outH: number, out: Float32Array, offset: number): void {
  const hx = areaWeights(f.width, outW);
  const vy = areaWeights(f.height, outH);
  // Horizontal pass into a temporary [height][outW][3].
  const tmp = new Float32Array(f.height * outW * 3);
  for (let y = 0; y < f.height; y++) {
    const row = y * f.width * 3;
    for (let ox = 0; ox < outW; ox++) {
      const w = hx.weights[ox];
      let r = 0, g = 0, b = 0;
      for (let k = 0, x = hx.start[ox]; k < w.length; k++, x++) {
        const p = row + x * 3;
        r += w[k] * f.rgb[p];
        g += w[k] * f.rgb[p + 1];
        b += w[k] * f.rgb[p + 2];
      }
      const t = (y * outW + ox) * 3;
      tmp[t] = r;
      tmp[t + 1] = g;
      tmp[t + 2] = b;
    }
  }
  const plane = outW * outH;
  for (let oy = 0; oy < outH; oy++) {
    const w = vy.weights[oy];
    for (let ox = 0; ox < outW; ox++) {
      let r = 0, g = 0, b = 0;
      for (let k = 0, y = vy.start[oy]; k < w.length; k++, y++) {
        const t = (y * outW + ox) * 3;
        r += w[k] * tmp[t];
        g += w[k] * tmp[t + 1];
        b += w[k] * tmp[t + 2];
      }
      const o = offset + oy * outW + ox;
      // PIL rounds the BOX result to 8 bits before training saw it; rounding here keeps them equal.
      out[o] = Math.round(r) / 255;
      out[o + plane] = Math.round(g) / 255;
      out[o + 2 * plane] = Math.round(b) / 255;
    }
  }
}

/** Groups frame indices by size so that every batch is one tensor. */
export function groupBySize(frames: Frame[]): number[][] {
  const groups = new Map<string, number[]>();
  frames.forEach((f, i) => {
    const k = `${f.width}x${f.height}`;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  return [...groups.values()];
}
