// Sampling: what to decode and how, as a value (the plan, samplingPlan.ts), and the decode itself
// (here).
//
// A plan is a list of ffmpeg processes (chunks) that together decode the sample once; up to
// `decodeProcesses` of them run side by side, so one clip keeps both cores of a 2-core machine
// busy. Every frame's time comes from a showinfo line on stderr, so frames may arrive out of order
// across chunks and the decoder may skip frames. Frames are handed to the caller while ffmpeg
// keeps decoding.

import type { EngineSettings } from '../contracts/settings';
import { forEachLimited } from '../util/pool';
import { Binaries, decodeRaw } from './ffmpeg';
import { ClipFailure, ProbedMedia } from './probe';
import type { DecodeChunk, SampleSink, SamplingPlan } from './samplingPlan';

export { planDecode, planSampling } from './samplingPlan';
export type { DecodeChunk, MotionFrame, SampleSink, SamplingPlan } from './samplingPlan';
export { SOFTWARE_INPUTS } from './inputs';
export type { InputOptions } from './inputs';

export interface SampleResult {
  frames: number;
  motionFrames: number;
  lastTimeSec: number;
}

const SHOWINFO = /^\[showinfo@(key|mot|b(\d+)) @ [^\]]*\]\s*n:\s*(\d+)\s+pts:\s*-?\d+\s+pts_time:(-?[0-9.eE+-]+)/;
const TROUBLE = /partial file|Invalid|error|Truncat|corrupt/i;

/**
 * Hands frames over in order, each once its timestamp is known: the time arrives on stderr, the
 * pixels on a pipe, and either may come first.
 */
class TimedFrames<M> {
  private readonly meta: Array<M | undefined> = [];
  private readonly queue: Array<{ buf: Buffer; idx: number }> = [];
  private waiters: Array<() => void> = [];
  private ended = false;

  constructor(private readonly deliver: (buf: Buffer, meta: M) => void | Promise<unknown>) {}

  stamp(idx: number, m: M): void {
    this.meta[idx] = m;
    void this.drain();
  }

  end(): void {
    this.ended = true;
    void this.drain();
  }

  frame(buf: Buffer, idx: number): void | Promise<unknown> {
    this.queue.push({ buf, idx });
    return this.drain();
  }

  private drain(): void | Promise<unknown> {
    let busy: Promise<unknown> | undefined;
    while (this.queue.length) {
      const head = this.queue[0];
      const m = this.meta[head.idx];
      if (m === undefined && !this.ended) break;
      this.queue.shift();
      if (m === undefined) continue; // no timestamp ever came: the frame cannot be placed
      const r = this.deliver(head.buf, m);
      if (r) busy = busy ? Promise.all([busy, r]) : r;
    }
    if (!this.queue.length) {
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
      return busy;
    }
    const wait = new Promise<void>((res) => this.waiters.push(res));
    return busy ? Promise.all([busy, wait]) : wait;
  }
}

/**
 * Analysis frame times already handed over: a keyframe at a chunk boundary can come from both
 * chunks, and chunks run side by side, so a frame is dropped when one was taken within `minGap`.
 */
class TakenTimes {
  private readonly times: number[] = [];

  constructor(private readonly minGap: number) {}

  /** True (and remembered) when no frame was taken within minGap of `t`. */
  claim(t: number): boolean {
    const ts = this.times;
    let lo = 0, hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if ((lo < ts.length && ts[lo] - t < this.minGap) || (lo > 0 && t - ts[lo - 1] < this.minGap)) return false;
    ts.splice(lo, 0, t);
    return true;
  }
}

/** Decodes `file` per `plan`, feeding `sink`; throws ClipFailure when nothing usable decodes. */
export async function sampleClip(
  bins: Binaries,
  file: string,
  probed: ProbedMedia,
  plan: SamplingPlan,
  sink: SampleSink,
  signal?: AbortSignal,
): Promise<SampleResult> {
  const state: DecodeState = { frames: 0, motionFrames: 0, lastTimeSec: 0, exitCode: 0, trouble: false, stderrTail: '' };
  const taken = new TakenTimes(0.5 / (probed.media.fps > 0 ? probed.media.fps : 30));
  await forEachLimited(plan.chunks, plan.concurrency, async (chunk) => {
    if (!signal?.aborted) await decodeChunk(bins, file, plan, chunk, sink, state, taken, signal);
  });
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
  if (state.frames === 0) throw decodeFailure(state.stderrTail);
  // The data ended well before the duration the header promises: a cut-off copy or recording.
  const expected = probed.media.durationSec;
  const covered = state.lastTimeSec + 1 / plan.analysisFps;
  if (expected > 2 && covered < expected * 0.85 - 0.5 && (state.exitCode !== 0 || state.trouble)) {
    throw new ClipFailure(
      'truncated',
      `The file is cut off: only ${covered.toFixed(1)} s of ${expected.toFixed(1)} s could be decoded (incomplete copy or interrupted recording).`,
    );
  }
  return { frames: state.frames, motionFrames: state.motionFrames, lastTimeSec: state.lastTimeSec };
}

