// The panel ↔ host-script boundary. The panel calls these functions through evalScript with
// JSON-encoded arguments (never code spliced with values); each returns JSON-encodable data.
// Errors come back as data (`HostResult` with ok:false), never as thrown exceptions across the
// boundary. This is the only definition: host-scripts implements it, the panel imports it.

import type { CameraStyle, Flag, FlagScores, Segment, Verdict } from '../extension/contracts/report';

export const HOST_NAMESPACE = 'ClipTriageHost' as const;

export type Scope = 'selection' | 'project';

/** Premiere colour label indices (0 Violet … 15 Yellow). */
export type ColorLabel = number;

export type SkipReason =
  | 'sequence'
  | 'multicam'
  | 'merged'
  | 'offline'
  | 'synthetic'
  | 'no-media-path'
  | 'not-video'
  /** Premiere threw while the item was inspected; `message` says what. */
  | 'unreadable'
  /** A subclip ClipTriage made (Make selects): its source clip is what gets rated. */
  | 'select'
  /** listClipsById: no item with that nodeId any more (deleted since it was named). */
  | 'removed';

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
  /**
   * What the editor typed in the clip's Footage column (e.g. "S-Log3"), null when empty: the
   * panel reads a per-clip footage mode from it (panel/state/footage.ts).
   */
  footageTag: string | null;
}

export interface SkippedItem {
  nodeId: string;
  name: string;
  treePath: string;
  reason: SkipReason;
  /** Plain words for the editor, e.g. "Sequence: only source clips are rated". */
  message?: string;
}

export interface ListClipsResult {
  clips: ClipListing[];
  skipped: SkippedItem[];
  /**
   * Pass back as `page.cursor` to get the next page; null when this was the last page. The walk of
   * the bins is paged too: each page walks on from where the last one stopped, only as far as its
   * own items (plus one), and reads only those. A bin the walk has not reached yet is read as it is
   * when it is reached.
   */
  nextCursor?: string | null;
  /** Items (clips + skipped) in the whole walk: only on the last page, the first time the walk's end is known. */
  total?: number;
}

/** Paging for listClips, so a huge project never blocks Premiere's UI thread for long. */
export interface ListClipsPage {
  /** From the previous page's `nextCursor`; omit for the first page. */
  cursor?: string | null;
  /** Items (clips + skipped) per page; all when omitted. */
  max?: number;
}

export interface ClipRating {
  nodeId: string;
  verdict: Verdict;
  quality: number;
  flags: Flag[];
  segments: Segment[];
  /** Engine + model versions, written to the Rated column. */
  ratedBy: string;
  /** Clip-level scores, written into the markers' comments. */
  scores?: FlagScores | null;
  /** Camera work, written to the Camera column (never over a value the editor typed); null/absent: not measured. */
  camera?: CameraStyle | null;
}

export interface ApplyOptions {
  /** Verdict → colour label index. Default Usable → 5 Forest, Check → 7 Mango, Unusable → 6 Rose. */
  labelMap: Record<Verdict, ColorLabel>;
  /** Replace labels the editor set by hand (normally left alone). */
  overrideManualLabels: boolean;
  writeMarkers: boolean;
  /** Whether to set colour labels at all. */
  writeLabels: boolean;
  /**
   * Labels Premiere gives footage on import (Preferences > Labels > Label Defaults). On a clip we
   * have never labelled, any other label was chosen by the editor and is kept unless
   * `overrideManualLabels`. Default DEFAULT_FOOTAGE_LABELS.
   */
  defaultLabels?: ColorLabel[];
}

export const DEFAULT_LABEL_MAP: Record<Verdict, ColorLabel> = { usable: 5, check: 7, unusable: 6 };

/** Premiere's stock Label Defaults for footage: Movie → Violet 0, Video → Iris 1, Still → Lavender 3. */
export const DEFAULT_FOOTAGE_LABELS: ColorLabel[] = [0, 1, 3];

/** Premiere colour label names by index, for the UI. */
export const COLOR_LABEL_NAMES: readonly string[] = [
  'Violet', 'Iris', 'Caribbean', 'Lavender', 'Cerulean', 'Forest', 'Rose', 'Mango',
  'Purple', 'Blue', 'Teal', 'Magenta', 'Tan', 'Green', 'Brown', 'Yellow',
];

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
  /** True when the Camera column held a value the editor typed, which was kept. */
  cameraKept?: boolean;
  markersAdded?: number;
  /** clearRatings: our markers removed. */
  markersRemoved?: number;
  /** clearRatings: the label we set was put back to what it was before. */
  labelRestored?: boolean;
  /** clearRatings: false when the clip carried nothing of ClipTriage's (no undo record, no tagged marker). */
  cleared?: boolean;
  /** Something that did not stop the clip but the editor should know (e.g. a marker that could not be removed). */
  warning?: string;
}

export interface ApplyResult {
  outcomes: ClipWriteOutcome[];
}

export interface ClearResult {
  outcomes: ClipWriteOutcome[];
}

/**
 * `nodeIds`: each clip gets an outcome. `scope`: only clips carrying our undo record get one; the
 * whole scope is walked and read in this one call, so the panel clears by nodeIds in chunks.
 */
export type ClearTarget = { scope: Scope } | { nodeIds: string[] };

