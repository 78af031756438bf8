// Make selects / Clear selects. Each usable stretch of a rated clip becomes a subclip
// (ProjectItem.createSubClip) in ClipTriage Selects, in a sub-bin mirroring the clip's own bin, with
// the stretch's Usability/Quality columns and a ClipTriage select record naming its source media.
// Per clip, all or nothing: the new subclips are made first, the clip's earlier ones removed only
// after that, so a failure leaves the earlier selects as they were. Clear selects deletes the bin
// when it holds only what ClipTriage made; otherwise it removes only ClipTriage's subclips (and its
// sub-bins left empty), and leaves the editor's items where they are. A select cut into a sequence
// is never removed (sequenceUse.ts).

import { binPathsOf } from './binPaths';
import { cameraWord, isCameraStyle } from './camera';
import { errorMessage, isArray, isFiniteNumber } from './es3';
import { findItem } from './items';
import { skipReasonOf } from './list';
import { ColumnValues, ensureColumns, readColumns, writeColumns } from './metadata';
import { BinEntry, childrenOf, decodeSelectRecord, deleteBinChecked, discard, encodeSelectRecord, entriesOf, findChildBin, mirrorBin, moveInto, SELECT_RECORD_VERSION, selectsRoot } from './selectsBin';
import { sequenceUse, SequenceUse } from './sequenceUse';
import { rootItem } from './tree';
import type { ClearSelectsResult, ClipSelectsRequest, MakeSelectsBatch, MakeSelectsResult, SelectSpec, SelectsOutcome } from '../contract';

var TICKS_PER_SECOND = 254016000000;
/** A subclip whose in/out reads back further than this from what was asked for is wrong (less than a frame at 50 fps). */
var RANGE_TOLERANCE_SEC = 0.019;

/**
 * How createSubClip takes its times. The guide: strings of ticks; the d.ts and the newer PProPanel:
 * Time objects. Both are tried (the guide's first); the one Premiere accepts is kept for the session.
 */
var timeForms = ['ticks', 'time'];

function ticksOf(sec: number): string {
  return String(Math.round(sec * TICKS_PER_SECOND));
}

function timeArg(form: string, sec: number): unknown {
  if (form === 'ticks') return ticksOf(sec);
  var t = new Time();
  t.ticks = ticksOf(sec);
  return t;
}

type CreateSubClip = (name: string, start: unknown, end: unknown, hard: number, takeVideo: number, takeAudio: number) => unknown;

function createSubClip(item: ProjectItem, s: SelectSpec, hard: boolean): ProjectItem {
  var problems: string[] = [];
  for (var i = 0; i < timeForms.length; i++) {
    var form = timeForms[i];
    try {
      // takeVideo and takeAudio both 1: the guide's signature line and its table order them differently.
      var sub = (item.createSubClip as unknown as CreateSubClip).call(item, s.name, timeArg(form, s.startSec), timeArg(form, s.endSec), hard ? 1 : 0, 1, 1);
      if (sub && typeof sub === 'object') {
        if (i > 0) timeForms = [form, timeForms[0]];
        return sub as ProjectItem;
      }
      problems.push('answered ' + String(sub));
    } catch (e) {
      problems.push(errorMessage(e));
    }
  }
  throw new Error('Premiere did not make the subclip "' + s.name + '" (' + problems.join('; ') + ')');
}

function checkRange(sub: ProjectItem, s: SelectSpec): void {
  var inSec = sub.getInPoint().seconds;
  var outSec = sub.getOutPoint().seconds;
  if (!(Math.abs(inSec - s.startSec) <= RANGE_TOLERANCE_SEC && Math.abs(outSec - s.endSec) <= RANGE_TOLERANCE_SEC)) {
    throw new Error('the subclip "' + s.name + '" came out as ' + inSec + '–' + outSec + ' s instead of ' + s.startSec + '–' + s.endSec + ' s');
  }
}

