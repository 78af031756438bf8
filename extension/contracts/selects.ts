// Selects: the usable stretches of rated clips, as Premiere subclips (panel) or as an EDL/CSV an
// NLE imports (CLI `--selects FILE`). These settings are not engine settings: they change what is
// made from a report, never the report, so they stay out of the engine's cache key.

export interface SelectsSettings {
  /** A usable stretch shorter than this (seconds) is not a select. */
  minSec: number;
  /** Subclips with hard boundaries cannot be trimmed past the stretch (Premiere's "Restrict Trims to Subclip Boundaries"). Off: the editor keeps handles. */
  hardBoundaries: boolean;
}

export const DEFAULT_SELECTS_SETTINGS: SelectsSettings = { minSec: 2, hardBoundaries: false };

/** Accepted range of `minSec` (seconds). */
export const SELECTS_MIN_SEC_RANGE = { min: 0.5, max: 600 } as const;

/** One usable stretch of a clip, snapped to whole frames inside it. */
export interface Stretch {
  /** 1-based, in time order: "select 1", "select 2"… */
  index: number;
  startSec: number;
  endSec: number;
  /** Frame numbers at the clip's rate: first frame in, first frame out (exclusive). */
  startFrame: number;
  endFrame: number;
  /** 0–100, from the report's window scores inside the stretch. */
  quality: number;
}
