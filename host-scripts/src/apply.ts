// applyRatings: writes one chunk of verdicts onto clips. Per clip, in this order:
//   1. the undo record (state before our first rating) is written — before anything changes;
//   2. new segment markers are created;
//   3. the rating columns and the undo record (now listing the new markers) are written;
//   4. the colour label is set (unless the editor set it by hand);
//   5. our markers from a previous rating are removed.
// A failure in 2–4 rolls that clip back; the clip is reported with a plain-words message and the
// batch goes on with the next clip. A rating column the editor changed since we last wrote it is
// overwritten like the others, but its value becomes the one Clear brings back.

import { addCameraColumn, isCameraStyle } from './camera';
import { contains, errorMessage, hasOwn, isArray, isFiniteNumber } from './es3';
import { findItem } from './items';
import { decideLabel } from './labels';
import { skipReasonOf } from './list';
import { createSegmentMarker, deleteOurMarkers, flagWords, markerComment } from './markers';
import { ColumnValues, ensureColumns, readColumns, writeColumns } from './metadata';
import { copyColumns, copyRecord, decodeUndo, encodeUndo, noColumns, RATING_KEYS, UndoRecord } from './undo';
import { DEFAULT_FOOTAGE_LABELS, DEFAULT_LABEL_MAP } from '../contract';
import type { ApplyBatch, ApplyOptions, ApplyResult, ClipRating, ClipWriteOutcome } from '../contract';

var VERDICT_WORDS: { [verdict: string]: string } = { usable: 'Usable', check: 'Check', unusable: 'Unusable' };

interface Options {
  labelMap: { [verdict: string]: number };
  overrideManualLabels: boolean;
  writeMarkers: boolean;
  writeLabels: boolean;
  defaultLabels: number[];
}

function isLabel(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0 && value <= 15 && Math.floor(value) === value;
}

/** Missing options take their defaults; a wrong one fails the whole batch (it would fail every clip the same way). */
export function resolveOptions(raw: Partial<ApplyOptions> | null | undefined): Options {
  var o = (raw || {}) as { [key: string]: unknown };
  var map: { [verdict: string]: number } = {};
  var given = (o.labelMap && typeof o.labelMap === 'object' ? o.labelMap : {}) as { [key: string]: unknown };
  for (var verdict in VERDICT_WORDS) {
    if (!hasOwn(VERDICT_WORDS, verdict)) continue;
    var v = hasOwn(given, verdict) ? given[verdict] : (DEFAULT_LABEL_MAP as { [key: string]: number })[verdict];
    if (!isLabel(v)) throw new Error('Label map: "' + verdict + '" must be a colour label 0–15');
    map[verdict] = v;
  }
  var defaults = DEFAULT_FOOTAGE_LABELS;
  if (o.defaultLabels !== undefined && o.defaultLabels !== null) {
    if (!isArray(o.defaultLabels)) throw new Error('defaultLabels must be a list of colour labels 0–15');
    defaults = [];
    for (var i = 0; i < o.defaultLabels.length; i++) {
      if (!isLabel(o.defaultLabels[i])) throw new Error('defaultLabels must be a list of colour labels 0–15');
      defaults.push(o.defaultLabels[i] as number);
    }
  }
  return {
    labelMap: map,
    overrideManualLabels: o.overrideManualLabels === true,
    writeMarkers: o.writeMarkers !== false,
    writeLabels: o.writeLabels !== false,
    defaultLabels: defaults,
  };
}

/** Null when the rating is well-formed, else what is wrong with it. */
function ratingProblem(r: ClipRating): string | null {
  if (!r || typeof r !== 'object') return 'not a rating object';
  if (typeof r.nodeId !== 'string' || !r.nodeId) return 'missing nodeId';
  if (!hasOwn(VERDICT_WORDS, String(r.verdict))) return 'unknown verdict "' + String(r.verdict) + '"';
  if (!isFiniteNumber(r.quality) || r.quality < 0 || r.quality > 100) return 'quality must be a number 0–100';
  if (!isArray(r.flags)) return 'flags must be a list';
  if (!isArray(r.segments)) return 'segments must be a list';
  for (var i = 0; i < r.segments.length; i++) {
    var s = r.segments[i];
    if (!s || !isFiniteNumber(s.startSec) || !isFiniteNumber(s.endSec) || s.startSec < 0 || s.endSec < s.startSec) {
      return 'segment ' + (i + 1) + ' has an invalid time range';
    }
    if (!isArray(s.flags)) return 'segment ' + (i + 1) + ' has no flags list';
  }
  if (typeof r.ratedBy !== 'string') return 'ratedBy must be text';
  if (r.camera !== undefined && r.camera !== null && !isCameraStyle(r.camera)) return 'unknown camera style "' + String(r.camera) + '"';
  return null;
}

function ratingColumns(r: ClipRating): ColumnValues {
  var issues = flagWords(r.flags as string[]);
  return {
    usability: VERDICT_WORDS[r.verdict],
    quality: String(Math.round(r.quality)),
    issues: issues || 'None',
    rated: r.ratedBy,
  };
}

/** The record for this rating before anything changes: the previous one, or the clip as it is now. */
function recordBefore(previous: UndoRecord | null, before: ColumnValues, label: number): UndoRecord {
  if (!previous) {
    return { v: 1, origLabel: label, ourLabel: null, origColumns: copyColumns(before), ourColumns: noColumns(), markers: [], pending: false };
  }
  var record = copyRecord(previous);
  for (var i = 0; i < RATING_KEYS.length; i++) {
    var key = RATING_KEYS[i];
    // Not what we wrote: the editor's since. That, not our first snapshot, is what Clear restores.
    if (before[key] !== previous.ourColumns[key]) {
      record.origColumns[key] = before[key];
      record.ourColumns[key] = null;
    }
  }
  return record;
}

