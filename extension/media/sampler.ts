// Sampling: what to decode and how, as a value (the plan), and the decode itself.
//
// A plan is a list of ffmpeg processes (chunks) that together decode the sample once; up to
// `decodeProcesses` of them run side by side, so one clip keeps both cores of a 2-core machine
// busy. Every frame's time comes from a showinfo line on stderr, so frames may arrive out of order
// across chunks and the decoder may skip frames.
//
// Fixed-rate (any file): the video is decoded in full — minus the frames nothing else references
// (`skipFrames`) — and two raw streams come out: small full-range RGB frames for blur/exposure
// (sampleFps × analysisWidth) and a denser, tiny grey stream for motion (motionFps × motionWidth).
// Each stream keeps the first decoded frame of every 1/fps slot (never a duplicate: a repeated
// frame would look like a frozen camera to the motion analysis). Long files are cut at keyframes
// into independent parts, one process each.
//
// Keyframe-aware (short-GOP files, keyframes ≤ gopMaxKeyframeIntervalSec apart): the analysis
// stream is every keyframe, decoded with `-skip_frame nokey` so the decoder never touches the
// frames in between, and motion comes from short bursts of consecutive frames (motionBurstSec at
// the native rate) decoded from a keyframe every motionBurstIntervalSec, each burst one
// `-noaccurate_seek -ss T -t D -i file` input of the same process with its own output pipe. About
// one frame in 10–20 is decoded (the seek lands on the keyframe before T, wherever that is).
// Bursts are grouped into processes of at most motionBurstsPerProcess (one decoder per burst:
// memory stays flat on long clips).
//
// Frames are handed to the caller while ffmpeg keeps decoding.

import type { Frame } from '../analyze/types';
import type { EngineSettings } from '../contracts/settings';
import { forEachLimited } from '../util/pool';
import { Binaries, decodeRaw } from './ffmpeg';
import { ClipFailure, keyframesNear, ProbedMedia } from './probe';
import { resolveSkipFrames, SkipFrames } from './skipCheck';
import { ffmpegCapabilities } from './capabilities';
import { chooseClipDecode, DecodeChoice } from './hwDecode';
import { InputOpener, inputOpener, InputOptions, SOFTWARE_INPUTS } from './inputs';

export type { InputOptions } from './inputs';
export { SOFTWARE_INPUTS } from './inputs';

export interface MotionFrame {
  timeSec: number;
  width: number;
  height: number;
  gray: Uint8Array;
  /** Frames with different runs are not consecutive (separate bursts or parts): no motion between them. */
  run?: number;
}

/** One ffmpeg process of a plan. */
export interface DecodeChunk {
  /** Everything before the last `-i file` (the burst inputs name the probed file themselves). */
  inputArgs: string[];
  /** Outputs: [a] (analysis), [m] when `motionStream`, and [m0]…[m<n−1>] for the bursts. */
  filterGraph: string;
  /** Seek offsets (s) of the burst inputs 0…n−1, in order; each burst is a motion run of its own. */
  burstStartsSec: number[];
  /** Seek offset (s) of the main input (the last one): its frame times count from here. */
  startSec: number;
  /** The main input also gives a motion stream [m] (fixed-rate plans), one run, streamed. */
  motionStream: boolean;
  /** Run number of the chunk's first motion run (the stream, else burst 0): unique in the plan. */
  firstRun: number;
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
  /** The processes; together they decode the sample once. The benchmark's decode floor runs the same. */
  chunks: DecodeChunk[];
  /** How many chunks run at once. */
  concurrency: number;
  /** Fixed-rate plans: the frames the decoder skips (see `tuning.skipFrames`); null for keyframe plans. */
  skipFrames: SkipFrames | null;
  /** Seconds at the start decoded twice, before the plan runs, to choose skipFrames (null: none). */
  skipCheckSec: number | null;
  /** How the plan decodes: `software` or the hwaccel's name, and why (see hwDecode.ts). */
  decode: DecodeChoice;
}

export interface SampleSink {
  /** May return a promise to pause decoding until the analysis has caught up. */
  onFrame(frame: Frame): void | Promise<unknown>;
  /** Frames of one run arrive in time order; runs may interleave. */
  onMotion(frame: MotionFrame): void;
}

