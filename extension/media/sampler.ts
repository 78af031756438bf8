// Sampling: what to decode and how, as a value (the plan), and the decode itself.
//
// Fixed-rate (any file): ONE ffmpeg process decodes the whole video and emits two raw streams —
// small full-range RGB frames for blur/exposure (sampleFps × analysisWidth) and a denser, tiny grey
// stream for motion (motionFps × motionWidth). Rate reduction and scaling happen inside ffmpeg
// (fps before scale, so only sampled frames are ever scaled or converted).
//
// Keyframe-aware (short-GOP files, keyframes ≤ gopMaxKeyframeIntervalSec apart): the analysis
// stream is every keyframe, decoded with `-skip_frame nokey` so the decoder never touches the
// frames in between, and motion comes from short bursts of consecutive frames (motionBurstSec at
// the native rate) decoded from a keyframe every motionBurstIntervalSec, each burst one
// `-noaccurate_seek -ss T -t D -i file` input of the same process with its own output pipe. About
// one frame in 10–20 is decoded. Every frame's time comes from a showinfo line on stderr (the seek
// lands on the keyframe before T, wherever that is). Bursts are grouped into processes of
// motionBurstsPerProcess (one decoder per burst: memory stays flat on long clips).
//
// Frames are handed to the caller while ffmpeg keeps decoding.

import type { Frame } from '../analyze/types';
import type { EngineSettings } from '../contracts/settings';
import { Binaries, decodeRaw } from './ffmpeg';
import { ClipFailure, ProbedMedia } from './probe';

export interface MotionFrame {
  timeSec: number;
  width: number;
  height: number;
  gray: Uint8Array;
  /** Frames with different runs are not consecutive (separate bursts): no motion between them. */
  run?: number;
}

/** One ffmpeg process of a plan. */
export interface DecodeChunk {
  /** Everything before the last `-i file` (the burst inputs name the probed file themselves). */
  inputArgs: string[];
  filterGraph: string;
  /**
   * Seek offsets (s) of the burst inputs 0…n−1, in order; the last input is the keyframe stream.
   * Burst i is the output [m<i>], the keyframes are [a].
   */
  burstStartsSec: number[];
  /** Seek offset of the keyframe input (s). */
  keyStartSec: number;
}

export interface SamplingPlan {
  /** `keyframes`: short-GOP sampling (see above); `fixed`: fixed-rate over a full decode. */
  mode: 'fixed' | 'keyframes';
  /** Why this mode (for logs and benchmarks). */
  reason: string;
  /** Analysis frames per second (keyframes mode: the keyframe rate). */
  analysisFps: number;
  analysisWidth: number;
  analysisHeight: number;
  /** Motion frames per second within the motion stream (keyframes mode: the native rate inside bursts). */
  motionFps: number;
  motionWidth: number;
  motionHeight: number;
  /**
   * The whole sample as ONE command (`ffmpeg …inputArgs -i file -filter_complex filterGraph` with
   * outputs [a] and [m]): the decode floor. The engine runs `chunks` instead, which decode exactly
   * the same frames in processes of bounded memory.
   */
  filterGraph: string;
  inputArgs: string[];
  chunks: DecodeChunk[];
}

export interface SampleSink {
  /** May return a promise to pause decoding until the analysis has caught up. */
  onFrame(frame: Frame): void | Promise<unknown>;
  onMotion(frame: MotionFrame): void;
}

const even = (v: number) => Math.max(2, Math.round(v / 2) * 2);

