// applyTakes: writes take groups found by the panel (panel/state/takeGroups.ts) onto rated clips.
// - Take group column ("Group 3 · 2 of 4"): written only where it is empty or still holds what
//   we wrote last (the ClipTriage takes record says what that was); a value the editor typed is
//   kept. group null removes ours.
// - The best take: " · best take" after the verdict in the Usability column, only while that
//   column still holds what the rating wrote (the undo record's ourColumns.usability). The undo
//   record is updated in the same write, so Clear ratings and re-rating treat the marked text as
//   ours: Clear puts back the editor's earlier value, a re-rating writes the plain verdict.
// Each clip is one setProjectMetadata call, read back like every write.

import { errorMessage, isArray } from './es3';
import { findItem } from './items';
import { parse, stringify } from './json';
import { ColumnValues, ensureColumns, readColumns, writeColumns } from './metadata';
import { decodeUndo, encodeUndo } from './undo';
import type { ApplyResult, ClipTakes, ClipWriteOutcome, TakesBatch } from '../contract';

export var BEST_TAKE_SUFFIX = ' \u00b7 best take';

/** What we last wrote in the Take group column, or null when the record is absent or not ours. */
export function ourTakeGroup(record: string | null): string | null {
  if (record === null || record === '') return null;
  try {
    var r = parse(record) as { [key: string]: unknown };
    return r && r.v === 1 && typeof r.ours === 'string' ? (r.ours as string) : null;
  } catch (e) {
    return null;
  }
}

function withoutMark(usability: string): string {
  var n = usability.length - BEST_TAKE_SUFFIX.length;
  return n > 0 && usability.substring(n) === BEST_TAKE_SUFFIX ? usability.substring(0, n) : usability;
}

/** Clear ratings: our Take group value and its record go (a value the editor typed stays). */
export function takesCleared(values: ColumnValues, changes: ColumnValues): ColumnValues {
  var ours = ourTakeGroup(values.takeRecord);
  if (ours !== null && values.takeGroup === ours) changes.takeGroup = null;
  if (values.takeRecord !== null) changes.takeRecord = null;
  return changes;
}

function applyOne(t: ClipTakes): ClipWriteOutcome {
  if (!t || typeof t.nodeId !== 'string' || !t.nodeId) return { nodeId: '', ok: false, message: 'Take group not written: missing nodeId' };
  if (t.group !== null && typeof t.group !== 'string') return { nodeId: t.nodeId, ok: false, message: 'Take group not written: group must be text or null' };
  var item = findItem(t.nodeId);
  if (!item) return { nodeId: t.nodeId, ok: false, message: 'Clip not found in the project (it may have been deleted)' };
  var values = readColumns(item);
  var changes: ColumnValues = {};
  var warnings: string[] = [];

  var ours = ourTakeGroup(values.takeRecord);
  var current = values.takeGroup;
  var editors = current !== null && current !== ours;
  var nextOurs: string | null = editors ? null : ours;
  if (t.group !== null) {
    if (editors) warnings.push('Take group kept as typed (“' + current + '”)');
    else if (current !== t.group) changes.takeGroup = t.group;
    if (!editors) nextOurs = t.group;
  } else if (!editors && current !== null) {
    changes.takeGroup = null;
    nextOurs = null;
  }
  if (nextOurs !== ours) changes.takeRecord = nextOurs === null ? null : stringify({ v: 1, ours: nextOurs });

  var record = decodeUndo(values.undo);
  var usability = values.usability;
  if (record && usability !== null && usability === record.ourColumns.usability) {
    var want = t.bestTake && t.group !== null ? withoutMark(usability) + BEST_TAKE_SUFFIX : withoutMark(usability);
    if (want !== usability) {
      changes.usability = want;
      record.ourColumns.usability = want;
      changes.undo = encodeUndo(record);
    }
  } else if (t.bestTake) {
    warnings.push(record ? 'best take not marked: the Usability column was typed by the editor' : 'best take not marked: the clip carries no ClipTriage rating');
  }

  var changed = false;
  for (var k in changes) if (changes.hasOwnProperty(k)) changed = true;
  if (changed) writeColumns(item, changes);
  var outcome: ClipWriteOutcome = { nodeId: t.nodeId, ok: true };
  if (warnings.length) outcome.warning = warnings.join('; ');
  return outcome;
}

export function applyTakes(batch: TakesBatch): ApplyResult {
  if (!batch || typeof batch !== 'object' || !isArray(batch.takes)) throw new Error('applyTakes needs { takes: [...] }');
  ensureColumns(app.project);
  var outcomes: ClipWriteOutcome[] = [];
  for (var i = 0; i < batch.takes.length; i++) {
    var t = batch.takes[i];
    try {
      outcomes.push(applyOne(t));
    } catch (e) {
      outcomes.push({ nodeId: t && typeof t === 'object' ? String(t.nodeId) : '', ok: false, message: 'Take group not written: ' + errorMessage(e) });
    }
  }
  return { outcomes: outcomes };
}
