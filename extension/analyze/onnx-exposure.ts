// Learned exposure: a small CNN classifies the whole frame, squashed to 128x72, as good / under /
// over. It learned what display-referred (SDR, Rec.709-like) frames look like, so it abstains on
// log and HDR footage, where the range-aware classical analyser judges alone.

import type { InferenceSession } from 'onnxruntime-node';
import { checkFrame, writeSquashedRgb } from './onnx-frames';
import { floatData } from './onnx-session';
import type { AnalysisContext, Frame, FrameAnalyzer, FrameScores } from './types';

type Ort = typeof import('onnxruntime-node');

export interface ExposureInput {
  width: number;
  height: number;
  /** Output class order, e.g. ['good', 'under', 'over']. */
  classes: string[];
}

export class LearnedExposureAnalyzer implements FrameAnalyzer {
  readonly flags = ['dark', 'bright'] as const;
  private readonly under: number;
  private readonly over: number;

  constructor(
    readonly id: string,
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    private readonly input: ExposureInput,
    private readonly maxBatch: number,
  ) {
    this.under = input.classes.indexOf('under');
    this.over = input.classes.indexOf('over');
    if (this.under < 0 || this.over < 0) throw new Error(`exposure model classes ${input.classes.join(',')} lack under/over`);
  }

  /** Class probabilities per frame, in `input.classes` order. */
  async probabilities(frames: Frame[]): Promise<Float32Array[]> {
    const { width, height } = this.input;
    const k = this.input.classes.length;
    const per = 3 * width * height;
    const out: Float32Array[] = [];
    for (let s = 0; s < frames.length; s += this.maxBatch) {
      const batch = frames.slice(s, s + this.maxBatch);
      const data = new Float32Array(batch.length * per);
      batch.forEach((f, i) => {
        checkFrame(f);
        writeSquashedRgb(f, width, height, data, i * per);
      });
      const res = await this.session.run({
        [this.session.inputNames[0]]: new this.ort.Tensor('float32', data, [batch.length, 3, height, width]),
      });
      const v = floatData(res[this.session.outputNames[0]]);
      for (let i = 0; i < batch.length; i++) out.push(softmax(v.subarray(i * k, (i + 1) * k)));
    }
    return out;
  }

  async analyze(frames: Frame[], ctx?: AnalysisContext): Promise<FrameScores[]> {
    if (ctx && ctx.footageMode !== 'standard') return frames.map(() => ({}));
    const probs = await this.probabilities(frames);
    return probs.map((p) => ({ dark: p[this.under], bright: p[this.over] }));
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

function softmax(z: ArrayLike<number>): Float32Array {
  let m = -Infinity;
  for (let i = 0; i < z.length; i++) m = Math.max(m, z[i]);
  const e = new Float32Array(z.length);
  let s = 0;
  for (let i = 0; i < z.length; i++) s += e[i] = Math.exp(z[i] - m);
  for (let i = 0; i < z.length; i++) e[i] /= s;
  return e;
}
