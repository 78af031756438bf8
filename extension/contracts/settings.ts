// Engine settings: every threshold and knob the rating uses, with defaults. The CLI maps flags onto
// these, the panel persists them, the engine protocol carries them in `rate` requests.
// Thresholds are here — never as constants inside analysers.

import type { Flag } from './report';

/** How the footage is encoded, for exposure judgements. `auto` reads the HDR transfer tag. */
export const FOOTAGE_MODES = ['auto', 'standard', 'log', 'hdr'] as const;
export type FootageMode = (typeof FOOTAGE_MODES)[number];

export interface Thresholds {
  /** A window is bad for a flag when its score reaches `on`; it stays bad until it falls below `off`. */
  on: number;
  off: number;
}

export interface EngineSettings {
  /** Frames per second sampled for blur/exposure analysis. */
  sampleFps: number;
  /** Width (px) frames are scaled to for blur/exposure analysis. */
  analysisWidth: number;
  /** Frames per second of the low-resolution stream used for shake. */
  motionFps: number;
  /** Width (px) of the low-resolution motion stream. */
  motionWidth: number;
  /** Length of an aggregation window, seconds. */
  windowSec: number;
  /** Per-flag hysteresis thresholds on window scores (0..1). */
  thresholds: Record<Flag, Thresholds>;
  /** Per-flag sensitivity multiplier, 0.5 (lenient) … 1.5 (strict); 1 = default. */
  sensitivity: Record<Flag, number>;
  /** Bad segments shorter than this are dropped (seconds). */
  minSegmentSec: number;
  /**
   * The Unusable rule: a clip is `unusable` only when *severe* windows — a flag's window score at
   * or above `unusableSeverity` (scaled by that flag's sensitivity like its thresholds) — cover at
   * least `unusableFraction` of it. Any other flagged stretch makes it `check`, with the stretch
   * marked: a moderate problem, or a severe one over a small part, is for the editor to judge.
   */
  unusableSeverity: number;
  unusableFraction: number;
  footageMode: FootageMode;
  /** Clips analysed at once. */
  concurrency: number;
  /** A clip that takes longer than this is abandoned with a `timeout` error. */
  clipTimeoutSec: number;
  /** Cache folder; null = the platform's user cache folder. */
  cacheDir: string | null;
  /** Skip the cache entirely. */
  noCache: boolean;
  /** Paths to ffmpeg/ffprobe; null = $FFMPEG_PATH/$FFPROBE_PATH, then the bundled binaries. */
  ffmpegPath: string | null;
  ffprobePath: string | null;
  /**
   * Hardware decoding: `auto` uses the platform's hardware decoder when this ffmpeg has one and
   * its device answers (VideoToolbox on macOS; D3D11VA, then DXVA2 on Windows; CUDA/NVDEC, then
   * VAAPI on Linux), `off` never, a name (`videotoolbox`, `cuda`, …) that one. Each clip is
   * checked first (`hwDecodeCheck`): pictures identical to a software decode and faster, else
   * software, with the reason in the report (`engine.decode`, `clip.decode`). Results never
   * depend on it, so it is not part of the result cache key.
   */
  hwDecode: 'auto' | 'off' | string;
  /** The per-clip check of a hardware decoder. */
  hwDecodeCheck: {
    /** Seconds at the start of the clip decoded both ways and compared. */
    seconds: number;
    /** Shorter clips decode in software (the check and the device set-up would cost more than they save). */
    minClipSec: number;
    /** The hardware decode must take at most 1/this of the software decode's time. */
    minSpeedup: number;
  };
  /** Analyser and sampler tuning (engine-internal thresholds; additive, defaults below). */
  tuning: AnalysisTuning;
}

/** A score ramps linearly from 0 at `start` to 1 at `full` (either direction). */
export interface Ramp {
  start: number;
  full: number;
}