export function planSampling(probed: ProbedMedia, settings: EngineSettings): SamplingPlan {
  const { media } = probed;
  const aspect = media.height / Math.max(1, media.width);
  const analysisWidth = even(Math.min(settings.analysisWidth, media.width));
  const analysisHeight = even(analysisWidth * aspect);
  const motionWidth = even(Math.min(settings.motionWidth, media.width));
  const motionHeight = even(motionWidth * aspect);
  // Range-aware conversion: tell swscale what the source range and matrix are and ask for full
  // range out, so a limited-range (16–235) clip and a full-range one give the same RGB values.
  const inRange = media.colorRange === 'full' ? 'pc' : 'tv';
  const matrix = probed.colorMatrix ? `:in_color_matrix=${probed.colorMatrix}` : '';
  const conv = `in_range=${inRange}:out_range=pc${matrix}`;
  const sizes = { analysisWidth, analysisHeight, motionWidth, motionHeight, conv };
  const why = gopEligibility(probed, settings);
  return why.ok ? keyframePlan(probed, settings, sizes, why.reason) : fixedPlan(probed, settings, sizes, why.reason);
}

interface Sizes {
  analysisWidth: number;
  analysisHeight: number;
  motionWidth: number;
  motionHeight: number;
  conv: string;
}

/** Whether keyframe-aware sampling applies, and why (not). */
function gopEligibility(probed: ProbedMedia, settings: EngineSettings): { ok: boolean; reason: string } {
  const t = settings.tuning;
  const k = probed.keyframes;
  if (!t.gopSampling) return { ok: false, reason: 'keyframe sampling is off' };
  if (!k) return { ok: false, reason: 'no keyframe map (VFR, rotated, interlaced, intra-only codec or probe failed)' };
  if (k.times.length < 2) return { ok: false, reason: `fewer than two keyframes in the first ${k.probedSec.toFixed(1)} s (long GOP)` };
  if (k.maxIntervalSec > t.gopMaxKeyframeIntervalSec + 1e-3) return { ok: false, reason: `keyframes up to ${k.maxIntervalSec.toFixed(2)} s apart (long GOP)` };
  if (!(k.medianIntervalSec >= t.gopMinKeyframeIntervalSec)) return { ok: false, reason: `keyframes every ${k.medianIntervalSec.toFixed(3)} s (intra-only)` };
  return { ok: true, reason: `short GOP: keyframes every ${k.medianIntervalSec.toFixed(2)} s` };
}

function fixedPlan(probed: ProbedMedia, settings: EngineSettings, z: Sizes, reason: string): SamplingPlan {
  const { media } = probed;
  const dur = Math.max(media.durationSec, 0.001);
  const nativeFps = media.fps > 0 ? media.fps : 30;
  // Long clips sample more sparsely so analysis time stays bounded; never above the native rate
  // (duplicated frames would look like a frozen camera to the motion analysis).
  const cap = settings.tuning.maxSampledFrames / dur;
  // A clip shorter than two sample periods (a single frame, a flash frame) is decoded whole: the
  // fps filter would otherwise emit nothing for it.
  const tiny = dur * Math.min(settings.sampleFps, nativeFps) < 2;
  const analysisFps = tiny ? nativeFps : Math.min(settings.sampleFps, nativeFps, cap);
  const motionFps = Math.min(settings.motionFps, nativeFps, cap * 5);
  const rateA = tiny ? 'null' : `fps=fps=${analysisFps.toFixed(6)}`;
  const pre = probed.interlaced ? 'yadif=mode=0,' : '';
  const filterGraph =
    `[0:v]${pre}split=2[s0][s1];` +
    `[s0]${rateA},scale=${z.analysisWidth}:${z.analysisHeight}:flags=area:${z.conv},format=rgb24[a];` +
    `[s1]fps=fps=${motionFps.toFixed(6)},scale=${z.motionWidth}:${z.motionHeight}:flags=area:${z.conv},format=gray[m]`;
  const inputArgs = ['-threads', '0', ...(settings.tuning.skipLoopFilter ? ['-skip_loop_filter', 'all'] : [])];
  return {
    mode: 'fixed',
    reason,
    analysisFps,
    analysisWidth: z.analysisWidth,
    analysisHeight: z.analysisHeight,
    motionFps,
    motionWidth: z.motionWidth,
    motionHeight: z.motionHeight,
    filterGraph,
    inputArgs,
    chunks: [{ inputArgs, filterGraph, burstStartsSec: [], keyStartSec: 0 }],
  };
}

