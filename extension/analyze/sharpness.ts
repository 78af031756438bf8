// Classical blur: tile-wise, contrast-independent sharpness, pooled so that a sharp region keeps
// the frame sharp.
//
// Per tile and per direction d (→, ↓, ↘, ↗) we compare the energy of pixel differences at lag 1
// and lag K. For an edge that is sharp along d, E1/EK = 1/K; for an edge blurred wider than K
// pixels, E1/EK = 1/K². The normalised ratio q = (K·E1/EK − 1/K)/(1 − 1/K) is ~1 for sharp and ~0
// for blurred structure, whatever the contrast. Differences within `noiseFloor` code values are
// ignored, so 8-bit banding in smooth gradients and faint grain do not pass for detail.
//
// Pooling is per direction: a direction's sharpness is a high quantile of its q over the tiles
// that have structure across it, and the frame's sharpness is its second-weakest direction, or
// the weakest plus a slack when that one is far lower. Defocus lowers every direction; motion
// blur lowers its own direction in every tile (and the diagonals beside it, off the axes). A sharp
// region (a subject in focus, a static background behind a blurred mover) keeps every direction's
// high quantile up, and textureless tiles (sky, walls) have no vote.

import { clamp01, quantile, ramp } from '../util/ramp';
import { lumaBytes } from './luma';
import type { AnalysisContext, Frame, FrameAnalyzer, FrameScores } from './types';

const LAG = 2;
const DIRS: ReadonlyArray<[number, number]> = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
];
/** A direction whose lag-K energy is below this share of the tile's strongest direction carries no structure across it. */
const MIN_DIR_SHARE = 0.03;
/** A direction needs structure in at least this share of the textured tiles to be judged. */
const MIN_DIR_TILES = 0.05;

export interface SharpnessResult {
  /** Pooled sharpness 0..1 (1 = sharp); NaN when too few tiles have texture to judge. */
  sharpness: number;
  texturedFraction: number;
  /** Pooled sharpness per direction (NaN where no tile had structure across it). */
  directions: number[];
}

export function frameSharpness(
  luma: Uint8Array,
  width: number,
  height: number,
  tilesX: number,
  minStd: number,
  minTextured: number,
  poolQ: number,
  noiseFloor = 0,
  directionSlack = 1,
): SharpnessResult {
  const tile = Math.max(8, Math.floor(width / tilesX));
  const ty = Math.max(1, Math.floor(height / tile));
  const perDir: number[][] = [[], [], [], []];
  let total = 0;
  let textured = 0;
  const minVar = (minStd * 255) ** 2;
  const offs = DIRS.map(([dx, dy]) => dy * width + dx);
  const e1 = new Float64Array(4);
  const ek = new Float64Array(4);
  for (let r = 0; r < ty; r++) {
    for (let c = 0; c < tilesX; c++) {
      total++;
      const x0 = c * tile, y0 = r * tile;
      const x1 = Math.min(width, x0 + tile), y1 = Math.min(height, y0 + tile);
      let sum = 0, sum2 = 0, cnt = 0;
      for (let y = y0; y < y1; y++) {
        const row = y * width;
        for (let x = x0; x < x1; x++) {
          const v = luma[row + x];
          sum += v;
          sum2 += v * v;
          cnt++;
        }
      }
      const mean = sum / cnt;
      if (sum2 / cnt - mean * mean < minVar) continue;
      textured++;
      e1.fill(0);
      ek.fill(0);
      // Interior only, so that every lag-K neighbour stays inside the tile.
      for (let y = y0 + LAG; y < y1 - LAG; y++) {
        const row = y * width;
        for (let x = x0 + LAG; x < x1 - LAG; x++) {
          const i = row + x;
          const p = luma[i];
          for (let d = 0; d < 4; d++) {
            let a = Math.abs(luma[i + offs[d]] - p) - noiseFloor;
            let b = Math.abs(luma[i + LAG * offs[d]] - p) - noiseFloor;
            if (a < 0) a = 0;
            if (b < 0) b = 0;
            e1[d] += a * a;
            ek[d] += b * b;
          }
        }
      }
      const maxK = Math.max(ek[0], ek[1], ek[2], ek[3]);
      if (maxK <= 0) {
        // Contrast over the tile but no step anywhere above the noise floor: a smooth ramp, which
        // in a textured tile means structure blurred wider than the lag.
        for (let d = 0; d < 4; d++) perDir[d].push(0);
        continue;
      }
      for (let d = 0; d < 4; d++) {
        if (ek[d] < MIN_DIR_SHARE * maxK) continue;
        perDir[d].push(clamp01(((LAG * e1[d]) / ek[d] - 1 / LAG) / (1 - 1 / LAG)));
      }
    }
  }
  const texturedFraction = total ? textured / total : 0;
  const directions = perDir.map((qs) => (qs.length >= Math.max(1, MIN_DIR_TILES * textured) ? quantile(qs, poolQ) : NaN));
  // Mostly the second-weakest direction: a scene whose structure runs one way (or whose shading
  // dominates one direction) leaves one direction weak without being blurred. But a direction
  // smeared to nothing is motion blur along an axis, so the weakest direction may lift the result
  // by at most `slack` above itself.
  const judged = directions.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const sharpness =
    texturedFraction >= minTextured && judged.length ? Math.min(judged[Math.min(1, judged.length - 1)], judged[0] + directionSlack) : NaN;
  return { sharpness, texturedFraction, directions };
}

export class TileSharpnessAnalyzer implements FrameAnalyzer {
  readonly id = 'sharpness-tiles@1';
  readonly flags = ['blurry'] as const;

  async analyze(frames: Frame[], ctx: AnalysisContext): Promise<FrameScores[]> {
    const t = ctx.settings.tuning;
    return frames.map((f) => {
      const r = frameSharpness(lumaBytes(f), f.width, f.height, t.blurTilesX, t.blurTextureMinStd, t.blurMinTexturedFraction, t.blurPoolQuantile, t.blurNoiseFloor, t.blurDirectionSlack);
      // No texture to judge (a flat or black frame): no blur opinion rather than a guess.
      return Number.isNaN(r.sharpness) ? {} : { blurry: ramp(r.sharpness, t.blurSharpness) };
    });
  }
}
