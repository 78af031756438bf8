// Probe: what a file is (MediaInfo), or why it cannot be rated, in plain words (ClipFailure).

import * as fs from 'fs';
import type { ClipErrorCode, MediaInfo } from '../contracts/report';
import { DEFAULT_SETTINGS } from '../contracts/settings';
import { Binaries, FfprobeJson, FfprobePacket, FfprobeStream, hexDumpBytes, ProcessError, probeJson, probePacketsAfterSeeks } from './ffmpeg';
import { spsStreamFacts } from './h264Sps';
import { maySkipStreamProbe } from './inputs';

/** A per-clip failure with a plain-words message; thrown inside the pipeline, reported per clip. */
export class ClipFailure extends Error {
  constructor(readonly code: ClipErrorCode, message: string) {
    super(message);
  }
}

/** What decoding needs beyond the report's MediaInfo. */
export interface ProbedMedia {
  media: MediaInfo;
  interlaced: boolean;
  /** swscale's name of the stream's colour matrix, when the file says. */
  colorMatrix: string | null;
  sizeBytes: number;
  /** The file that was probed (plans decode it). */
  path: string;
  /** The stream reorders frames (B-frames): decode order runs ahead of presentation order. */
  hasBFrames: boolean;
  /** Index of the analysed video stream in the file. */
  streamIndex: number;
  /** Keyframe layout of the first seconds (null: not probed, or the probe failed). */
  keyframes: KeyframeLayout | null;
  /** The container's start time (s): packet times minus this are clip times. */
  startSec: number;
  /** The container's creation_time tag (when the camera says when it shot), else null. */
  creationTime?: string | null;
  /** ffprobe's format_name (e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `mpegts`). */
  formatName: string;
}

/** Where the keyframes are, from packet flags of the start of the file (nothing decoded). */
export interface KeyframeLayout {
  /** Keyframe times (s from the start of the clip) within the probed stretch. */
  times: number[];
  /** Length of the stretch that was read (s). */
  probedSec: number;
  /** Largest gap between consecutive keyframes, including the gap to the end of the stretch. */
  maxIntervalSec: number;
  /** Median gap between consecutive keyframes (NaN with fewer than two). */
  medianIntervalSec: number;
}

/** Codecs where every frame is a keyframe: keyframe-aware sampling cannot save anything. */
const INTRA_ONLY_CODECS = new Set(['prores', 'dnxhd', 'mjpeg', 'cfhd', 'rawvideo', 'v210', 'ffv1', 'huffyuv', 'jpeg2000', 'png', 'qtrle', 'dvvideo']);

const STILL_FORMATS = /(^|,)(image2|png_pipe|jpeg_pipe|bmp_pipe|tiff_pipe|webp_pipe|gif|j2k_pipe|psd_pipe|dpx_pipe|exr_pipe|pam_pipe|svg_pipe)(,|$)/;
const STILL_CODECS = new Set(['png', 'bmp', 'tiff', 'webp', 'gif', 'jpeg2000', 'psd', 'exr', 'dpx', 'svg']);

