// The analyser seam: every per-frame analyser (edge width, exposure histogram) takes
// decoded frames and returns per-frame scores for the flags it knows. The pipeline decides which
// analysers run and how their scores combine; analysers know nothing of clips, windows or verdicts.

import type { Flag, FlagScores, MediaInfo } from '../contracts/report';
import type { EngineSettings } from '../contracts/settings';

/** A decoded frame: packed RGB24, full range (0..255), row-major, no padding. */
export interface Frame {
  timeSec: number;
  width: number;
  height: number;
  rgb: Uint8Array;
}

export interface AnalysisContext {
  media: MediaInfo;
  /** Resolved footage mode (`auto` already decided from the transfer tag and settings). */
  footageMode: 'standard' | 'log' | 'hdr';
  settings: EngineSettings;
}

/** Scores in 0..1 (1 = certainly has the problem) for the flags an analyser covers. */
export type FrameScores = Partial<FlagScores>;

export interface FrameAnalyzer {
  /** Stable id including a version, recorded in reports and cache keys, e.g. `sharpness-tiles@1`. */
  readonly id: string;
  readonly flags: readonly Flag[];
  /** Scores for each frame, same order and length as `frames`. Frames arrive in batches. */
  analyze(frames: Frame[], ctx: AnalysisContext): Promise<FrameScores[]>;
  dispose?(): Promise<void>;
}