export interface RevealResult {
  /** The clip is open in the Source Monitor. */
  opened: boolean;
  /** It is also selected in the Project panel (needs app.setProjectViewSelection, which not every Premiere documents). */
  selected: boolean;
}

export type HostResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Every function the host script exposes under `ClipTriageHost`. Args and results are JSON. */
export interface HostApi extends SelectsHostApi {
  ping(): { host: string; version: string };
  listClips(scope: Scope, page?: ListClipsPage): ListClipsResult;
  /** Writes one chunk; the panel sends `applyChunkSize` ratings per call (panel/state/settings.ts). */
  applyRatings(batch: ApplyBatch): ApplyResult;
  /**
   * Clears our ratings from these clips (or the scope): only what the undo record proves we wrote
   * (our markers, the label we set if it is still ours, column values still equal to what we wrote).
   */
  clearRatings(target: ClearTarget): ClearResult;
  /**
   * Opens the clip in the Source Monitor and, where Premiere offers it, selects it in the Project
   * panel; the result says which happened. `timeSec` is accepted for the future: Premiere's
   * scripting API has no documented way to move the Source Monitor's playhead, so the editor jumps
   * with the clip markers we placed on the bad segments.
   */
  revealClip(nodeId: string, timeSec?: number): RevealResult;
  /** Watch mode (below): binds or unbinds onItemsAddedToProjectSuccess. */
  watchImports(on: boolean): WatchState;
  /** Watch mode: listClips for these nodeIds (the ones an import event named), in that order; unknown ids are `skipped` with reason 'unreadable'. */
  listClipsById(nodeIds: string[]): ListClipsResult;
  /** Take groups: writes (or, with group null, removes) our Take group column and the best-take mark. */
  applyTakes(batch: TakesBatch): ApplyResult;
}

export type HostFunction = keyof HostApi;

// ---- Selects: subclips of the usable stretches (issue 13) ----

/** The one bin ClipTriage owns, at the top of the project; sub-bins inside mirror the source clips' bins. */
export const SELECTS_BIN_NAME = 'ClipTriage Selects';

export interface SelectSpec {
  /** "<clip> · select 1 (0:04–0:11)" (extension/selects/stretches.ts selectName). */
  name: string;
  startSec: number;
  endSec: number;
  /** 0–100 for the stretch: its Quality column. */
  quality: number;
}

export interface ClipSelectsRequest {
  nodeId: string;
  /** Every select of the clip: they replace the ones ClipTriage made of it before (none removes those). */
  selects: SelectSpec[];
  /** Written to the subclips' Rated column. */
  ratedBy: string;
  camera?: CameraStyle | null;
}

export interface MakeSelectsBatch {
  clips: ClipSelectsRequest[];
  /** Subclips that cannot be trimmed past their stretch. Default false (handles stay available). */
  hardBoundaries?: boolean;
}

export interface SelectsOutcome {
  nodeId: string;
  ok: boolean;
  /** Subclips made (0 when !ok: a clip gets all its selects or none). */
  made: number;
  /** Earlier ClipTriage subclips of the clip that were removed (one cut into a sequence stays, with a warning). */
  replaced: number;
  message?: string;
  warning?: string;
}

export interface MakeSelectsResult {
  outcomes: SelectsOutcome[];
}

export interface ClearSelectsResult {
  /** False when the project has no ClipTriage Selects bin. */
  found: boolean;
  /** ClipTriage subclips removed. */
  removed: number;
  /** The whole bin went (it held nothing else). */
  binDeleted: boolean;
  /** Names of what the editor put in the bin: left where it is. */
  kept: string[];
  /** ClipTriage selects left because they are cut into a sequence ('A001 · select 1 (…) (in "Assembly")'). */
  inUse?: string[];
  /** Something that could not be removed, in plain words. */
  warning?: string;
}

export interface SelectsHostApi {
  /** Makes the subclips of one chunk of clips (the panel sends `applyChunkSize` clips per call). */
  makeSelects(batch: MakeSelectsBatch): MakeSelectsResult;
  /** Removes ClipTriage Selects: the whole bin when it holds only what ClipTriage made, else only ClipTriage's subclips. */
  clearSelects(): ClearSelectsResult;
}

// ---- Watch mode (rate on import) and take groups -------------------------------------------
// Kept together so they merge as one block.

/** CSXS event type the host script dispatches when clips are added to the project. */
export const IMPORT_EVENT_TYPE = 'com.cliptriage.events.ItemsAdded' as const;

/**
 * The event's `data`: JSON text (CEP may hand it to the panel already parsed). `nodeIds` are the
 * added project items (bins and sequences included: listClipsById sorts them out).
 */
export interface ImportEventData {
  v: 1;
  documentID: string;
  nodeIds: string[];
}

export interface WatchState {
  watching: boolean;
  /** How the host learns what was added: the handler's arguments, or a walk of the project compared with the last one. */
  method: 'arguments' | 'walk' | null;
}

export interface ClipTakes {
  nodeId: string;
  /** "Group 3 · 2 of 4"; null removes our Take group value (the clip is no longer in a group). */
  group: string | null;
  /** The group's best take by quality: its Usability text gets " · best take". */
  bestTake: boolean;
}

export interface TakesBatch {
  takes: ClipTakes[];
}
