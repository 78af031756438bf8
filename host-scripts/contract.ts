// The panel ↔ host-script boundary. The panel calls these functions through evalScript with
// JSON-encoded arguments (never code spliced with values); each returns JSON-encodable data.
// Errors come back as data (`HostResult` with ok:false), never as thrown exceptions across the
// boundary. This is the only definition: host-scripts implements it, the panel imports it.

import type { Flag, Segment, Verdict } from '../extension/contracts/report';

export const HOST_NAMESPACE = 'ClipTriageHost' as const;

export type Scope = 'selection' | 'project';

/** Premiere colour label indices (0 Violet … 15 Yellow). */
export type ColorLabel = number;

export type SkipReason = 'sequence' | 'multicam' | 'merged' | 'offline' | 'synthetic' | 'no-media-path' | 'not-video';

/** What ClipTriage last wrote on a clip (read back from its project metadata columns). */
export interface StoredRating {
  usability: string;
  quality: number | null;
  issues: string;
  rated: string;
}

export interface ClipListing {
  /** ProjectItem.nodeId: stable for the session, our key for everything. */
  nodeId: string;
  name: string;
  mediaPath: string;
  /** Bin path from the project root, e.g. "Day 1/Interviews". */
  treePath: string;
  durationSec: number | null;
  colorLabel: ColorLabel;
  previousRating: StoredRating | null;
}

export interface SkippedItem {
  nodeId: string;
  name: string;
  treePath: string;
  reason: SkipReason;
}

export interface ListClipsResult {
  clips: ClipListing[];
  skipped: SkippedItem[];
}

export interface ClipRating {
  nodeId: string;
  verdict: Verdict;
  quality: number;
  flags: Flag[];
  segments: Segment[];
  /** Engine + model versions, written to the Rated column. */
  ratedBy: string;
}

export interface ApplyOptions {
  /** Verdict → colour label index. Default Usable → 5 Forest, Check → 7 Mango, Unusable → 6 Rose. */
  labelMap: Record<Verdict, ColorLabel>;
  /** Replace labels the editor set by hand (normally left alone). */
  overrideManualLabels: boolean;
  writeMarkers: boolean;
  /** Whether to set colour labels at all. */
  writeLabels: boolean;
}

export const DEFAULT_LABEL_MAP: Record<Verdict, ColorLabel> = { usable: 5, check: 7, unusable: 6 };

export interface ApplyBatch {
  ratings: ClipRating[];
  options: ApplyOptions;
}

export interface ClipWriteOutcome {
  nodeId: string;
  ok: boolean;
  /** Plain-words reason when !ok (the clip was left as it was). */
  message?: string;
  labelChanged?: boolean;
  /** True when a hand-set label was kept. */
  labelKept?: boolean;
  markersAdded?: number;
}

export interface ApplyResult {
  outcomes: ClipWriteOutcome[];
}

export interface ClearResult {
  outcomes: ClipWriteOutcome[];
}

export type HostResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Every function the host script exposes under `ClipTriageHost`. Args and results are JSON. */
export interface HostApi {
  ping(): { host: string; version: string };
  listClips(scope: Scope): ListClipsResult;
  applyRatings(batch: ApplyBatch): ApplyResult;
  /** Clears our ratings from these clips (or the scope), restoring labels and removing our markers. */
  clearRatings(target: { scope: Scope } | { nodeIds: string[] }): ClearResult;
  /** Selects the clip in the Project panel; opens it in the Source Monitor at `timeSec` when given. */
  revealClip(nodeId: string, timeSec?: number): boolean;
}

export type HostFunction = keyof HostApi;
