// What ClipTriage changed on a clip, stored in the clip's own "ClipTriage undo" column so that
// Clear ratings works after the project is saved, closed and reopened. It is written BEFORE any
// change (see apply.ts) and keeps the state from before our FIRST rating across re-ratings. It
// also says what we last wrote in each column: that is the only proof Clear has that a value is
// ours, since ExtendScript cannot see who typed what.

import { isArray, isFiniteNumber } from './es3';
import { parse, stringify } from './json';
import { ColumnValues } from './metadata';

export var UNDO_VERSION = 1;

export interface UndoRecord {
  v: number;
  /** Label the clip had before ClipTriage first touched it. */
  origLabel: number;
  /** Label ClipTriage set last; null when it never set one (a hand-set label was kept). */
  ourLabel: number | null;
  /** Our visible columns as they were before the first rating (null = absent). */
  origColumns: ColumnValues;
  /** What ClipTriage last wrote in each of them; null where it wrote nothing (absent in records that predate it). */
  ourColumns: ColumnValues;
  /** GUIDs of the markers ClipTriage created. */
  markers: string[];
  /** True while a write is in progress; left true only if Premiere stopped mid-way. */
  pending: boolean;
}

export var RATING_KEYS = ['usability', 'quality', 'issues', 'rated', 'camera'];

export function encodeUndo(record: UndoRecord): string {
  return stringify(record);
}

function asNullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function columnsOf(raw: unknown): ColumnValues {
  var given = (raw && typeof raw === 'object' ? raw : {}) as { [key: string]: unknown };
  var cols: ColumnValues = {};
  for (var i = 0; i < RATING_KEYS.length; i++) cols[RATING_KEYS[i]] = asNullableString(given[RATING_KEYS[i]]);
  return cols;
}

/** All four rating columns absent. */
export function noColumns(): ColumnValues {
  return columnsOf(null);
}

export function copyColumns(cols: ColumnValues): ColumnValues {
  return columnsOf(cols);
}

/** Null when the text is absent or not a record we wrote (then there is nothing to restore). */
export function decodeUndo(text: string | null): UndoRecord | null {
  if (text === null || text === '') return null;
  var raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return null;
  }
  if (!raw || typeof raw !== 'object' || isArray(raw)) return null;
  var r = raw as { [key: string]: unknown };
  if (r.v !== UNDO_VERSION || !isFiniteNumber(r.origLabel)) return null;
  var markers: string[] = [];
  if (isArray(r.markers)) {
    for (var j = 0; j < r.markers.length; j++) if (typeof r.markers[j] === 'string') markers.push(r.markers[j] as string);
  }
  return {
    v: UNDO_VERSION,
    origLabel: r.origLabel,
    ourLabel: isFiniteNumber(r.ourLabel) ? r.ourLabel : null,
    origColumns: columnsOf(r.origColumns),
    ourColumns: columnsOf(r.ourColumns),
    markers: markers,
    pending: r.pending === true,
  };
}

export function copyRecord(r: UndoRecord): UndoRecord {
  return {
    v: r.v,
    origLabel: r.origLabel,
    ourLabel: r.ourLabel,
    origColumns: copyColumns(r.origColumns),
    ourColumns: copyColumns(r.ourColumns),
    markers: r.markers.slice(0),
    pending: r.pending,
  };
}
