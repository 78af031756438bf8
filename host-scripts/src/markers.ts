// Clip markers for bad segments. Ours are identified by the GUIDs in the undo record and, as a
// fallback for markers created just before Premiere stopped (not yet recorded), by the tag that
// starts their comments.

import { contains } from './es3';
import type { Flag, FlagScores } from '../../extension/contracts/report';

export var MARKER_TAG = '[ClipTriage]';

var FLAG_ORDER: Flag[] = ['blurry', 'dark', 'bright', 'shaky'];
var FLAG_WORDS: { [flag: string]: string } = { blurry: 'Blurry', dark: 'Dark', bright: 'Bright', shaky: 'Shaky' };

/** "Blurry, Dark" in the display order, for marker names and the Issues column. */
export function flagWords(flags: string[]): string {
  var words: string[] = [];
  for (var i = 0; i < FLAG_ORDER.length; i++) if (contains(flags, FLAG_ORDER[i])) words.push(FLAG_WORDS[FLAG_ORDER[i]]);
  for (var j = 0; j < flags.length; j++) if (!FLAG_WORDS.hasOwnProperty(flags[j])) words.push(String(flags[j]));
  return words.join(', ');
}

function twoDigits(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatTime(sec: number): string {
  var tenths = Math.round(sec * 10);
  var minutes = Math.floor(tenths / 600);
  var rest = (tenths - minutes * 600) / 10;
  var whole = Math.floor(rest);
  return minutes + ':' + twoDigits(whole) + '.' + Math.round((rest - whole) * 10);
}

export function markerComment(startSec: number, endSec: number, quality: number, scores: FlagScores | null | undefined): string {
  var text = MARKER_TAG + ' ' + formatTime(startSec) + '–' + formatTime(endSec) + ' · clip quality ' + quality + '/100';
  if (scores) {
    var parts: string[] = [];
    for (var i = 0; i < FLAG_ORDER.length; i++) {
      var s = scores[FLAG_ORDER[i]];
      if (typeof s === 'number') parts.push(FLAG_ORDER[i] + ' ' + s.toFixed(2));
    }
    if (parts.length) text += ' · scores: ' + parts.join(', ');
  }
  return text;
}

export function isTagged(marker: Marker): boolean {
  var c = marker.comments;
  return typeof c === 'string' && c.substring(0, MARKER_TAG.length) === MARKER_TAG;
}

/** Collects the markers first so deleting while walking the collection cannot skip any. */
export function listMarkers(collection: MarkerCollection): Marker[] {
  var out: Marker[] = [];
  var m = collection.getFirstMarker();
  var guard = collection.numMarkers + 1;
  while (m && guard-- > 0) {
    out.push(m);
    m = collection.getNextMarker(m);
  }
  return out;
}

export function createSegmentMarker(collection: MarkerCollection, startSec: number, endSec: number, name: string, comments: string): Marker {
  // The documented signature is createMarker(seconds); the end is set from seconds too ("pass a
  // Seconds value, not a complete replacement Time").
  var marker = (collection.createMarker as unknown as (t: number) => Marker)(startSec);
  if (!marker) throw new Error('Premiere did not create a marker at ' + formatTime(startSec));
  marker.name = name;
  marker.comments = comments;
  (marker as unknown as { end: number }).end = endSec;
  if (typeof marker.setTypeAsComment === 'function') marker.setTypeAsComment();
  return marker;
}

/** The guide says deleteMarker returns Boolean; types-for-adobe says void. */
interface DeletingCollection {
  deleteMarker(marker: Marker): boolean | undefined;
}

/**
 * Deletes the markers whose GUID is listed (and, when asked, untracked ones carrying our tag).
 * Returns how many went and the GUIDs that did not: a throw, a false answer, or (whatever the
 * answer) a marker still in the collection afterwards all count as not deleted, so the caller
 * keeps them on record for the next Clear.
 */
export function deleteOurMarkers(collection: MarkerCollection, guids: string[], includeTagged: boolean, keep: string[]): { removed: number; failed: string[] } {
  var all = listMarkers(collection);
  var asked: string[] = [];
  var failed: string[] = [];
  for (var i = 0; i < all.length; i++) {
    var m = all[i];
    var guid = String(m.guid);
    if (contains(keep, guid)) continue;
    if (!contains(guids, guid) && !(includeTagged && isTagged(m))) continue;
    try {
      if ((collection as unknown as DeletingCollection).deleteMarker(m) === false) failed.push(guid);
      else asked.push(guid);
    } catch (e) {
      failed.push(guid);
    }
  }
  var removed = asked.length;
  if (removed) {
    var left = listMarkers(collection);
    for (var j = 0; j < left.length; j++) {
      var g = String(left[j].guid);
      if (contains(asked, g)) {
        failed.push(g);
        removed--;
      }
    }
  }
  return { removed: removed, failed: failed };
}
