// clearRatings: puts clips back the way they were before ClipTriage first rated them — the label
// (only if it is still the one we set: a label the editor chose since is theirs), our markers
// gone, the columns as they were (normally absent) and the undo record removed.

import { errorMessage, isArray } from './es3';
import { collectLeaves, findItem, scopeStarts } from './items';
import { deleteOurMarkers } from './markers';
import { ensureColumns, readColumns, writeColumns } from './metadata';
import { decodeUndo } from './undo';
import type { ClearResult, ClearTarget, ClipWriteOutcome } from '../contract';

function hasOurData(values: { [key: string]: string | null }): boolean {
  return values.undo !== null || values.usability !== null;
}

export function clearOne(item: ProjectItem): ClipWriteOutcome {
  var nodeId = String(item.nodeId);
  var values = readColumns(item);
  var record = decodeUndo(values.undo);
  var collection = item.getMarkers();
  var removal = deleteOurMarkers(collection, record ? record.markers : [], true, []);

  var labelRestored = false;
  if (record && record.ourLabel !== null) {
    var current = item.getColorLabel();
    if (current === record.ourLabel && current !== record.origLabel) {
      item.setColorLabel(record.origLabel);
      if (item.getColorLabel() !== record.origLabel) throw new Error('Premiere did not restore the colour label');
      labelRestored = true;
    }
  }

  var orig = record
    ? record.origColumns
    : // No undo record (e.g. removed by hand): the rating columns are ours, so clear them.
      { usability: null, quality: null, issues: null, rated: null };
  writeColumns(item, { usability: orig.usability, quality: orig.quality, issues: orig.issues, rated: orig.rated, undo: null });

  var outcome: ClipWriteOutcome = { nodeId: nodeId, ok: true, markersRemoved: removal.removed, labelRestored: labelRestored, labelChanged: labelRestored };
  if (removal.failed.length) outcome.warning = removal.failed.length + ' marker(s) could not be removed';
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
        else outcomes.push(clearOne(item));
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
      if (!hasOurData(readColumns(leafItem))) continue;
      outcomes.push(clearOne(leafItem));
    } catch (e) {
      outcomes.push({ nodeId: leafId, ok: false, message: 'Could not clear the rating: ' + errorMessage(e) });
    }
  }
  return { outcomes: outcomes };
}