/** Checks the file itself (exists, is a file, not empty, readable) before any process is spawned. */
export async function checkFile(file: string): Promise<number> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ClipFailure('missing', 'The file does not exist (moved, renamed or on a disconnected drive).');
    if (code === 'EACCES' || code === 'EPERM') throw new ClipFailure('unreadable', 'Permission denied: the file cannot be read.');
    throw new ClipFailure('unreadable', `The file cannot be read (${code ?? (e as Error).message}).`);
  }
  if (!st.isFile()) throw new ClipFailure('not-a-file', 'This is a folder or a device, not a file.');
  if (st.size === 0) throw new ClipFailure('empty', 'The file is empty (0 bytes): the copy or recording failed.');
  try {
    const fh = await fs.promises.open(file, 'r');
    await fh.close();
  } catch (e) {
    throw new ClipFailure('unreadable', `The file cannot be opened (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  return st.size;
}

/**
 * Probes `file` with one ffprobe run. With `gopProbeSec` > 0 (default: the setting's default) the
 * same run reads the packet flags of that many seconds at the start, and files where
 * keyframe-aware sampling could apply get their keyframe layout.
 */
export async function probeMedia(bins: Binaries, file: string, signal?: AbortSignal, gopProbeSec = DEFAULT_SETTINGS.tuning.gopProbeSec, fromHeaders = DEFAULT_SETTINGS.tuning.probeFromHeaders): Promise<ProbedMedia> {
  const sizeBytes = await checkFile(file);
  let json: FfprobeJson | null = fromHeaders ? await probeHeaders(bins, file, signal, gopProbeSec) : null;
  try {
    json = json ?? (await probeJson(bins, file, signal, gopProbeSec));
  } catch (e) {
    if (signal?.aborted) throw e;
    throw classifyProbeFailure(e as Error, await looksLikeIsoMedia(file));
  }
  const d = describe(json);
  const startSec = num(json.format?.start_time);
  let keyframes: KeyframeLayout | null = null;
  if (gopProbeSec > 0 && json.packets && gopCandidate(d)) {
    keyframes = layout(keyframeTimes(json.packets, d.streamIndex, startSec), Math.min(gopProbeSec, d.media.durationSec));
  }
  return { ...d, path: file, keyframes, sizeBytes, startSec, creationTime: json.format?.tags?.creation_time ?? null, formatName: json.format?.format_name ?? '' };
}

/**
 * The probe without its first-frame decode, where the codec header settles what that decode would
 * tell (H.264: see h264Sps); null where it does not, or on any failure
 * (the full probe then runs and, if the file is bad, says why).
 */
export async function probeHeaders(bins: Binaries, file: string, signal: AbortSignal | undefined, gopProbeSec: number): Promise<FfprobeJson | null> {
  let json: FfprobeJson;
  try {
    json = await probeJson(bins, file, signal, gopProbeSec, true);
  } catch (e) {
    if (signal?.aborted) throw e;
    return null;
  }
  const v = videoStreams(json.streams ?? [])[0];
  // Both rates come from the demuxer (MP4/MOV: the sample table), so a variable rate is seen as
  // the stream probe sees it; a container that states no rate is left to the probe's estimate.
  if (!v || v.codec_name !== 'h264' || !v.extradata || !rate(v.r_frame_rate) || !rate(v.avg_frame_rate)) return null;
  const facts = spsStreamFacts(hexDumpBytes(v.extradata));
  if (!facts || !completeTimings(json)) return null;
  for (const s of json.streams ?? []) delete s.extradata;
  Object.assign(v, facts);
  return json;
}

/**
 * The container's start and duration as the stream probe works them out (the earliest stream
 * start; the latest stream end after it), from the streams' own figures and, for a stream whose
 * start the headers leave open (audio), its first listed packet. False when some stream has
 * neither: the caller then probes in full.
 */
function completeTimings(json: FfprobeJson): boolean {
  const streams = json.streams ?? [];
  if (!streams.length || !json.format) return false;
  const starts: number[] = [], ends: number[] = [];
  for (const s of streams) {
    let start = Number(s.start_time);
    if (!Number.isFinite(start)) {
      const pts = (json.packets ?? []).filter((p) => p.stream_index === s.index && p.pts_time !== 'N/A').map((p) => Number(p.pts_time)).filter(Number.isFinite);
      if (!pts.length) return false;
      start = Math.min(...pts);
      s.start_time = start.toFixed(6);
    }
    const duration = Number(s.duration);
    if (!Number.isFinite(duration)) return false;
    starts.push(start);
    ends.push(start + duration);
  }
  const start = Math.min(...starts);
  if (!Number.isFinite(Number(json.format.start_time))) json.format.start_time = start.toFixed(6);
  if (!Number.isFinite(Number(json.format.duration))) json.format.duration = (Math.max(...ends) - start).toFixed(6);
  return true;
}

/**
 * Keyframe times (s from the clip start) near each of `targetsSec`, sorted, without duplicates:
 * where a decode can be cut into independent parts. Empty when the probe fails (the caller then
 * decodes in one part).
 */
export async function keyframesNear(bins: Binaries, probed: ProbedMedia, targetsSec: number[], signal?: AbortSignal, skipStreamProbe = false): Promise<number[]> {
  if (!targetsSec.length) return [];
  // Targets inside the stretch the first probe read: its keyframe map already answers (the last
  // keyframe at or before each), and another ffprobe would decode the clip's first frame again.
  const known = probed.keyframes;
  if (known && known.times.length && targetsSec.every((t) => t <= known.probedSec)) {
    const at = targetsSec.map((t) => known.times.filter((k) => k <= t + 1e-6).pop() ?? known.times[0]);
    return [...new Set(at)].sort((a, b) => a - b);
  }
  try {
    const json = await probePacketsAfterSeeks(bins, probed.path, probed.streamIndex, targetsSec.map((t) => t + probed.startSec), signal, maySkipStreamProbe(probed, skipStreamProbe));
    return [...new Set(keyframeTimes(json.packets ?? [], probed.streamIndex, probed.startSec))];
  } catch (e) {
    if (signal?.aborted) throw e;
    return [];
  }
}

function keyframeTimes(packets: FfprobePacket[], streamIndex: number, startSec: number): number[] {
  const times: number[] = [];
  for (const p of packets) {
    const t = Number(p.pts_time);
    if (p.stream_index === streamIndex && p.flags?.startsWith('K') && p.pts_time !== 'N/A' && Number.isFinite(t)) times.push(t - startSec);
  }
  return times.sort((a, b) => a - b);
}

/** Files where keyframe-aware sampling is worth a look: constant rate, upright, progressive, inter-coded. */
function gopCandidate(d: Described): boolean {
  const m = d.media;
  return m.fps > 0 && m.durationSec > 0 && !m.variableFrameRate && !m.rotation && !d.interlaced && !INTRA_ONLY_CODECS.has(m.codec ?? '');
}

function layout(times: number[], probedSec: number): KeyframeLayout {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(times[i] - times[i - 1]);
  const tail = times.length ? probedSec - times[times.length - 1] : probedSec;
  const sorted = gaps.slice().sort((a, b) => a - b);
  return {
    times,
    probedSec,
    maxIntervalSec: Math.max(tail, ...gaps, times.length ? times[0] : probedSec),
    medianIntervalSec: sorted.length ? sorted[sorted.length >> 1] : NaN,
  };
}

/** True when the file starts like an MP4/MOV (an ISO media box), so a missing index means truncation. */
async function looksLikeIsoMedia(file: string): Promise<boolean> {
  try {
    const fh = await fs.promises.open(file, 'r');
    try {
      const head = Buffer.alloc(12);
      await fh.read(head, 0, 12, 0);
      return /^(ftyp|moov|mdat|free|wide|skip|pnot|uuid)$/.test(head.toString('latin1', 4, 8));
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

function classifyProbeFailure(e: Error, isoMedia: boolean): ClipFailure {
  const stderr = e instanceof ProcessError ? e.stderr : '';
  if (/moov atom not found/i.test(stderr) && isoMedia) {
    return new ClipFailure('truncated', 'The file is incomplete: its index (moov atom) is missing, usually a recording that was interrupted or a copy that did not finish.');
  }
  if (/Invalid data found|could not find codec parameters|Failed to read frame size|not supported/i.test(stderr) || e instanceof ProcessError) {
    return new ClipFailure('not-video', 'This is not a video file that can be read (unknown or damaged format).');
  }
  return new ClipFailure('internal', `ffprobe could not be run: ${e.message}`);
}

/** The picture streams (cover art is a video stream too, marked attached_pic). */
function videoStreams(streams: FfprobeStream[]): FfprobeStream[] {
  return streams.filter((s) => s.codec_type === 'video' && !(s.disposition && s.disposition.attached_pic));
}

type Described = Omit<ProbedMedia, 'sizeBytes' | 'keyframes' | 'path' | 'startSec' | 'formatName'>;

function describe(json: FfprobeJson): Described {
  const streams = json.streams ?? [];
  const formatName = json.format?.format_name ?? '';
  const video = videoStreams(streams);
  if (video.length === 0) {
    if (streams.some((s) => s.codec_type === 'audio')) throw new ClipFailure('audio-only', 'This file has sound but no picture (audio only).');
    throw new ClipFailure('not-video', 'This file has no video stream.');
  }
  const v = video[0];
  if (STILL_FORMATS.test(formatName) || (STILL_CODECS.has(v.codec_name ?? '') && !(Number(v.nb_frames) > 1))) {
    throw new ClipFailure('not-video', 'This is a still image, not a video.');
  }
  if (!v.codec_name || v.codec_name === 'none' || v.codec_name === 'unknown') {
    const tag = v.codec_tag_string && /^[\x20-\x7e]+$/.test(v.codec_tag_string) ? ` (${v.codec_tag_string})` : '';
    throw new ClipFailure('unsupported-codec', `The video uses a codec this engine cannot decode${tag}.`);
  }
  const width = v.width ?? 0;
  const height = v.height ?? 0;
  if (!width || !height) throw new ClipFailure('truncated', 'The video stream has no picture size: the file is damaged or incomplete.');

  const avg = rate(v.avg_frame_rate);
  const real = rate(v.r_frame_rate);
  const fps = avg || real;
  const variableFrameRate = avg > 0 && real > 0 ? Math.abs(real - avg) / real > 0.02 : undefined;
  let durationSec = num(json.format?.duration) || num(v.duration);
  if (!durationSec && fps && Number(v.nb_frames) > 0) durationSec = Number(v.nb_frames) / fps;

  const rotation = readRotation(v);
  const swap = rotation === 90 || rotation === 270;
  const pix = v.pix_fmt ?? '';
  const colorRange: MediaInfo['colorRange'] =
    v.color_range === 'pc' || v.color_range === 'jpeg' || pix.startsWith('yuvj') ? 'full' : v.color_range === 'tv' || v.color_range === 'mpeg' ? 'limited' : 'unknown';
  const transfer = v.color_transfer && v.color_transfer !== 'unknown' ? v.color_transfer : undefined;
  return {
    media: {
      durationSec: round(durationSec, 3),
      fps: round(fps, 3),
      width: swap ? height : width,
      height: swap ? width : height,
      variableFrameRate,
      rotation,
      pixelFormat: pix || undefined,
      codec: v.codec_name,
      colorRange,
      colorTransfer: transfer,
      hdr: transfer === 'smpte2084' || transfer === 'arib-std-b67',
      hasAudio: streams.some((s) => s.codec_type === 'audio'),
      startTimecode: startTimecode(json, v),
    },
    interlaced: ['tt', 'bb', 'tb', 'bt'].includes(v.field_order ?? ''),
    colorMatrix: swsMatrix(v.color_space),
    streamIndex: v.index,
    hasBFrames: Number(v.has_b_frames) > 0,
  };
}

/** The camera's start timecode (video stream tag, a QuickTime tmcd track, or the container's tag), when the file has one. */
function startTimecode(json: FfprobeJson, v: FfprobeStream): string | undefined {
  const tc = v.tags?.timecode ?? (json.streams ?? []).find((s) => s.tags?.timecode)?.tags?.timecode ?? json.format?.tags?.timecode;
  return tc && /^\d{1,2}:\d{2}:\d{2}[:;.]\d{2,3}$/.test(tc) ? tc : undefined;
}

/** Display rotation in clockwise degrees (0, 90, 180, 270), from the display matrix or the legacy tag. */
function readRotation(v: FfprobeStream): number {
  let deg = 0;
  const side = (v.side_data_list ?? []).find((s) => typeof s.rotation === 'number');
  if (side) deg = -(side.rotation as number);
  else if (v.tags?.rotate) deg = Number(v.tags.rotate) || 0;
  return (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
}

function swsMatrix(space?: string): string | null {
  switch (space) {
    case 'bt709':
      return 'bt709';
    case 'bt470bg':
    case 'smpte170m':
      return 'bt601';
    case 'bt2020nc':
    case 'bt2020c':
      return 'bt2020';
    case 'smpte240m':
      return 'smpte240m';
    case 'fcc':
      return 'fcc';
    default:
      return null;
  }
}

function rate(r?: string): number {
  if (!r) return 0;
  const [a, b] = r.split('/').map(Number);
  const v = b ? a / b : a;
  return Number.isFinite(v) && v > 0 && v < 1000 ? v : 0;
}

function num(s?: string): number {
  const v = Number(s);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
