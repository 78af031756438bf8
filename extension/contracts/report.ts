// The report schema `cliptriage.report/1`: what the CLI's --json, the engine protocol's `result`
// events and the XMP sidecars carry. Fields may be added; none may change meaning without a new
// schema version. This file is the single definition: the panel and host scripts import it.

export const REPORT_SCHEMA = 'cliptriage.report/1' as const;

/** The problems ClipTriage detects. Order is the display order. */
export const FLAGS = ['blurry', 'dark', 'bright', 'shaky'] as const;
export type Flag = (typeof FLAGS)[number];

export type Verdict = 'usable' | 'check' | 'unusable';

/** Camera work as an operator names it (see `cameraStyle` in the settings). */
export const CAMERA_STYLES = ['locked-off', 'smooth-move', 'hand-held', 'shaky'] as const;
export type CameraStyle = (typeof CAMERA_STYLES)[number];

/** Plain-words error codes a clip can fail with. One bad clip never stops a batch. */
export type ClipErrorCode =
  | 'missing' // path does not exist
  | 'empty' // 0-byte file
  | 'not-a-file' // a directory, device, …
  | 'unreadable' // permission denied or I/O error
  | 'not-video' // not a media file ffprobe understands, or an image
  | 'audio-only' // media without a video stream
  | 'unsupported-codec' // a video stream that the decoder cannot decode
  | 'truncated' // header present but the data ends early / decodes nothing
  | 'timeout' // analysis took longer than the per-clip timeout
  | 'cancelled' // the batch was cancelled before this clip finished
  | 'internal'; // a bug: the message says what happened

export interface ClipError {
  code: ClipErrorCode;
  message: string;
}

export interface MediaInfo {
  durationSec: number;
  fps: number;
  width: number;
  height: number;
  /** Present when the stream tells it; optional so older reports stay valid. */
  variableFrameRate?: boolean;
  rotation?: number;
  pixelFormat?: string;
  codec?: string;
  colorRange?: 'limited' | 'full' | 'unknown';
  colorTransfer?: string;
  hdr?: boolean;
  /** The file has a sound stream (selects files then cut picture and sound). */
  hasAudio?: boolean;
  /** The camera's start timecode ("10:00:00:00", ";" before the frames when drop-frame), when the file carries one. */
  startTimecode?: string;
}

export type FlagScores = Record<Flag, number>;

export interface Segment {
  startSec: number;
  endSec: number;
  flags: Flag[];
}

/** Per-window (~1 s) scores, in time order: the panel draws the quality strip from these. */
export interface WindowScores {
  startSec: number;
  endSec: number;
  scores: FlagScores;
}

export interface ClipReport {
  path: string;
  status: 'rated' | 'error';
  error: ClipError | null;
  media: MediaInfo | null;
  framesAnalyzed: number;
  verdict: Verdict | null;
  quality: number | null;
  flags: Flag[];
  scores: FlagScores | null;
  segments: Segment[];
  windows?: WindowScores[];
  /** Time (s) of the worst analysed frame, for a thumbnail. */
  worstFrameSec?: number;
  /** Camera work, from the camera path: `locked-off`, `smooth-move`, `hand-held` or `shaky`; null when no motion could be measured. */
  camera?: CameraStyle | null;
  /** What the clip looks like, compactly, for grouping takes of one set-up (see TakeSignature); absent in reports from before it. */
  signature?: TakeSignature | null;
  /** True when this entry came from the cache rather than a fresh analysis. */
  cached?: boolean;
  /**
   * How this clip was decoded: a hardware decoder's ffmpeg name (`videotoolbox`, `d3d11va`,
   * `cuda`, …) when it passed the clip's check, else `software (why)`. A cached entry keeps the
   * decode of the rating that made it.
   */
  decode?: string;
}

/**
 * A compact picture of a clip, made from the frames the analysis decoded anyway (no extra decode),
 * so that takes of the same set-up can be grouped (extension/takes/groupTakes.ts). About 230
 * bytes of JSON.
 */
export interface TakeSignature {
  v: 1;
  /**
   * dHash of up to `tuning.takeSignatureFrames` analysed frames spread evenly over the clip, in
   * time order: the frame's luma shrunk to 9×8, one bit per horizontally adjacent pair (left
   * brighter), 64 bits as 16 hex digits. Insensitive to blur, noise, exposure and small shifts.
   */
  hashes: string[];
  /**
   * Colour histogram averaged over every analysed frame: 4×4×4 RGB bins, each bin the square root
   * of its share of the pixels × 255 (so Hellinger distances are a dot product), as 128 hex digits.
   */
  histogram: string;
  /** When the clip was shot (ISO 8601): the container's creation_time, else the file's modification time; null when neither is known. */
  capturedAt: string | null;
  capturedFrom: 'metadata' | 'file-time' | null;
}

export interface EngineInfo {
  version: string;
  models: Record<string, string>;
  executionProvider: string;
  /**
   * What the `hwDecode` setting resolved to on this machine before any clip was checked: the
   * hardware decoder clips are offered (`videotoolbox`, …), or `software (why)`, e.g.
   * `software (hwDecode: off)` or `software (vaapi: No VA display found for device: .)`. Each
   * clip's own `decode` says what it used.
   */
  decode?: string;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  engine: EngineInfo;
  clips: ClipReport[];
}