export interface AnalysisTuning {
  /** Long clips sample more sparsely so that no clip analyses more frames than this. */
  maxSampledFrames: number;
  /** Skip the decoder's deblocking filter: ~20 % faster H.264/HEVC decode, but block edges then pass for detail in soft footage (off by default). */
  skipLoopFilter: boolean;
  /** Exposure: exposure estimate in stops relative to middle grey (18 %). */
  darkEv: Ramp;
  /** Log/HDR only (their curve tells scene exposure; in display-referred footage a white wall is not over-exposed): stops → bright. */
  brightEv: Ramp;
  /**
   * Stops of the highlights: a dark frame has none (low-key scenes do). The highlights are the
   * 99th luma percentile or, the brighter, the mean light of the `darkHighlightTiles`-th brightest
   * square of `darkHighlightTilePx` analysis pixels (blur spreads a small highlight's light over
   * its surroundings but keeps it within the square: a soft low-key shot is not dark).
   */
  darkHighlightsEv: Ramp;
  /**
   * Stops of the lights read from each pixel's brightest channel, the same two ways: a saturated
   * light (a red or blue stage gel, an orange lamp) is mid-grey in luma but
   * near full scale in its channel. A frame lit that way is not dark; a −3 EV push leaves no
   * channel above about −0.7 stops (93 of 255), far below `start`.
   */
  darkLightsChannelEv: Ramp;
  /** Side of the highlight squares (analysis px): wider than the blur they must survive (8 ≈ 27 px at 1280). */
  darkHighlightTilePx: number;
  /** Which brightest square counts (3: a single bright speck is not highlights). */
  darkHighlightTiles: number;
  /** Fraction of pixels crushed to black → dark (with no highlights). */
  crushedFraction: Ramp;
  /** Fraction of pixels with some channel clipped (detail lost in it) → bright; saturated colours in a good picture stay below `start`. */
  clippedFraction: Ramp;
  /**
   * Clipping that piled up: of the pixels at or near the top (some channel ≥ `nearClipLuma`), the
   * share at the clip point. A picture pushed past the sensor's range piles its highlights against
   * the ceiling; a bright but exposed one rolls off below it. A pile-up this strong …
   */
  clippedPileUp: Ramp;
  /** … makes a smaller clipped area (this fraction of the picture) bright. */
  pileUpClippedFraction: Ramp;
  /** Luma (0..1) from which a channel counts as near its clip point (the roll-off band). */
  nearClipLuma: number;
  /** Washed out (veiling glare, a window): blacks lifted to this luma (1st percentile) … */
  washedBlackLuma: Ramp;
  /** … together with this fraction of luma clipped. Lifted blacks alone are a high-key or soft scene. */
  washedClippedFraction: Ramp;
  /** Luma (0..1) at or below which a pixel counts as crushed, and at or above which (in a channel) as clipped. */
  crushedLuma: number;
  clippedLuma: number;
  /** Log mode: code value of middle grey and code values per stop (S-Log3/V-Log-like). */
  logMiddleGrey: number;
  logStopWidth: number;
  logBlack: number;
  /** Blur (edge width): square tiles of this many analysis pixels. */
  blurTilePx: number;
  /** Tiles with luma std below this (0..1) are textureless (sky, walls, a white table): no evidence. */
  blurTextureMinStd: number;
  /** Tiles darker than this mean luma (0..1) are no evidence: encoders smooth shadows first (a dark clip is dark, not blurry). */
  blurMinTileLuma: number;
  /** A frame whose dark score reaches this gets no blur score (a dark clip is dark, not blurry). */
  blurIgnoredFromDark: number;
  /** Blurry score of a frame that is sharp across some direction (a streak): flagged, but below `unusableSeverity`. */
  blurStreakMaxScore: number;
  /** A tile direction is evidence only where it holds an edge: a step of at least this (0..1) within four analysis pixels (soft shading is no evidence). */
  blurEdgeMinStep: number;
  /** …and where its lag-4 edge energy is at least this many times the noise it carries. */
  blurEvidenceSnr: number;
  /** σ (analysis px) read from the lag-2/lag-1 energy ratio from which the lag-4/lag-2 ratio is fitted too and the wider reading kept (that ratio flattens out there; below, texture and thin lines would make lag 4 read a defocus as sharp). */
  blurBothRatiosFromPx: number;
  /** The sharpest region judged: this share of the frame (a small subject in focus keeps a frame sharp). */
  blurRegionFraction: number;
  /** Blur of the downscale to the analysis size (σ, analysis px), taken out before converting to the clip's pixels. */
  blurScaleFilterSigma: number;
  /** Edge spread σ in the clip's own pixels → blurry score (soft webcams sit below `start`). */
  blurEdgePx: Ramp;
  /** Shake: camera path smoothing window (s) and jitter (% of frame diagonal, RMS) → shaky score. */
  shakeSmoothingSec: number;
  shakeJitterPct: Ramp;
  /** A frame pair's shift is the camera's only when this share of the frame's regions agrees (a moving subject is not the camera). */
  shakeMinAgreeFraction: number;
  /** Consecutive motion frames whose luma histograms overlap less than this are a cut: the path restarts. */
  shakeCutOverlap: number;
  /** Camera style of a clip, from its median jitter (% of diagonal, RMS) and median speed (% of diagonal per second). */
  cameraStyle: { shakyJitterPct: number; handHeldJitterPct: number; lockedOffSpeedPct: number };
  /** Frames hashed for the report's take signature (spread evenly over the clip; from the analysed frames, nothing extra is decoded). */
  takeSignatureFrames: number;
  /** Largest frame-to-frame shift searched, as a fraction of the motion frame width. */
  shakeMaxShiftFraction: number;
  /**
   * Keyframe-aware sampling for short-GOP files (cameras, phones): blur/exposure from keyframes
   * only (the decoder skips every other frame) and shake from short bursts of consecutive frames
   * decoded from some keyframes. Off, or for long-GOP, intra-only, VFR, rotated or interlaced
   * files, the fixed-rate sampler (sampleFps/motionFps over a full decode) is used.
   */
  gopSampling: boolean;
  /** Keyframes at most this far apart (s) make a file short-GOP. */
  gopMaxKeyframeIntervalSec: number;
  /** Keyframes closer than this (s) mean an intra-only file, where keyframes-only saves nothing. */
  gopMinKeyframeIntervalSec: number;
  /** Seconds at the start of the file whose packet flags are read to learn the keyframe layout. */
  gopProbeSec: number;
  /** One motion burst every this many seconds (short-GOP sampling); each costs about five keyframes' decode. */
  motionBurstIntervalSec: number;
  /** Length of a motion burst (s): consecutive frames at the native rate, from a keyframe. */
  motionBurstSec: number;
  /** Most bursts decoded by one ffmpeg process: each burst is one decoder, so this bounds memory on long clips. */
  motionBurstsPerProcess: number;
  /** Memory (MB) the burst decoders of one process may take; fewer bursts per process for large frames. */
  motionBurstMemoryMB: number;
  /** Skip deblocking in motion bursts only (160 px motion frames do not see block edges; ~10 % less decode). */
  motionSkipLoopFilter: boolean;
  /**
   * ffmpeg processes decoding one clip at once: a clip's keyframe chunks, or the parts of a
   * fixed-rate decode, run side by side so one clip uses both cores of a 2-core machine.
   */
  decodeProcesses: number;
  /** Fixed-rate clips at least this long (s) are cut at keyframes into decodeProcesses parts (shorter ones: a part's start-up would eat the gain). */
  splitMinSec: number;
  /**
   * Frames a full (fixed-rate) decode does not decode at all, because no frame it keeps depends on
   * them: `noref` skips frames nothing references (bit-exact for every codec; half the frames
   * of a B-pyramid H.264 stream); `bidir` skips every B-frame (a third faster again, but exact
   * only where P-frames never reference B-frames, as in x264 — x265's do, and their pictures
   * smear); `auto` uses `bidir` on a clip when its first `skipCheckSec` decoded both ways are
   * identical, else `noref`; `none` decodes everything. Interlaced files decode everything (the
   * deinterlacer needs neighbouring frames).
   */
  skipFrames: 'auto' | 'noref' | 'bidir' | 'none';
  /** Seconds at the start of a clip decoded both ways to decide `skipFrames: auto`. */
  skipCheckSec: number;
  /** Clips shorter than this (s) skip the check and use `noref` (the check would cost more than it saves). */
  skipCheckMinSec: number;
  /**
   * MP4/MOV inputs of a plan skip ffmpeg's stream probe (`-nofind_stream_info`), which decodes the
   * file's first frame again for every input — for every motion burst. Same frames, same times
   * (tested); off only to compare.
   */
  skipStreamProbe: boolean;
  /**
   * The clip's probe reads an H.264 stream's pixel format, range, colour description and scan
   * from its sequence parameter set instead of decoding its first frame (0.07–0.17 CPU-s of
   * 20 Mbit/s 1080p, before any decode can start). Same facts (tested against the full probe);
   * anything the header leaves open (field coding, no stated frame rate or stream duration, other
   * codecs) is probed in full. Off only to compare.
   */
  probeFromHeaders: boolean;
}

