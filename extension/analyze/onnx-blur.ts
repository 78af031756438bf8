// Learned blur: a small fully convolutional CNN scores every 16x16 cell of the frame's luma for
// "blurry" and for "evidence" (the scene has texture there, so blur is observable at all). The
// cells are pooled so that camera blur is told apart from local blur:
//  - the sharpest cells holding a small share of the frame's evidence decide: a sharp region keeps
//    the frame sharp (a motion-blurred subject on a steady frame, a shallow depth of field);
//  - textureless cells (sky, fog, walls) have little evidence and barely vote; a frame with almost
//    none falls back to a prior that leans "not blurry" rather than guessing.
// The calibration (share, prior) was chosen on validation photos and ships in models/blur.json.

import type { InferenceSession } from 'onnxruntime-node';
import { checkFrame, groupBySize, writeLuma } from './onnx-frames';
import { floatData } from './onnx-session';
import type { AnalysisContext, Frame, FrameAnalyzer, FrameScores } from './types';

type Ort = typeof import('onnxruntime-node');

export interface BlurPooling {
  /** Share of the frame's total evidence, taken from the sharpest cells, whose mean decides. */
  sharpestFraction: number;
  /** At least this much evidence (in cells) is pooled, so one stray cell cannot decide. */
  minEvidence: number;
  /** Score of a frame that shows no texture at all. */
  prior: number;
  /** Evidence (in cells) at which the frame's own score and the prior weigh the same. */
  priorWeight: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Pools per-cell blur probabilities `p` with evidence weights `w` into one frame score 0..1.
 * Mirrored by models/pipeline/evaluate.py pool(), which chose the calibration.
 */
export function poolBlur(p: ArrayLike<number>, w: ArrayLike<number>, prm: BlurPooling): number {
  const n = p.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  const want = Math.max(prm.minEvidence, prm.sharpestFraction * total);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  let acc = 0;
  let num = 0;
  for (const i of order) {
    if (acc >= want) break;
    const take = Math.min(w[i], want - acc);
    acc += take;
    num += take * p[i];
  }
  const pooled = acc > 0 ? num / acc : prm.prior;
  const c = total / (total + prm.priorWeight);
  return c * pooled + (1 - c) * prm.prior;
}

export interface BlurCells {
  cellsX: number;
  cellsY: number;
  /** Probability that the cell is blurry. */
  blurry: Float32Array;
  /** Probability that the cell shows observable texture. */
  evidence: Float32Array;
}

export class LearnedBlurAnalyzer implements FrameAnalyzer {
  readonly flags = ['blurry'] as const;

  constructor(
    readonly id: string,
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    private readonly pooling: BlurPooling,
    private readonly maxBatch: number,
  ) {}

  /** Per-cell maps, for pooling and for inspection. */
  async cells(frames: Frame[]): Promise<BlurCells[]> {
    const out: BlurCells[] = new Array(frames.length);
    for (const group of groupBySize(frames)) {
      for (let g = 0; g < group.length; g += this.maxBatch) {
        const idx = group.slice(g, g + this.maxBatch);
        const { width, height } = frames[idx[0]];
        const plane = width * height;
        const data = new Float32Array(idx.length * plane);
        idx.forEach((fi, k) => {
          checkFrame(frames[fi]);
          writeLuma(frames[fi], data, k * plane);
        });
        const input = new this.ort.Tensor('float32', data, [idx.length, 1, height, width]);
        const res = await this.session.run({ [this.session.inputNames[0]]: input });
        const t = res[this.session.outputNames[0]];
        const [, , cy, cx] = t.dims as number[];
        const v = floatData(t);
        const cellsN = cy * cx;
        idx.forEach((fi, k) => {
          const base = k * 2 * cellsN;
          const blurry = new Float32Array(cellsN);
          const evidence = new Float32Array(cellsN);
          for (let i = 0; i < cellsN; i++) {
            blurry[i] = sigmoid(v[base + i]);
            evidence[i] = sigmoid(v[base + cellsN + i]);
          }
          out[fi] = { cellsX: cx, cellsY: cy, blurry, evidence };
        });
      }
    }
    return out;
  }

  async analyze(frames: Frame[], _ctx?: AnalysisContext): Promise<FrameScores[]> {
    const maps = await this.cells(frames);
    return maps.map((m) => ({ blurry: poolBlur(m.blurry, m.evidence, this.pooling) }));
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
