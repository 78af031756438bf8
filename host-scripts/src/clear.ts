// clearRatings: puts clips back the way they were before ClipTriage first rated them, removing
// only what it can prove it wrote — the undo record says which markers are ours, which label we
// set and what we last wrote in each column:
// - a column still holding what we wrote gets its earlier value back; one holding anything else
//   was typed by the editor since and stays, and without an undo record no column is touched;
// - the label goes back only if it is still the one we set (a label chosen since is the editor's);
// - our markers go (and tagged ones an interrupted run left unrecorded). A marker Premiere does
//   not delete stays on a reduced undo record, so the next Clear tries it again.

import { errorMessage, isArray } from './es3';
import { collectLeaves, findItem, scopeStarts } from './items';
import { deleteOurMarkers } from './markers';
import { ColumnValues, ensureColumns, readColumns, writeColumns } from './metadata';
import { takesCleared } from './takes';
import { decodeUndo, encodeUndo, noColumns, RATING_KEYS, UndoRecord } from './undo';
import type { ClearResult, ClearTarget, ClipWriteOutcome } from '../contract';

/** What is left to undo after a Clear that could not delete these markers: only them. */
function markersOnly(record: UndoRecord, markers: string[]): UndoRecord {
  return { v: record.v, origLabel: record.origLabel, ourLabel: null, origColumns: noColumns(), ourColumns: noColumns(), markers: markers, pending: false };
}

/** The writes that put back the columns still holding our values, and settle the undo record. */
function columnChanges(values: ColumnValues, record: UndoRecord, failedMarkers: string[]): ColumnValues {
  var changes: ColumnValues = {};
  for (var i = 0; i < RATING_KEYS.length; i++) {
    var key = RATING_KEYS[i];
    var ours = record.ourColumns[key];
    if (ours !== null && values[key] === ours) changes[key] = record.origColumns[key];
  }
  changes.undo = failedMarkers.length ? encodeUndo(markersOnly(record, failedMarkers)) : null;
  return changes;
}

function clearOne(item: ProjectItem, values: ColumnValues): ClipWriteOutcome {
  var nodeId = String(item.nodeId);
  var record = decodeUndo(values.undo);
  var removal = deleteOurMarkers(item.getMarkers(), record ? record.markers : [], true, []);

  var labelRestored = false;
  if (record && record.ourLabel !== null) {
    var current = item.getColorLabel();
    if (current === record.ourLabel && current !== record.origLabel) {
      item.setColorLabel(record.origLabel);
      if (item.getColorLabel() !== record.origLabel) throw new Error('Premiere did not restore the colour label');
      labelRestored = true;
    }
  }
  if (record) writeColumns(item, takesCleared(values, columnChanges(values, record, removal.failed)));

  var outcome: ClipWriteOutcome = {
    nodeId: nodeId,
    ok: true,
    cleared: record !== null || removal.removed > 0 || removal.failed.length > 0,
    markersRemoved: removal.removed,
    labelRestored: labelRestored,
    labelChanged: labelRestored,
  };
  if (removal.failed.length) outcome.warning = removal.failed.length + ' marker(s) could not be removed; Clear ratings will try them again';
  return outcome;
}

export function clearRatings(target: ClearTarget): ClearResult {
  if (!target || typeof target !== 'object') throw new Error('clearRatings needs { scope } or { nodeIds }');
  // A reopened project may not have our columns registered in this session; unregistered fields
  // would not be written, so register before clearing too.
  ensureColumns(app.project);
  var outcomes: ClipWriteOutcome[] = [];
  var ids = (target as { nodeIds?: unknown }).nodeIds;
  if (ids !== undefined) {
    if (!isArray(ids)) throw new Error('nodeIds must be a list');
    for (var i = 0; i < ids.length; i++) {
      var id = String(ids[i]);
      try {
        var item = findItem(id);
        if (!item) outcomes.push({ nodeId: id, ok: false, message: 'Clip not found in the project (it may have been deleted)' });
        else outcomes.push(clearOne(item, readColumns(item)));
      } catch (e) {
        outcomes.push({ nodeId: id, ok: false, message: 'Could not clear the rating: ' + errorMessage(e) });
      }
    }
    return { outcomes: outcomes };
  }
  var starts = scopeStarts((target as { scope: 'selection' | 'project' }).scope);
  var leaves = collectLeaves(starts.items, starts.paths);
  for (var j = 0; j < leaves.length; j++) {
    var leafItem = leaves[j].item;
    var leafId = '';
    try {
      leafId = String(leafItem.nodeId);
      var values = readColumns(leafItem);
      // Only clips with our undo record: nothing else proves ClipTriage wrote anything there.
      if (decodeUndo(values.undo) === null) continue;
      outcomes.push(clearOne(leafItem, values));
    } catch (e) {
      outcomes.push({ nodeId: leafId, ok: false, message: 'Could not clear the rating: ' + errorMessage(e) });
    }
  }
  return { outcomes: outcomes };
}