const even = (v: number) => Math.max(2, Math.round(v / 2) * 2);

/**
 * The plan for a probed file. `splitsSec`: keyframe times where a fixed-rate decode may be cut
 * into parts (see planDecode, which finds them).
 */
export function planSampling(probed: ProbedMedia, settings: EngineSettings, splitsSec: number[] = [], inputs: InputOptions = SOFTWARE_INPUTS): SamplingPlan {
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
  const io = inputOpener(probed, inputs);
  const sizes = { analysisWidth, analysisHeight, motionWidth, motionHeight, conv };
  const why = gopEligibility(probed, settings);
  const plan = why.ok ? keyframePlan(probed, settings, sizes, why.reason, io) : fixedPlan(probed, settings, sizes, why.reason, splitsSec, io);
  return { ...plan, decode: inputs.decode };
}

/**
 * planSampling, after some quick looks: what this ffmpeg can do (capabilities.ts), whether the
 * clip decodes in hardware (hwDecode.ts: its own check), and for a fixed-rate clip where a long
 * decode can be cut into decodeProcesses independent parts (the keyframes nearest to equal
 * shares of the clip, one ffprobe seek each, nothing decoded) and which frames the decoder may
 * skip (`skipFrames`, resolving `auto` by the check in skipCheck.ts). `software`: decode this way
 * without asking (a retry after a hardware decode failed).
 */