function requestProblem(r: ClipSelectsRequest): string | null {
  if (!r || typeof r !== 'object') return 'not a selects request';
  if (typeof r.nodeId !== 'string' || !r.nodeId) return 'missing nodeId';
  if (!isArray(r.selects)) return 'selects must be a list';
  for (var i = 0; i < r.selects.length; i++) {
    var s = r.selects[i];
    if (!s || typeof s.name !== 'string' || !s.name) return 'select ' + (i + 1) + ' has no name';
    if (!isFiniteNumber(s.startSec) || !isFiniteNumber(s.endSec) || s.startSec < 0 || s.endSec <= s.startSec) return 'select ' + (i + 1) + ' has an invalid time range';
    if (!isFiniteNumber(s.quality) || s.quality < 0 || s.quality > 100) return 'select ' + (i + 1) + ': quality must be 0–100';
  }
  if (typeof r.ratedBy !== 'string') return 'ratedBy must be text';
  if (r.camera !== undefined && r.camera !== null && !isCameraStyle(r.camera)) return 'unknown camera style "' + String(r.camera) + '"';
  return null;
}

function selectColumns(r: ClipSelectsRequest, s: SelectSpec, media: string, bin: string): ColumnValues {
  return {
    usability: 'Usable',
    quality: String(Math.round(s.quality)),
    issues: 'None',
    rated: r.ratedBy,
    camera: cameraWord(r.camera),
    select: encodeSelectRecord({ v: SELECT_RECORD_VERSION, media: media, bin: bin, startSec: s.startSec, endSec: s.endSec }),
    // A Premiere that copies the source's project metadata onto a subclip copies our undo record
    // too; a subclip has none of its own (Clear selects, not Clear ratings, removes it).
    undo: null,
  };
}

function fail(nodeId: string, message: string): SelectsOutcome {
  return { nodeId: String(nodeId), ok: false, made: 0, replaced: 0, message: message };
}

/** Read once per host call, and only when something of ours may go. */
interface UseMemo {
  value: SequenceUse | null;
}

function usage(memo: UseMemo): SequenceUse {
  if (!memo.value) memo.value = sequenceUse();
  return memo.value;
}

/** Splits items of ours into those that may go and the names of those cut into a sequence (all, when the sequences could not be read). */
function splitByUse(items: ProjectItem[], use: SequenceUse): { free: ProjectItem[]; inUse: string[] } {
  var free: ProjectItem[] = [];
  var inUse: string[] = [];
  for (var i = 0; i < items.length; i++) {
    var id = String(items[i].nodeId);
    if (use.problem === null && !use.used.hasOwnProperty(id)) free.push(items[i]);
    else inUse.push(String(items[i].name) + (use.used.hasOwnProperty(id) ? ' (in "' + use.used[id] + '")' : ''));
  }
  return { free: free, inUse: inUse };
}