const secs = (v: number) => v.toFixed(4);

/**
 * ffmpeg's CLI seeks an input with B-frames this much before `-ss` (it seeks by decode time, which
 * runs ahead of presentation time); a burst's -ss adds it back so the seek lands on the keyframe
 * at its nominal time rather than the one before.
 */
const FFMPEG_DTS_SEEK_MARGIN_SEC = 3 / 23;

/** Frames an H.264/HEVC decoder keeps allocated after a short burst (reference + reorder + output pools). */
const DECODER_FRAMES_HELD = 8;

function keyframePlan(probed: ProbedMedia, settings: EngineSettings, z: Sizes, reason: string): SamplingPlan {
  const { media } = probed;
  const t = settings.tuning;
  const dur = media.durationSec;
  const fps = media.fps;
  const interval = probed.keyframes!.medianIntervalSec;
  const burstFrames = Math.max(3, Math.round(t.motionBurstSec * fps));
  const burstSec = burstFrames / fps;
  // Bursts start half a frame after their nominal time: a seek lands on the keyframe at or before
  // it, and a target exactly on a keyframe can round to the one before. Long clips space bursts
  // out so the motion frames stay within maxSampledFrames.
  const every = Math.max(t.motionBurstIntervalSec, interval, (dur * burstFrames) / Math.max(1, t.maxSampledFrames));
  const starts: number[] = [];
  const lead = 0.5 / fps + (probed.hasBFrames ? FFMPEG_DTS_SEEK_MARGIN_SEC : 0);
  for (let s = 0; s === 0 || s + burstSec <= dur + 1e-6; s += every) starts.push(s + lead);
  // A burst's decoder holds about DECODER_FRAMES_HELD frames of the source size (4:2:0, 8 bits:
  // 1.5 bytes per pixel) until its process ends: ≈ 25 MB at 1080p, measured.
  const decoderMB = (probed.media.width * probed.media.height * 1.5 * DECODER_FRAMES_HELD) / 2 ** 20;
  const perProcess = Math.max(1, Math.min(Math.round(t.motionBurstsPerProcess), Math.floor(t.motionBurstMemoryMB / decoderMB)));
  const skip = t.skipLoopFilter ? ['-skip_loop_filter', 'all'] : [];
  const burstSkip = t.skipLoopFilter || t.motionSkipLoopFilter ? ['-skip_loop_filter', 'all'] : [];
  // One decoder thread per burst: frame threads would only add reorder delay and memory to a few frames.
  const burstInput = (ss: number) => ['-threads', '1', ...burstSkip, '-noaccurate_seek', '-ss', secs(ss), '-t', secs((burstFrames - 0.5) / fps)];
  const burstBranch = (i: number) => `[${i}:v]scale=${z.motionWidth}:${z.motionHeight}:flags=area:${z.conv},format=gray,showinfo@b${i}[m${i}]`;
  // Long clips keep at most maxSampledFrames keyframes (dropped after decoding, never duplicated).
  const minGapSec = dur / Math.max(1, t.maxSampledFrames);
  const thin = dur / interval > t.maxSampledFrames ? `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${minGapSec.toFixed(4)})',` : '';
  const keyBranch = (n: number) => `[${n}:v]${thin}scale=${z.analysisWidth}:${z.analysisHeight}:flags=area:${z.conv},format=rgb24,showinfo@key[a]`;
  // The engine gives every burst its own output pipe ([m0]…): bursts decode concurrently and
  // their showinfo lines interleave, so only a pipe per burst ties frames to times without doubt.
  const chunkGraph = (n: number) => [...Array.from({ length: n }, (_, i) => burstBranch(i)), keyBranch(n)].join(';');
  // The single-command floor joins them into one [m] output instead (same decoding).
  const floorGraph = (n: number) =>
    [...Array.from({ length: n }, (_, i) => burstBranch(i)), `${Array.from({ length: n }, (_, i) => `[m${i}]`).join('')}concat=n=${n}:v=1:a=0[m]`, keyBranch(n)].join(';');
  // `-vsync 0`: raw outputs would otherwise be made constant-rate by duplicating frames.
  const keyInput = (ss: number, until: number | null) => [
    '-threads', '0', ...skip, '-skip_frame', 'nokey',
    ...(ss > 0 ? ['-noaccurate_seek', '-ss', secs(ss)] : []),
    ...(until !== null ? ['-t', secs(until - ss)] : []),
  ];
  const chunks: DecodeChunk[] = [];
  for (let i = 0; i < starts.length; i += perProcess) {
    const group = starts.slice(i, i + perProcess);
    const keyStart = i === 0 ? 0 : group[0];
    const next = starts[i + perProcess];
    const inputArgs = ['-vsync', '0'];
    for (const ss of group) inputArgs.push(...burstInput(ss), '-i', probed.path);
    inputArgs.push(...keyInput(keyStart, next === undefined ? null : next));
    chunks.push({ inputArgs, filterGraph: chunkGraph(group.length), burstStartsSec: group, keyStartSec: keyStart });
  }
  const all = ['-vsync', '0'];
  for (const ss of starts) all.push(...burstInput(ss), '-i', probed.path);
  all.push(...keyInput(0, null));
  return {
    mode: 'keyframes',
    reason,
    analysisFps: Math.min(1 / interval, t.maxSampledFrames / Math.max(dur, 1e-3)),
    analysisWidth: z.analysisWidth,
    analysisHeight: z.analysisHeight,
    motionFps: fps,
    motionWidth: z.motionWidth,
    motionHeight: z.motionHeight,
    filterGraph: floorGraph(starts.length),
    inputArgs: all,
    chunks,
  };
}