export async function planDecode(bins: Binaries, probed: ProbedMedia, settings: EngineSettings, signal?: AbortSignal, software?: DecodeChoice): Promise<SamplingPlan> {
  const t = settings.tuning;
  const [caps, decode] = await Promise.all([ffmpegCapabilities(bins), software ?? chooseClipDecode(bins, probed, settings, signal)]);
  const inputs: InputOptions = { skipStreamProbe: t.skipStreamProbe && caps.skipStreamProbe, decode };
  const plan = planSampling(probed, settings, [], inputs);
  if (plan.mode !== 'fixed') return plan;
  const parts = Math.floor(t.decodeProcesses);
  const dur = probed.media.durationSec;
  const targets = parts >= 2 && dur >= t.splitMinSec ? Array.from({ length: parts - 1 }, (_, i) => (dur * (i + 1)) / parts) : [];
  // Both are quick looks at the file (ffprobe seeks; two short decodes): run them side by side.
  const [splits, skip] = await Promise.all([keyframesNear(bins, probed, targets, signal), resolveSkipFrames(bins, probed, settings, signal)]);
  return { ...planSampling(probed, { ...settings, tuning: { ...t, skipFrames: skip.mode } }, splits, inputs), skipCheckSec: skip.checkedSec };
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

/**
 * A select filter keeping the first decoded frame of every 1/fps slot: that rate on average and
 * never a duplicate. (The small offset keeps a frame due exactly on a slot edge, like frame 3 of
 * 30 fps at 0.1 s, out of the slot before it despite rounding.) Frame times count from the
 * process's seek point `offsetSec`; the slots are on the clip's clock, so parts share one grid.
 */
const firstPerSlot = (fps: number, offsetSec: number) => {
  const slot = (v: string) => `floor((${v}+${offsetSec.toFixed(6)})*${fps.toFixed(6)}+0.001)`;
  return `select='isnan(prev_selected_t)+gt(${slot('t')}\\,${slot('prev_selected_t')})'`;
};

/**
 * A select filter keeping frames at least ~1/fps apart: evenly spaced when the decoded frames are
 * (what motion estimation wants), at most that rate, never a duplicate.
 */
const evenlySpaced = (fps: number) => `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${(0.95 / fps).toFixed(6)})'`;

function fixedPlan(probed: ProbedMedia, settings: EngineSettings, z: Sizes, reason: string, splitsSec: number[], io: InputOpener): Omit<SamplingPlan, 'decode'> {
  const { media } = probed;
  const t = settings.tuning;
  const dur = Math.max(media.durationSec, 0.001);
  const nativeFps = media.fps > 0 ? media.fps : 30;
  // Long clips sample more sparsely so analysis time stays bounded; never above the native rate.
  const cap = t.maxSampledFrames / dur;
  // A clip shorter than two sample periods (a single frame, a flash frame) is analysed frame by frame.
  const tiny = dur * Math.min(settings.sampleFps, nativeFps) < 2;
  const analysisFps = tiny ? nativeFps : Math.min(settings.sampleFps, nativeFps, cap);
  const motionFps = Math.min(settings.motionFps, nativeFps, cap * 5);
  const pre = probed.interlaced ? 'yadif=mode=0,' : '';
  const graph = (offsetSec: number) =>
    `${io.src(0)}${pre}split=2[s0][s1];` +
    `[s0]${firstPerSlot(analysisFps, offsetSec)},scale=${z.analysisWidth}:${z.analysisHeight}:flags=area:${z.conv},format=rgb24,showinfo@key[a];` +
    `[s1]${evenlySpaced(motionFps)},scale=${z.motionWidth}:${z.motionHeight}:flags=area:${z.conv},format=gray,showinfo@mot[m]`;
  // `auto` is decided per clip by planDecode; without that check only `noref` is known to be exact.
  const skipFrames: SkipFrames = probed.interlaced ? 'none' : t.skipFrames === 'auto' ? 'noref' : t.skipFrames;
  const skip = skipFrames === 'none' ? [] : ['-skip_frame', skipFrames];
  const loop = t.skipLoopFilter ? ['-skip_loop_filter', 'all'] : [];
  // Parts start on keyframes (no frame decoded twice) and leave a part's worth of work each side.
  const minPart = dur / (4 * Math.max(1, t.decodeProcesses));
  const cuts = splitsSec.filter((k) => k > minPart && k < dur - minPart);
  const bounds = [0, ...cuts];
  // One decoder thread per part when parts run side by side; a single part takes all threads.
  const threads = bounds.length > 1 ? '1' : '0';
  const lead = seekLead(probed);
  const chunks = bounds.map((k, i): DecodeChunk => {
    const ss = i === 0 ? 0 : k + lead;
    const end = bounds[i + 1];
    // `-vsync 0`: raw outputs would otherwise be made constant-rate by duplicating frames.
    const inputArgs = ['-vsync', '0', '-threads', threads, ...loop, ...skip, ...io.open(ss)];
    if (end !== undefined) inputArgs.push('-t', secs(end - ss));
    return { inputArgs, filterGraph: graph(ss), burstStartsSec: [], startSec: ss, motionStream: true, firstRun: i };
  });
  return {
    mode: 'fixed',
    reason,
    analysisFps,
    analysisWidth: z.analysisWidth,
    analysisHeight: z.analysisHeight,
    motionFps,
    motionWidth: z.motionWidth,
    motionHeight: z.motionHeight,
    chunks,
    concurrency: Math.max(1, Math.floor(t.decodeProcesses)),
    skipFrames,
    skipCheckSec: null,
  };
}

const secs = (v: number) => v.toFixed(4);

/**
 * ffmpeg's CLI seeks an input with B-frames this much before `-ss` (it seeks by decode time, which
 * runs ahead of presentation time); a burst's -ss adds it back so the seek lands on the keyframe
 * at its nominal time rather than the one before.
 */
const FFMPEG_DTS_SEEK_MARGIN_SEC = 3 / 23;

/**
 * How far after a keyframe to seek so that ffmpeg lands on it: half a frame (a target exactly on a
 * keyframe can round to the one before) plus the decode-time margin for streams with B-frames.
 */
function seekLead(probed: ProbedMedia): number {
  return 0.5 / (probed.media.fps > 0 ? probed.media.fps : 30) + (probed.hasBFrames ? FFMPEG_DTS_SEEK_MARGIN_SEC : 0);
}

/** Frames an H.264/HEVC decoder keeps allocated after a short burst (reference + reorder + output pools). */
const DECODER_FRAMES_HELD = 8;

function keyframePlan(probed: ProbedMedia, settings: EngineSettings, z: Sizes, reason: string, io: InputOpener): Omit<SamplingPlan, 'decode'> {
  const { media } = probed;
  const t = settings.tuning;
  const dur = media.durationSec;
  const fps = media.fps;
  const interval = probed.keyframes!.medianIntervalSec;
  const burstFrames = Math.max(3, Math.round(t.motionBurstSec * fps));
  const burstSec = burstFrames / fps;
  // Long clips space bursts out so the motion frames stay within maxSampledFrames.
  const every = Math.max(t.motionBurstIntervalSec, interval, (dur * burstFrames) / Math.max(1, t.maxSampledFrames));
  const starts: number[] = [];
  const lead = seekLead(probed);
  for (let s = 0; s === 0 || s + burstSec <= dur + 1e-6; s += every) starts.push(s + lead);
  // A burst's decoder holds about DECODER_FRAMES_HELD frames of the source size (4:2:0, 8 bits:
  // 1.5 bytes per pixel) until its process ends: ≈ 25 MB at 1080p, measured.
  const decoderMB = (probed.media.width * probed.media.height * 1.5 * DECODER_FRAMES_HELD) / 2 ** 20;
  // Bursts are spread over decodeProcesses processes so they run side by side, within the memory cap.
  const spread = Math.ceil(starts.length / Math.max(1, Math.floor(t.decodeProcesses)));
  const perProcess = Math.max(1, Math.min(Math.round(t.motionBurstsPerProcess), Math.floor(t.motionBurstMemoryMB / decoderMB), spread));
  const skip = t.skipLoopFilter ? ['-skip_loop_filter', 'all'] : [];
  const burstSkip = t.skipLoopFilter || t.motionSkipLoopFilter ? ['-skip_loop_filter', 'all'] : [];
  // One decoder thread per burst: frame threads would only add reorder delay and memory to a few frames.
  const burstInput = (ss: number) => ['-threads', '1', ...burstSkip, ...io.open(ss), '-t', secs((burstFrames - 0.5) / fps)];
  const burstBranch = (i: number) => `${io.src(i)}scale=${z.motionWidth}:${z.motionHeight}:flags=area:${z.conv},format=gray,showinfo@b${i}[m${i}]`;
  // Long clips keep at most maxSampledFrames keyframes (dropped after decoding, never duplicated).
  const minGapSec = dur / Math.max(1, t.maxSampledFrames);
  const thin = dur / interval > t.maxSampledFrames ? `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${minGapSec.toFixed(4)})',` : '';
  const keyBranch = (n: number) => `${io.src(n)}${thin}scale=${z.analysisWidth}:${z.analysisHeight}:flags=area:${z.conv},format=rgb24,showinfo@key[a]`;
  // Every burst has its own output pipe ([m0]…): bursts decode concurrently and their showinfo
  // lines interleave, so only a pipe per burst ties frames to times without doubt.
  const chunkGraph = (n: number) => [...Array.from({ length: n }, (_, i) => burstBranch(i)), keyBranch(n)].join(';');
  // Processes side by side already use every core: a frame-threaded keyframe decoder would only
  // add a decoder context and its frames per thread.
  const keyThreads = Math.floor(t.decodeProcesses) > 1 ? '1' : '0';
  // `-vsync 0`: raw outputs would otherwise be made constant-rate by duplicating frames.
  const keyInput = (ss: number, until: number | null) => [
    '-threads', keyThreads, ...skip, '-skip_frame', 'nokey', ...io.open(ss),
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
    chunks.push({ inputArgs, filterGraph: chunkGraph(group.length), burstStartsSec: group, startSec: keyStart, motionStream: false, firstRun: i });
  }
  return {
    mode: 'keyframes',
    reason,
    analysisFps: Math.min(1 / interval, t.maxSampledFrames / Math.max(dur, 1e-3)),
    analysisWidth: z.analysisWidth,
    analysisHeight: z.analysisHeight,
    motionFps: fps,
    motionWidth: z.motionWidth,
    motionHeight: z.motionHeight,
    chunks,
    concurrency: Math.max(1, Math.floor(t.decodeProcesses)),
    skipFrames: null,
    skipCheckSec: null,
  };
}

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