function makeForClip(r: ClipSelectsRequest, hard: boolean, top: ProjectItem, ours: BinEntry[], memo: UseMemo): SelectsOutcome {
  var problem = requestProblem(r);
  if (problem) return fail(r && (r as ClipSelectsRequest).nodeId, 'No selects made: ' + problem);
  var item = findItem(r.nodeId);
  if (!item) return fail(r.nodeId, 'Clip not found in the project (it may have been deleted)');
  var reason = skipReasonOf(item);
  if (reason) return fail(r.nodeId, 'No selects made: this item is not a clip with media (' + reason + ')');
  if (decodeSelectRecord(readColumns(item).select)) return fail(r.nodeId, 'No selects made: this is itself a ClipTriage select');
  var media = String(item.getMediaPath());
  var binPath = binPathsOf([item], rootItem())[0];
  // No bin for a clip without selects: an empty bin of ours would later look like the editor's.
  var target = r.selects.length ? mirrorBin(top, binPath) : null;

  var earlier: ProjectItem[] = [];
  var earlierBins: string[] = [];
  for (var i = 0; i < ours.length; i++) {
    if (ours[i].record && ours[i].record!.media === media) {
      earlier.push(ours[i].item);
      earlierBins.push(ours[i].record!.bin);
    }
  }

  var made: ProjectItem[] = [];
  try {
    for (var j = 0; j < r.selects.length; j++) {
      var s = r.selects[j];
      var sub = createSubClip(item, s, hard);
      made.push(sub);
      moveInto(sub, target!);
      checkRange(sub, s);
      writeColumns(sub, selectColumns(r, s, media, binPath));
    }
  } catch (e) {
    var note = '';
    try {
      var stuck = discard(top, made).stuck;
      if (stuck.length) note = ' Left behind: ' + stuck.join(', ') + '; delete by hand.';
    } catch (e2) {
      note = ' The subclips made so far could not be removed: ' + errorMessage(e2) + '.';
    }
    return fail(r.nodeId, 'No selects made: ' + errorMessage(e) + '.' + note + (earlier.length ? ' The earlier selects of this clip were kept.' : ''));
  }

  var outcome: SelectsOutcome = { nodeId: r.nodeId, ok: true, made: made.length, replaced: 0 };
  var gone: { [nodeId: string]: boolean } = {};
  var warnings: string[] = [];
  if (earlier.length) {
    try {
      var use = usage(memo);
      var split = splitByUse(earlier, use);
      if (split.inUse.length) {
        warnings.push('earlier selects kept because they are cut into a sequence: ' + split.inUse.join(', ') + (use.problem ? ' (' + use.problem + ')' : ''));
      }
      var removal = discard(top, split.free);
      gone = removal.gone;
      outcome.replaced = split.free.length - removal.stuck.length;
      if (removal.stuck.length) warnings.push('earlier selects could not be removed: ' + removal.stuck.join(', '));
      for (var k = 0; k < earlierBins.length; k++) pruneEmpty(top, earlierBins[k]);
    } catch (e) {
      warnings.push('earlier selects could not be removed: ' + errorMessage(e));
    }
  }
  if (warnings.length) outcome.warning = warnings.join('; ');
  settle(ours, media, made, r.selects, target, binPath, gone);
  return outcome;
}

/** Brings the call's list of our subclips up to date for this media: what went is dropped, what was made is added. */
function settle(ours: BinEntry[], media: string, made: ProjectItem[], selects: SelectSpec[], target: ProjectItem | null, binPath: string, gone: { [nodeId: string]: boolean }): void {
  for (var i = ours.length - 1; i >= 0; i--) {
    if (!ours[i].record || ours[i].record!.media !== media) continue;
    var alive = false;
    try {
      alive = !gone.hasOwnProperty(String(ours[i].item.nodeId));
    } catch (e) {
      alive = false; // an invalid object: deleted
    }
    if (!alive) ours.splice(i, 1);
  }
  for (var j = 0; j < made.length; j++) {
    var s = selects[j];
    ours.push({ item: made[j], parent: target!, path: binPath, isBin: false, record: { v: SELECT_RECORD_VERSION, media: media, bin: binPath, startSec: s.startSec, endSec: s.endSec } });
  }
}

export function makeSelects(batch: MakeSelectsBatch): MakeSelectsResult {
  if (!batch || typeof batch !== 'object' || !isArray(batch.clips)) throw new Error('makeSelects needs { clips: [...] }');
  ensureColumns(app.project);
  var top = selectsRoot(true)!;
  var memo: UseMemo = { value: null };
  // Read once per call (each read is a metadata read per item in the bin); makeForClip keeps it up to date.
  var ours: BinEntry[] = [];
  var all = entriesOf(top);
  for (var a = 0; a < all.length; a++) if (all[a].record) ours.push(all[a]);
  var outcomes: SelectsOutcome[] = [];
  for (var i = 0; i < batch.clips.length; i++) {
    var r = batch.clips[i];
    try {
      outcomes.push(makeForClip(r, batch.hardBoundaries === true, top, ours, memo));
    } catch (e) {
      outcomes.push(fail(r && typeof r === 'object' ? String(r.nodeId) : '', 'No selects made: ' + errorMessage(e)));
    }
  }
  return { outcomes: outcomes };
}