export interface SampleResult {
  frames: number;
  motionFrames: number;
  lastTimeSec: number;
}

const SHOWINFO = /^\[showinfo@(key|b(\d+)) @ [^\]]*\]\s*n:\s*(\d+)\s+pts:\s*-?\d+\s+pts_time:(-?[0-9.eE+-]+)/;
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

/** Decodes `file` per `plan`, feeding `sink`; throws ClipFailure when nothing usable decodes. */
export async function sampleClip(
  bins: Binaries,
  file: string,
  probed: ProbedMedia,
  plan: SamplingPlan,
  sink: SampleSink,
  signal?: AbortSignal,
): Promise<SampleResult> {
  const state = { frames: 0, motionFrames: 0, lastTimeSec: 0, exitCode: 0 as number | null, trouble: false, stderrTail: '' };
  if (plan.mode === 'fixed') await decodeFixed(bins, file, plan, sink, state, signal);
  else {
    let run = 0;
    for (const chunk of plan.chunks) {
      if (signal?.aborted) break;
      run = await decodeChunk(bins, file, plan, chunk, sink, state, run, signal);
    }
  }
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
  lastTimeSec: number;
  exitCode: number | null;
  trouble: boolean;
  stderrTail: string;
}

async function decodeFixed(bins: Binaries, file: string, plan: SamplingPlan, sink: SampleSink, st: DecodeState, signal?: AbortSignal): Promise<void> {
  const aBytes = plan.analysisWidth * plan.analysisHeight * 3;
  const mBytes = plan.motionWidth * plan.motionHeight;
  // The fps filter emits frame n at n / fps (timestamps start at 0 without -copyts).
  const result = await decodeRaw(bins, {
    inputArgs: plan.inputArgs,
    input: file,
    filterGraph: plan.filterGraph,
    signal,
    outputs: [
      {
        label: '[a]',
        pixFmt: 'rgb24',
        frameBytes: aBytes,
        onFrame: (buf, n) => {
          st.frames++;
          st.lastTimeSec = n / plan.analysisFps;
          return sink.onFrame({ timeSec: st.lastTimeSec, width: plan.analysisWidth, height: plan.analysisHeight, rgb: buf });
        },
      },
      {
        label: '[m]',
        pixFmt: 'gray',
        frameBytes: mBytes,
        onFrame: (buf, n) => {
          st.motionFrames++;
          sink.onMotion({ timeSec: n / plan.motionFps, width: plan.motionWidth, height: plan.motionHeight, gray: buf });
        },
      },
    ],
  });
  st.exitCode = result.exitCode;
  st.stderrTail = result.stderrTail;
  st.trouble = TROUBLE.test(result.stderrTail);
}

