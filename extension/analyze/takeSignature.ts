// The take signature of a clip (report.ts TakeSignature): a dHash of a few analysed frames spread
// over the clip and a colour histogram of all of them. Built from the frames the analysers get
// anyway, as they arrive (in any order), so grouping takes costs no decode of its own.

import type { TakeSignature } from '../contracts/report';
import { lumaBytes } from './luma';
import type { Frame } from './types';

/** Recorded in the cache key: a change here must not serve signatures of the old kind. */
export const TAKE_SIGNATURE_ID = 'take-signature@1';

const HASH_W = 9;
const HASH_H = 8;
const BINS = 64; // 4 × 4 × 4 RGB
const HIST_CELLS_X = 32;
const HIST_CELLS_Y = 18;

/** Where each of `n` equal cells along `size` pixels starts and ends (every cell at least one pixel). */
function cellEdges(n: number, size: number): Array<[number, number]> {
  const edges: Array<[number, number]> = [];
  for (let c = 0; c < n; c++) {
    const a = Math.floor((c * size) / n);
    edges.push([a, Math.max(a + 1, Math.floor(((c + 1) * size) / n))]);
  }
  return edges;
}

/** The frame shrunk to cols × rows cell means of each of `channels` interleaved channels (1: luma, 3: RGB). */
function cellMeans(pixels: Uint8Array, w: number, h: number, channels: 1 | 3, cols: number, rows: number): Float64Array {
  const out = new Float64Array(cols * rows * channels);
  const xs = cellEdges(cols, w);
  const ys = cellEdges(rows, h);
  for (let cy = 0; cy < rows; cy++) {
    const [y0, y1] = ys[cy];
    for (let cx = 0; cx < cols; cx++) {
      const [x0, x1] = xs[cx];
      const o = (cy * cols + cx) * channels;
      // Sums in locals, one loop per layout: this runs over every pixel of every analysed frame.
      let s0 = 0, s1 = 0, s2 = 0;
      for (let y = y0; y < y1; y++) {
        const end = (y * w + x1) * channels;
        if (channels === 1) for (let j = y * w + x0; j < end; j++) s0 += pixels[j];
        else for (let j = (y * w + x0) * 3; j < end; j += 3) {
          s0 += pixels[j];
          s1 += pixels[j + 1];
          s2 += pixels[j + 2];
        }
      }
      out[o] = s0;
      if (channels === 3) {
        out[o + 1] = s1;
        out[o + 2] = s2;
      }
      const n = (y1 - y0) * (x1 - x0);
      for (let k = 0; k < channels; k++) out[o + k] /= n;
    }
  }
  return out;
}

/** dHash of one frame as 16 hex digits (see TakeSignature.hashes); box-averaged cells are robust to noise, blur and any frame size. */
export function dHash(frame: Frame): string {
  const cells = cellMeans(lumaBytes(frame), frame.width, frame.height, 1, HASH_W, HASH_H);
  let hex = '';
  for (let cy = 0; cy < HASH_H; cy++) {
    let byte = 0;
    for (let cx = 0; cx < HASH_W - 1; cx++) byte = (byte << 1) | (cells[cy * HASH_W + cx] > cells[cy * HASH_W + cx + 1] ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/**
 * Shares of the frame's colours in each 4×4×4 RGB bin, counted on the frame shrunk to 32×18 cell
 * means: defocus and sensor noise move single pixels across bin edges, not the colour of a region.
 */
export function rgbHistogram(frame: Frame): Float64Array {
  const out = new Float64Array(BINS);
  const cells = cellMeans(frame.rgb, frame.width, frame.height, 3, HIST_CELLS_X, HIST_CELLS_Y);
  const n = HIST_CELLS_X * HIST_CELLS_Y;
  const bin = (v: number): number => Math.min(3, Math.floor(v) >> 6);
  for (let i = 0; i < n; i++) out[(bin(cells[i * 3]) << 4) | (bin(cells[i * 3 + 1]) << 2) | bin(cells[i * 3 + 2])] += 1 / n;
  return out;
}

export class SignatureBuilder {
  /** Every analysed frame's hash (16 bytes each: frames themselves are not kept). */
  private readonly frames: Array<{ timeSec: number; hash: string }> = [];
  private readonly histogram = new Float64Array(BINS);
  private histFrames = 0;

  constructor(private readonly maxHashes: number) {}

  push(frame: Frame): void {
    const h = rgbHistogram(frame);
    for (let i = 0; i < BINS; i++) this.histogram[i] += h[i];
    this.histFrames++;
    this.frames.push({ timeSec: frame.timeSec, hash: dHash(frame) });
  }

  /** The frames nearest to `maxHashes` evenly spaced times, each once, in time order. */
  private chosen(durationSec: number): string[] {
    const byTime = this.frames.slice().sort((a, b) => a.timeSec - b.timeSec);
    const k = Math.min(this.maxHashes, byTime.length);
    const picked = new Set<number>();
    for (let i = 0; i < k; i++) {
      const target = ((i + 0.5) / k) * durationSec;
      let best = -1;
      for (let j = 0; j < byTime.length; j++) {
        if (picked.has(j)) continue;
        if (best < 0 || Math.abs(byTime[j].timeSec - target) < Math.abs(byTime[best].timeSec - target)) best = j;
      }
      if (best >= 0) picked.add(best);
    }
    return Array.from(picked).sort((a, b) => a - b).map((j) => byTime[j].hash);
  }

  build(durationSec: number, capturedAt: string | null, capturedFrom: TakeSignature['capturedFrom']): TakeSignature | null {
    if (!this.histFrames) return null;
    let histogram = '';
    for (let i = 0; i < BINS; i++) {
      const v = Math.round(Math.sqrt(this.histogram[i] / this.histFrames) * 255);
      histogram += Math.min(255, v).toString(16).padStart(2, '0');
    }
    return { v: 1, hashes: this.chosen(durationSec), histogram, capturedAt, capturedFrom };
  }
}

/** The capture time for a signature: the container's creation_time when it parses, else the file's mtime. */
export function captureTime(creationTime: string | null | undefined, mtimeMs: number | null): { at: string | null; from: TakeSignature['capturedFrom'] } {
  if (creationTime) {
    const t = Date.parse(creationTime);
    // Cameras without a clock write 1970 or 1904: no evidence.
    if (Number.isFinite(t) && t > Date.UTC(1990, 0, 1)) return { at: new Date(t).toISOString(), from: 'metadata' };
  }
  if (mtimeMs !== null && Number.isFinite(mtimeMs)) return { at: new Date(mtimeMs).toISOString(), from: 'file-time' };
  return { at: null, from: null };
}
