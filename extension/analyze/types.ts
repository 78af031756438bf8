// The analyser seam: every per-frame analyser (classical statistics, learned ONNX models) takes
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

/** What a model loader hands the pipeline. */
export interface LoadedAnalyzers {
  analyzers: FrameAnalyzer[];
  /** Execution provider that actually ran the session: `cpu`, `cuda`, `dml`, `coreml`, `webgpu`, or `none`. */
  executionProvider: string;
  /** Model name → version/hash, for the report's engine.models and the cache key. */
  models: Record<string, string>;
  /** Why a model was not used (missing file, provider failure…), for the log; empty when all loaded. */
  warnings: string[];
}
