// The ClipTriage Selects bin and what is in it. Items are moved with moveBin and removed by moving
// them into a scratch bin that is then deleted with deleteBin: the scripting API has no call that
// deletes a single clip. Every step is checked on the tree afterwards, not by its answer: the guide
// says createBin returns the new bin (an older page: 0 on success), moveBin and deleteBin 0, the
// d.ts void.

import { toArray } from './collection';
import { errorMessage } from './es3';
import { parse, stringify } from './json';
import { readColumns } from './metadata';
import { isContainer, joinPath, rootItem } from './tree';
import { SELECTS_BIN_NAME } from '../contract';

/** Scratch bin, inside ours, for items on their way out. */
var SCRATCH_NAME = 'ClipTriage Selects (removing)';

/** What the ClipTriage select column of one of our subclips holds. */
export interface SelectRecord {
  v: number;
  /** Media path of the source clip: the key that says whose selects these are (nodeIds last one session). */
  media: string;
  /** Bin path of the source clip when the select was made ("" at the top level). */
  bin: string;
  startSec: number;
  endSec: number;
}

export var SELECT_RECORD_VERSION = 1;

export function encodeSelectRecord(r: SelectRecord): string {
  return stringify(r);
}

export function decodeSelectRecord(text: string | null): SelectRecord | null {
  if (text === null || text === '') return null;
  try {
    var raw = parse(text) as { [key: string]: unknown } | null;
    if (!raw || typeof raw !== 'object' || raw.v !== SELECT_RECORD_VERSION || typeof raw.media !== 'string') return null;
    return { v: SELECT_RECORD_VERSION, media: raw.media, bin: typeof raw.bin === 'string' ? raw.bin : '', startSec: Number(raw.startSec), endSec: Number(raw.endSec) };
  } catch (e) {
    return null;
  }
}

export function childrenOf(bin: ProjectItem): ProjectItem[] {
  return toArray(bin.children);
}

function isBin(item: ProjectItem, rootId: string): boolean {
  return isContainer(item, String(item.nodeId), rootId);
}

function holds(bin: ProjectItem, nodeId: string): boolean {
  var kids = childrenOf(bin);
  for (var i = 0; i < kids.length; i++) if (String(kids[i].nodeId) === nodeId) return true;
  return false;
}

export function findChildBin(parent: ProjectItem, name: string): ProjectItem | null {
  var rootId = String(rootItem().nodeId);
  var kids = childrenOf(parent);
  for (var i = 0; i < kids.length; i++) if (String(kids[i].name) === name && isBin(kids[i], rootId)) return kids[i];
  return null;
}

/** The bin of that name inside `parent`, created when there is none. */
export function ensureChildBin(parent: ProjectItem, name: string): ProjectItem {
  var found = findChildBin(parent, name);
  if (found) return found;
  var before: { [id: string]: boolean } = {};
  var kids = childrenOf(parent);
  for (var i = 0; i < kids.length; i++) before[String(kids[i].nodeId)] = true;
  var answer: unknown = parent.createBin(name);
  if (answer && typeof answer === 'object' && holds(parent, String((answer as ProjectItem).nodeId))) return answer as ProjectItem;
  var rootId = String(rootItem().nodeId);
  var after = childrenOf(parent);
  for (var j = 0; j < after.length; j++) {
    var k = after[j];
    if (!before.hasOwnProperty(String(k.nodeId)) && String(k.name) === name && isBin(k, rootId)) return k;
  }
  throw new Error('Premiere did not create the bin "' + name + '"');
}

/** Our top bin, or null; created on demand. */
export function selectsRoot(create: boolean): ProjectItem | null {
  return create ? ensureChildBin(rootItem(), SELECTS_BIN_NAME) : findChildBin(rootItem(), SELECTS_BIN_NAME);
}

/** The sub-bin of ours that mirrors a source bin path ("Day 1/Interviews"), created as needed. */
export function mirrorBin(top: ProjectItem, binPath: string): ProjectItem {
  var bin = top;
  var parts = binPath ? binPath.split('/') : [];
  for (var i = 0; i < parts.length; i++) bin = ensureChildBin(bin, parts[i]);
  return bin;
}

export function moveInto(item: ProjectItem, bin: ProjectItem): void {
  var id = String(item.nodeId);
  if (holds(bin, id)) return;
  (item.moveBin as unknown as (b: ProjectItem) => unknown)(bin);
  if (!holds(bin, id)) throw new Error('Premiere did not move "' + String(item.name) + '" into the bin "' + String(bin.name) + '"');
}

/** Deletes a bin and all it holds; throws when it is still there afterwards. */
export function deleteBinChecked(parent: ProjectItem, bin: ProjectItem): void {
  var id = String(bin.nodeId);
  var name = String(bin.name);
  (bin.deleteBin as unknown as () => unknown)();
  if (holds(parent, id)) throw new Error('Premiere did not delete the bin "' + name + '"');
}

export interface Discarded {
  /** nodeIds of the items that went. */
  gone: { [nodeId: string]: boolean };
  /** "name (why)" of those that could not be moved out (they stay where they are). */
  stuck: string[];
}

/** Removes these items (ours, inside `top`) from the project: into a scratch bin, then the scratch bin goes. */
export function discard(top: ProjectItem, items: ProjectItem[]): Discarded {
  var result: Discarded = { gone: {}, stuck: [] };
  if (!items.length) return result;
  var scratch = ensureChildBin(top, SCRATCH_NAME);
  var moved: string[] = [];
  for (var i = 0; i < items.length; i++) {
    try {
      var id = String(items[i].nodeId);
      moveInto(items[i], scratch);
      moved.push(id);
    } catch (e) {
      result.stuck.push(String(items[i].name) + ' (' + errorMessage(e) + ')');
    }
  }
  deleteBinChecked(top, scratch);
  for (var j = 0; j < moved.length; j++) result.gone[moved[j]] = true;
  return result;
}

export interface BinEntry {
  item: ProjectItem;
  parent: ProjectItem;
  /** Path inside our top bin ("" for its own level). */
  path: string;
  isBin: boolean;
  /** For subclips ClipTriage made: their record; null for anything else. */
  record: SelectRecord | null;
}

/** Everything inside our top bin, depth first; bins listed before what they hold. */
export function entriesOf(top: ProjectItem): BinEntry[] {
  var rootId = String(rootItem().nodeId);
  var out: BinEntry[] = [];
  var stack: Array<{ bin: ProjectItem; path: string }> = [{ bin: top, path: '' }];
  while (stack.length) {
    var at = stack.pop()!;
    var kids = childrenOf(at.bin);
    for (var i = kids.length - 1; i >= 0; i--) {
      var k = kids[i];
      if (isBin(k, rootId)) {
        var p = joinPath(at.path, String(k.name));
        out.push({ item: k, parent: at.bin, path: p, isBin: true, record: null });
        stack.push({ bin: k, path: p });
      } else {
        var record: SelectRecord | null = null;
        try {
          record = decodeSelectRecord(readColumns(k).select);
        } catch (e) {
          record = null;
        }
        out.push({ item: k, parent: at.bin, path: at.path, isBin: false, record: record });
      }
    }
  }
  return out;
}