/** Runs one process of a keyframes plan; returns the next free burst (run) number. */
async function decodeChunk(
  bins: Binaries,
  file: string,
  plan: SamplingPlan,
  chunk: DecodeChunk,
  sink: SampleSink,
  st: DecodeState,
  firstRun: number,
  signal?: AbortSignal,
): Promise<number> {
  // A keyframe at a chunk boundary can arrive from both processes: keep the first.
  const minGap = 0.5 / plan.motionFps;
  const analysis = new TimedFrames<number>((buf, timeSec) => {
    if (st.frames > 0 && timeSec < st.lastTimeSec + minGap) return undefined;
    st.frames++;
    st.lastTimeSec = timeSec;
    return sink.onFrame({ timeSec, width: plan.analysisWidth, height: plan.analysisHeight, rgb: buf });
  });
  // Bursts are small (a few dozen KB): each is kept whole and handed over in order once decoded.
  const n = chunk.burstStartsSec.length;
  const burstFrames: Buffer[][] = Array.from({ length: n }, () => []);
  const burstTimes: number[][] = Array.from({ length: n }, () => []);
  let keyIdx = 0;
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
      const ptsTime = Number(m[4]);
      if (m[1] === 'key') analysis.stamp(keyIdx++, chunk.keyStartSec + ptsTime);
      else {
        const b = Number(m[2]);
        burstTimes[b][Number(m[3])] = Math.max(0, chunk.burstStartsSec[b] + ptsTime);
      }
    },
    onStderrEnd: () => analysis.end(),
    outputs: [
      { label: '[a]', pixFmt: 'rgb24', frameBytes: plan.analysisWidth * plan.analysisHeight * 3, onFrame: (buf, i) => analysis.frame(buf, i) },
      ...chunk.burstStartsSec.map((_, b) => ({
        label: `[m${b}]`,
        pixFmt: 'gray' as const,
        frameBytes: plan.motionWidth * plan.motionHeight,
        onFrame: (buf: Buffer, i: number) => void (burstFrames[b][i] = buf),
      })),
    ],
  });
  if (!signal?.aborted) {
    burstFrames.forEach((frames, b) =>
      frames.forEach((gray, i) => {
        const timeSec = burstTimes[b][i];
        if (timeSec === undefined) return; // never stamped: cannot be placed in time
        st.motionFrames++;
        sink.onMotion({ timeSec, width: plan.motionWidth, height: plan.motionHeight, gray, run: firstRun + b });
      }),
    );
  }
  if (result.exitCode !== 0) st.exitCode = result.exitCode;
  st.stderrTail = result.stderrTail;
  return firstRun + chunk.burstStartsSec.length;
}

function decodeFailure(stderr: string): ClipFailure {
  const m = /Decoder \(codec ([^)]+)\) not found|Unknown decoder '([^']+)'|Unsupported codec|no decoder/i.exec(stderr);
  if (m) return new ClipFailure('unsupported-codec', `The video codec${m[1] || m[2] ? ` (${m[1] || m[2]})` : ''} cannot be decoded by this ffmpeg.`);
  return new ClipFailure('truncated', 'No picture could be decoded: the file is damaged or ends before its first frame.');
}