interface DecodeState {
  frames: number;
  motionFrames: number;
  /** Latest analysis frame time seen (chunks may finish in any order). */
  lastTimeSec: number;
  exitCode: number | null;
  trouble: boolean;
  stderrTail: string;
}

/** Runs one process of a plan. */
async function decodeChunk(
  bins: Binaries,
  file: string,
  plan: SamplingPlan,
  chunk: DecodeChunk,
  sink: SampleSink,
  st: DecodeState,
  taken: TakenTimes,
  signal?: AbortSignal,
): Promise<void> {
  const motion = (gray: Uint8Array, timeSec: number, run: number) => {
    st.motionFrames++;
    sink.onMotion({ timeSec, width: plan.motionWidth, height: plan.motionHeight, gray, run });
  };
  const analysis = new TimedFrames<number>((buf, timeSec) => {
    if (!taken.claim(timeSec)) return undefined;
    st.frames++;
    st.lastTimeSec = Math.max(st.lastTimeSec, timeSec);
    return sink.onFrame({ timeSec, width: plan.analysisWidth, height: plan.analysisHeight, rgb: buf });
  });
  // The motion stream of a full decode is streamed like the analysis frames, as one run.
  const stream = chunk.motionStream ? new TimedFrames<number>((buf, timeSec) => motion(buf, timeSec, chunk.firstRun)) : null;
  // Bursts are small (a few dozen KB): each is kept whole and handed over in order once decoded.
  const n = chunk.burstStartsSec.length;
  const burstFrames: Buffer[][] = Array.from({ length: n }, () => []);
  const burstTimes: number[][] = Array.from({ length: n }, () => []);
  let keyIdx = 0;
  let motIdx = 0;
  const outputs = [
    { label: '[a]', pixFmt: 'rgb24' as const, frameBytes: plan.analysisWidth * plan.analysisHeight * 3, onFrame: (buf: Buffer, i: number) => analysis.frame(buf, i) },
    ...(stream ? [{ label: '[m]', pixFmt: 'gray' as const, frameBytes: plan.motionWidth * plan.motionHeight, onFrame: (buf: Buffer, i: number) => stream.frame(buf, i) }] : []),
    ...chunk.burstStartsSec.map((_, b) => ({
      label: `[m${b}]`,
      pixFmt: 'gray' as const,
      frameBytes: plan.motionWidth * plan.motionHeight,
      onFrame: (buf: Buffer, i: number) => void (burstFrames[b][i] = buf),
    })),
  ];
  const result = await decodeRaw(bins, {
    inputArgs: chunk.inputArgs,
    input: file,
    filterGraph: chunk.filterGraph,
    signal,
    onStderrLine: (line) => {
      const m = SHOWINFO.exec(line);
      if (!m) {
        if (TROUBLE.test(line)) st.trouble = true;
        return;
      }
      const timeSec = chunk.startSec + Number(m[4]);
      if (m[1] === 'key') analysis.stamp(keyIdx++, timeSec);
      else if (m[1] === 'mot') stream?.stamp(motIdx++, timeSec);
      else {
        const b = Number(m[2]);
        burstTimes[b][Number(m[3])] = Math.max(0, chunk.burstStartsSec[b] + Number(m[4]));
      }
    },
    onStderrEnd: () => {
      analysis.end();
      stream?.end();
    },
    outputs,
  });
  if (!signal?.aborted) {
    burstFrames.forEach((frames, b) =>
      frames.forEach((gray, i) => {
        const timeSec = burstTimes[b][i];
        if (timeSec !== undefined) motion(gray, timeSec, chunk.firstRun + b); // never stamped: cannot be placed in time
      }),
    );
  }
  if (result.exitCode !== 0) st.exitCode = result.exitCode;
  if (result.exitCode !== 0 || !st.stderrTail) st.stderrTail = result.stderrTail;
}

function decodeFailure(stderr: string): ClipFailure {
  const m = /Decoder \(codec ([^)]+)\) not found|Unknown decoder '([^']+)'|Unsupported codec|no decoder/i.exec(stderr);
  if (m) return new ClipFailure('unsupported-codec', `The video codec${m[1] || m[2] ? ` (${m[1] || m[2]})` : ''} cannot be decoded by this ffmpeg.`);
  return new ClipFailure('truncated', 'No picture could be decoded: the file is damaged or ends before its first frame.');
}