/** Deletes the sub-bins of ours along this path that are left empty, deepest first (never the top bin). */
function pruneEmpty(top: ProjectItem, binPath: string): void {
  var parts = binPath ? binPath.split('/') : [];
  for (var depth = parts.length; depth > 0; depth--) {
    var parent = top;
    for (var i = 0; i < depth - 1 && parent; i++) parent = findChildBin(parent, parts[i])!;
    var bin = parent ? findChildBin(parent, parts[depth - 1]) : null;
    if (!bin || childrenOf(bin).length) return;
    deleteBinChecked(parent, bin);
  }
}

/** A sub-bin is ours when some select of ours was filed in it or below it. */
function isOurBinPath(path: string, ourPaths: string[]): boolean {
  for (var i = 0; i < ourPaths.length; i++) {
    var p = ourPaths[i];
    if (p === path || p.substring(0, path.length + 1) === path + '/') return true;
  }
  return false;
}

export function clearSelects(): ClearSelectsResult {
  ensureColumns(app.project);
  var top = selectsRoot(false);
  if (!top) return { found: false, removed: 0, binDeleted: false, kept: [] };
  var entries = entriesOf(top);
  var ours: ProjectItem[] = [];
  var ourPaths: string[] = [];
  var kept: string[] = [];
  for (var i = 0; i < entries.length; i++) {
    var e = entries[i];
    if (e.isBin) continue;
    if (e.record) {
      ours.push(e.item);
      // Where we filed it, not where it is now: a bin the editor moved it into stays theirs.
      ourPaths.push(e.record.bin);
    } else kept.push(String(e.item.name));
  }
  var foreignBins = false;
  for (var j = 0; j < entries.length; j++) {
    if (!entries[j].isBin || isOurBinPath(entries[j].path, ourPaths)) continue;
    // A bin the editor made in ours: kept, with what it holds (listed above).
    foreignBins = true;
    if (!hasKeptInside(entries, entries[j].path)) kept.push(String(entries[j].item.name));
  }
  var use = sequenceUse();
  if (use.problem) throw new Error('Nothing was removed: ' + use.problem + ', so ClipTriage cannot tell which selects are cut into a sequence');
  var split = splitByUse(ours, use);
  if (!kept.length && !foreignBins && !split.inUse.length) {
    deleteBinChecked(rootItem(), top);
    return { found: true, removed: ours.length, binDeleted: true, kept: [] };
  }
  var stuck = discard(top, split.free).stuck;
  var result: ClearSelectsResult = { found: true, removed: split.free.length - stuck.length, binDeleted: false, kept: kept };
  if (split.inUse.length) result.inUse = split.inUse;
  var problems: string[] = stuck.slice(0);
  // Our sub-bins now empty go too, deepest first (one holding a select in use is not empty).
  var after = entriesOf(top);
  after.sort(function (a, b) {
    return b.path.split('/').length - a.path.split('/').length;
  });
  for (var k = 0; k < after.length; k++) {
    var b = after[k];
    if (!b.isBin || !isOurBinPath(b.path, ourPaths) || (b.item.children && b.item.children.numItems > 0)) continue;
    try {
      deleteBinChecked(b.parent, b.item);
    } catch (err) {
      problems.push(errorMessage(err));
    }
  }
  if (problems.length) result.warning = 'Not removed: ' + problems.join('; ');
  return result;
}

function hasKeptInside(entries: BinEntry[], path: string): boolean {
  for (var i = 0; i < entries.length; i++) {
    var e = entries[i];
    if (!e.isBin && !e.record && (e.path === path || e.path.substring(0, path.length + 1) === path + '/')) return true;
  }
  return false;
}
