// Engine settings: every threshold and knob the rating uses, with defaults. The CLI maps flags onto
// these, the panel persists them, the engine protocol carries them in `rate` requests.
// Thresholds are here — never as constants inside analysers.

import type { Flag } from './report';

/** How the footage is encoded, for exposure judgements. `auto` reads the HDR transfer tag. */
export type FootageMode = 'auto' | 'standard' | 'log' | 'hdr';

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
  /** Fraction of the clip that must be bad for `unusable` (below it, but above 0, is `check`). */
  unusableFraction: number;
  footageMode: FootageMode;
  /** Use the CPU execution provider only. */
  cpuOnly: boolean;
  /** Use the learned models when they load (classical analysers otherwise). */
  useModels: boolean;
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
}

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
  unusableFraction: 0.5,
  footageMode: 'auto',
  cpuOnly: false,
  useModels: true,
  concurrency: 1,
  clipTimeoutSec: 300,
  cacheDir: null,
  noCache: false,
  ffmpegPath: null,
  ffprobePath: null,
};

/** Deep-merges a partial settings object over the defaults (unknown keys are ignored). */
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