export const SKIP_FRAMES: ReadonlyArray<AnalysisTuning['skipFrames']> = ['auto', 'noref', 'bidir', 'none'];

export const DEFAULT_SETTINGS: EngineSettings = {
  sampleFps: 2,
  analysisWidth: 384,
  motionFps: 10,
  motionWidth: 160,
  windowSec: 1,
  thresholds: {
    blurry: { on: 0.6, off: 0.45 },
    dark: { on: 0.6, off: 0.45 },
    bright: { on: 0.6, off: 0.45 },
    shaky: { on: 0.6, off: 0.45 },
  },
  sensitivity: { blurry: 1, dark: 1, bright: 1, shaky: 1 },
  minSegmentSec: 1,
  unusableSeverity: 0.9,
  unusableFraction: 0.5,
  footageMode: 'auto',
  concurrency: 2,
  clipTimeoutSec: 300,
  cacheDir: null,
  noCache: false,
  ffmpegPath: null,
  ffprobePath: null,
  hwDecode: 'auto',
  hwDecodeCheck: { seconds: 1, minClipSec: 10, minSpeedup: 1.1 },
  tuning: {
    maxSampledFrames: 2400,
    skipLoopFilter: false,
    darkEv: { start: -1.0, full: -2.0 },
    darkHighlightsEv: { start: -0.1, full: -0.9 },
    darkLightsChannelEv: { start: 1.0, full: 0.2 },
    darkHighlightTilePx: 8,
    darkHighlightTiles: 3,
    crushedFraction: { start: 0.3, full: 0.6 },
    brightEv: { start: 1.1, full: 1.9 },
    clippedFraction: { start: 0.3, full: 0.5 },
    clippedPileUp: { start: 0.73, full: 0.84 },
    pileUpClippedFraction: { start: 0.15, full: 0.3 },
    nearClipLuma: 0.85,
    washedBlackLuma: { start: 0.2, full: 0.3 },
    washedClippedFraction: { start: 0.05, full: 0.12 },
    crushedLuma: 0.03,
    clippedLuma: 0.97,
    logMiddleGrey: 0.41,
    logStopWidth: 0.075,
    logBlack: 0.1,
    blurTilePx: 24,
    blurTextureMinStd: 0.02,
    blurEvidenceSnr: 4,
    blurEdgeMinStep: 0.06,
    blurMinTileLuma: 0.1,
    blurStreakMaxScore: 0.8,
    blurIgnoredFromDark: 0.6,
    blurRegionFraction: 0.02,
    blurBothRatiosFromPx: 0.75,
    blurScaleFilterSigma: 0.35,
    blurEdgePx: { start: 0.9, full: 2.1 },
    shakeSmoothingSec: 1,
    shakeJitterPct: { start: 0.4, full: 1.4 },
    shakeMinAgreeFraction: 0.3,
    shakeCutOverlap: 0.5,
    cameraStyle: { shakyJitterPct: 1.0, handHeldJitterPct: 0.2, lockedOffSpeedPct: 0.5 },
    takeSignatureFrames: 4,
    shakeMaxShiftFraction: 0.1,
    gopSampling: true,
    gopMaxKeyframeIntervalSec: 2,
    gopMinKeyframeIntervalSec: 0.25,
    gopProbeSec: 10,
    motionBurstIntervalSec: 3,
    motionBurstSec: 0.3,
    motionBurstsPerProcess: 8,
    motionBurstMemoryMB: 128,
    motionSkipLoopFilter: true,
    decodeProcesses: 2,
    splitMinSec: 6,
    skipFrames: 'auto',
    skipCheckSec: 1,
    skipCheckMinSec: 15,
    skipStreamProbe: true,
    probeFromHeaders: true,
  },
};

