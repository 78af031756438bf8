// listClips: which clips a scope holds, which items are skipped and why, and what ClipTriage
// stored on each clip before. Paged, and the walk of the bins is paged with it: each page walks
// only as far as the items it returns (plus one, to know whether more follow) and inspects only
// those, so no call holds Premiere's UI thread for longer on a huge project than on a small one.

import { errorMessage, isFiniteNumber } from './es3';
import { Leaf, nextLeaf, scopeStarts, startWalk, Walk } from './items';
import { readColumns } from './metadata';
import { decodeSelectRecord } from './selectsBin';
import type { ClipListing, ListClipsPage, ListClipsResult, Scope, SkipReason, SkippedItem, StoredRating } from '../contract';

var SKIP_MESSAGES: { [reason: string]: string } = {
  sequence: 'Sequence: only source clips are rated',
  multicam: 'Multicam clip: rate its source clips instead',
  merged: 'Merged clip: rate its source clips instead',
  offline: 'Offline: the media file is missing; relink it first',
  synthetic: 'Synthetic item (bars, matte, title, leader…) has no media file',
  'no-media-path': 'Premiere gives no media path for this item',
  select: 'A ClipTriage select (a subclip of a usable stretch): its source clip carries the rating',
};

interface Listing {
  walk: Walk;
  /** Leaves walked so far, kept so a page can be asked for again. */
  leaves: Leaf[];
  done: boolean;
}

var walks: { [id: string]: Listing } = {};
var walkOrder: string[] = [];
var walkCounter = 0;
/** Walks kept for paging; older ones are dropped (their cursors then ask for a fresh listing). */
var MAX_WALKS = 4;

function storeWalk(walk: Listing): string {
  walkCounter++;
  var id = 'w' + walkCounter;
  walks[id] = walk;
  walkOrder.push(id);
  while (walkOrder.length > MAX_WALKS) delete walks[walkOrder.shift()!];
  return id;
}

function callIfPresent(item: ProjectItem, method: string): boolean {
  var fn = (item as unknown as { [k: string]: unknown })[method];
  return typeof fn === 'function' ? !!(fn as () => boolean).call(item) : false;
}

/** Why this item cannot be rated, or null when it is a clip with media. Order matters: isSequence() is also true for multicam and merged clips. */
export function skipReasonOf(item: ProjectItem): SkipReason | null {
  // The name the scripting guide documents; types-for-adobe's "isMultiCamClip" is in no Adobe document, so it is not probed.
  if (callIfPresent(item, 'isMulticamClip')) return 'multicam';
  if (callIfPresent(item, 'isMergedClip')) return 'merged';
  if (callIfPresent(item, 'isSequence')) return 'sequence';
  if (callIfPresent(item, 'isOffline')) return 'offline';
  var path = item.getMediaPath();
  if (!path) return 'synthetic';
  return null;
}

function durationOf(item: ProjectItem): number | null {
  try {
    var d = item.getOutPoint().seconds - item.getInPoint().seconds;
    return isFiniteNumber(d) && d > 0 ? d : null;
  } catch (e) {
    return null;
  }
}

export function storedRating(values: { [key: string]: string | null }): StoredRating | null {
  if (values.usability === null) return null;
  var q = values.quality === null ? NaN : Number(values.quality);
  return {
    usability: values.usability,
    quality: isFiniteNumber(q) ? q : null,
    issues: values.issues === null ? '' : values.issues,
    rated: values.rated === null ? '' : values.rated,
  };
}

export function inspect(leaf: Leaf, clips: ClipListing[], skipped: SkippedItem[]): void {
  var item = leaf.item;
  var nodeId = '';
  var name = '';
  try {
    nodeId = String(item.nodeId);
    name = String(item.name);
    var reason = skipReasonOf(item);
    if (reason !== null) {
      skipped.push({ nodeId: nodeId, name: name, treePath: leaf.binPath, reason: reason, message: SKIP_MESSAGES[reason] });
      return;
    }
    var values = readColumns(item);
    if (decodeSelectRecord(values.select)) {
      skipped.push({ nodeId: nodeId, name: name, treePath: leaf.binPath, reason: 'select', message: SKIP_MESSAGES.select });
      return;
    }
    clips.push({
      nodeId: nodeId,
      name: name,
      mediaPath: String(item.getMediaPath()),
      treePath: leaf.binPath,
      durationSec: durationOf(item),
      colorLabel: item.getColorLabel(),
      previousRating: storedRating(values),
      footageTag: values.footage === null || /^\s*$/.test(values.footage) ? null : values.footage,
    });
  } catch (e) {
    skipped.push({ nodeId: nodeId, name: name, treePath: leaf.binPath, reason: 'unreadable', message: 'Premiere could not read this item: ' + errorMessage(e) });
  }
}

/** Walks until `count` leaves are known (or the walk ends). */
function walkTo(listing: Listing, count: number): void {
  while (!listing.done && listing.leaves.length < count) {
    var leaf = nextLeaf(listing.walk);
    if (leaf === null) listing.done = true;
    else listing.leaves.push(leaf);
  }
}

export function listClips(scope: Scope, page?: ListClipsPage | null): ListClipsResult {
  var walkId: string;
  var offset = 0;
  var cursor = page && page.cursor ? String(page.cursor) : '';
  if (cursor) {
    var m = /^(w\d+):(\d+)$/.exec(cursor);
    if (!m || !walks.hasOwnProperty(m[1]) || Number(m[2]) > walks[m[1]].leaves.length) {
      throw new Error('This listing expired (the project changed or the panel reloaded): list the clips again');
    }
    walkId = m[1];
    offset = Number(m[2]);
  } else {
    var starts = scopeStarts(scope);
    walkId = storeWalk({ walk: startWalk(starts.items, starts.paths), leaves: [], done: false });
  }
  var listing = walks[walkId];
  var max = page && isFiniteNumber(page.max) && page.max >= 1 ? Math.floor(page.max) : Infinity;
  // One leaf beyond the page says whether another page follows.
  walkTo(listing, offset + max + 1);
  var leaves = listing.leaves;
  var end = Math.min(leaves.length, offset + max);
  var clips: ClipListing[] = [];
  var skipped: SkippedItem[] = [];
  for (var i = offset; i < end; i++) inspect(leaves[i], clips, skipped);
  var result: ListClipsResult = { clips: clips, skipped: skipped, nextCursor: end < leaves.length ? walkId + ':' + end : null };
  if (listing.done) result.total = leaves.length;
  return result;
}