function fail(nodeId: string, message: string): ClipWriteOutcome {
  return { nodeId: String(nodeId), ok: false, message: message };
}

function applyOne(r: ClipRating, opts: Options): ClipWriteOutcome {
  var problem = ratingProblem(r);
  if (problem) return fail(r && (r as ClipRating).nodeId, 'Rating not applied: ' + problem);
  var item = findItem(r.nodeId);
  if (!item) return fail(r.nodeId, 'Clip not found in the project (it may have been deleted)');
  var reason = skipReasonOf(item);
  if (reason) return fail(r.nodeId, 'This item cannot carry a rating (' + reason + ')');

  var before = readColumns(item);
  var originalLabel = item.getColorLabel();
  var record = recordBefore(decodeUndo(before.undo), before, originalLabel);
  var target = opts.labelMap[r.verdict];
  var decision = decideLabel(originalLabel, record, opts.overrideManualLabels, opts.writeLabels, opts.defaultLabels);

  // 1. Undo data first: if even this cannot be written, nothing is touched.
  record.pending = true;
  try {
    writeColumns(item, { undo: encodeUndo(record) });
  } catch (e) {
    return fail(r.nodeId, 'Nothing changed: could not save undo information. ' + errorMessage(e));
  }

  var collection = item.getMarkers();
  var created: string[] = [];
  var labelSet = false;
  try {
    // 2. New markers.
    if (opts.writeMarkers) {
      for (var i = 0; i < r.segments.length; i++) {
        var s = r.segments[i];
        var name = flagWords(s.flags as string[]) || VERDICT_WORDS[r.verdict];
        var m = createSegmentMarker(collection, s.startSec, s.endSec, name, markerComment(s.startSec, s.endSec, Math.round(r.quality), r.scores));
        created.push(String(m.guid));
      }
    }
    // 3. Columns + the record naming the new markers (old ones still listed until removed).
    var during = copyRecord(record);
    during.markers = created.concat(record.markers);
    if (decision.set) during.ourLabel = target;
    var cols = ratingColumns(r);
    var cameraKept = !addCameraColumn(cols, r.camera, before, record);
    during.ourColumns = copyColumns(cols);
    cols.undo = encodeUndo(during);
    writeColumns(item, cols);
    // 4. Label.
    if (decision.set && originalLabel !== target) {
      item.setColorLabel(target);
      labelSet = true;
      if (item.getColorLabel() !== target) throw new Error('Premiere did not change the colour label');
    }
  } catch (e) {
    var rollbackNote = rollback(item, collection, created, before, labelSet ? originalLabel : null);
    return fail(r.nodeId, 'Rating not applied: ' + errorMessage(e) + rollbackNote);
  }

  // 5. Our previous markers (and any tagged ones a stopped run left behind unrecorded).
  var removal = deleteOurMarkers(collection, record.markers, true, created);
  var done = copyRecord(during);
  done.markers = created.concat(removal.failed);
  done.pending = false;
  var warning: string | undefined;
  if (removal.failed.length) warning = removal.failed.length + ' marker(s) from the previous rating could not be removed';
  try {
    writeColumns(item, { undo: encodeUndo(done) });
  } catch (e) {
    warning = (warning ? warning + '; ' : '') + 'undo information could not be finalised: ' + errorMessage(e);
  }
  var outcome: ClipWriteOutcome = {
    nodeId: r.nodeId,
    ok: true,
    labelChanged: decision.set && originalLabel !== target,
    labelKept: decision.kept,
    markersAdded: created.length,
  };
  if (cameraKept) outcome.cameraKept = true;
  if (warning) outcome.warning = warning;
  return outcome;
}

/** Undoes a half-applied clip. Returns a note for the message when something could not be undone. */
function rollback(item: ProjectItem, collection: MarkerCollection, created: string[], before: ColumnValues, label: number | null): string {
  var problems: string[] = [];
  try {
    var res = deleteOurMarkers(collection, created, false, []);
    if (res.failed.length) problems.push(res.failed.length + ' new marker(s) remain');
  } catch (e) {
    problems.push('new markers may remain');
  }
  try {
    writeColumns(item, { usability: before.usability, quality: before.quality, issues: before.issues, rated: before.rated, camera: before.camera, undo: before.undo });
  } catch (e) {
    problems.push('columns could not be restored');
  }
  if (label !== null) {
    try {
      item.setColorLabel(label);
    } catch (e) {
      problems.push('label could not be restored');
    }
  }
  return problems.length ? ' (rollback incomplete: ' + problems.join('; ') + ')' : ' (the clip was left as it was)';
}

export function applyRatings(batch: ApplyBatch): ApplyResult {
  if (!batch || typeof batch !== 'object' || !isArray(batch.ratings)) throw new Error('applyRatings needs { ratings: [...], options }');
  var opts = resolveOptions(batch.options);
  ensureColumns(app.project);
  var outcomes: ClipWriteOutcome[] = [];
  var seen: string[] = [];
  for (var i = 0; i < batch.ratings.length; i++) {
    var r = batch.ratings[i];
    if (r && typeof r.nodeId === 'string' && contains(seen, r.nodeId)) {
      outcomes.push(fail(r.nodeId, 'Rating not applied: the same clip appears twice in one batch'));
      continue;
    }
    try {
      var outcome = applyOne(r, opts);
      // Only an applied rating claims its clip: a malformed first entry does not block a good second one.
      if (outcome.ok) seen.push(outcome.nodeId);
      outcomes.push(outcome);
    } catch (e) {
      outcomes.push(fail(r && typeof r === 'object' ? String(r.nodeId) : '', 'Rating not applied: ' + errorMessage(e)));
    }
  }
  return { outcomes: outcomes };
}
