// The sampling plan: what to decode and how, as a value (see sampler.ts for the whole picture).
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

import type { Frame } from '../analyze/types';
import type { EngineSettings } from '../contracts/settings';
import type { Binaries } from './ffmpeg';
import { keyframesNear, ProbedMedia } from './probe';
import { resolveSkipFrames, SkipFrames } from './skipCheck';
import { ffmpegCapabilities } from './capabilities';
import { chooseClipDecode, DecodeChoice } from './hwDecode';
import { InputOpener, inputOpener, InputOptions, SOFTWARE_INPUTS } from './inputs';

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
  const [splits, skip] = await Promise.all([keyframesNear(bins, probed, targets, signal, inputs.skipStreamProbe), resolveSkipFrames(bins, probed, settings, signal)]);
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