/**
 * Deep-merges a partial settings object over the defaults. Unknown keys are ignored, so settings
 * saved by an older version (`useModels`, `cpuOnly`, `tuning.learnedGuardMargin` of the removed
 * learned models) still load.
 */
export function resolveSettings(partial: DeepPartial<EngineSettings> = {}): EngineSettings {
  const out = JSON.parse(JSON.stringify(DEFAULT_SETTINGS)) as EngineSettings;
  mergeInto(out as unknown as Record<string, unknown>, partial as Record<string, unknown>);
  return out;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | null : T[K] };

function mergeInto(target: Record<string, unknown>, src: Record<string, unknown>): void {
  for (const key of Object.keys(src)) {
    if (!(key in target)) continue;
    const v = src[key];
    if (v === undefined) continue;
    const cur = target[key];
    if (cur && typeof cur === 'object' && v && typeof v === 'object' && !Array.isArray(v)) {
      mergeInto(cur as Record<string, unknown>, v as Record<string, unknown>);
    } else {
      target[key] = v;
    }
  }
}

/**
 * Grouping takes of one set-up across rated clips (extension/takes/groupTakes.ts). Not engine
 * settings: grouping runs over reports, in the panel, and changes no rating.
 */
export interface TakeGroupSettings {
  /**
   * Two clips look alike when the frames of each are on average at most this many bits (of 64)
   * from the nearest frame of the other (dHash). Measured on the generated takes
   * (test/engine-takes.test.ts, 640×360): the same framing hand-held 13 bits, out of focus 2;
   * another framing of the same place 26–29.5, another scene 30.5–34.
   */
  maxHashBits: number;
  /**
   * …and their colour histograms are at most this Hellinger distance (0 same, 1 disjoint) apart.
   * Measured there: same set-up 0.07–0.10, another framing of the same place 0.43–0.47, another scene 0.86–0.93.
   */
  maxHistogramDistance: number;
  /** Clips shot further apart than this (minutes; creation_time, else file time) are never one set-up. 0 turns the cue off. */
  maxGapMinutes: number;
}

export const DEFAULT_TAKE_SETTINGS: TakeGroupSettings = {
  maxHashBits: 22,
  maxHistogramDistance: 0.25,
  maxGapMinutes: 180,
};
