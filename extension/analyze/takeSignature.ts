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

/** dHash of one frame as 16 hex digits (see TakeSignature.hashes). */
export function dHash(frame: Frame): string {
  const luma = lumaBytes(frame);
  const { width: w, height: h } = frame;
  const cells = new Float64Array(HASH_W * HASH_H);
  // Box-average each cell: robust to noise and blur, and to any frame size.
  for (let cy = 0; cy < HASH_H; cy++) {
    const y0 = Math.floor((cy * h) / HASH_H);
    const y1 = Math.max(y0 + 1, Math.floor(((cy + 1) * h) / HASH_H));
    for (let cx = 0; cx < HASH_W; cx++) {
      const x0 = Math.floor((cx * w) / HASH_W);
      const x1 = Math.max(x0 + 1, Math.floor(((cx + 1) * w) / HASH_W));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0, i = y * w + x0; x < x1; x++, i++) sum += luma[i];
      cells[cy * HASH_W + cx] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
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
  const { width: w, height: h, rgb } = frame;
  let cells = 0;
  for (let cy = 0; cy < HIST_CELLS_Y; cy++) {
    const y0 = Math.floor((cy * h) / HIST_CELLS_Y);
    const y1 = Math.max(y0 + 1, Math.floor(((cy + 1) * h) / HIST_CELLS_Y));
    for (let cx = 0; cx < HIST_CELLS_X; cx++) {
      const x0 = Math.floor((cx * w) / HIST_CELLS_X);
      const x1 = Math.max(x0 + 1, Math.floor(((cx + 1) * w) / HIST_CELLS_X));
      let r = 0, g = 0, b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0, j = (y * w + x0) * 3; x < x1; x++, j += 3) {
          r += rgb[j];
          g += rgb[j + 1];
          b += rgb[j + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      out[((Math.min(255, r / n) >> 6) << 4) | ((Math.min(255, g / n) >> 6) << 2) | (Math.min(255, b / n) >> 6)]++;
      cells++;
    }
  }
  for (let i = 0; i < BINS; i++) out[i] /= cells;
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
