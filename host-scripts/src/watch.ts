// Watch mode: tells the panel when clips are added to the project, so it can rate them.
// Premiere calls a function bound with app.bind("onItemsAddedToProjectSuccess", fn), as Adobe's
// PProPanel sample does; the host script passes the news on as a CSXS event (PlugPlug's
// CSXSEvent, the documented way from ExtendScript to a panel), which the panel hears through
// CSInterface.addEventListener. Only nodeIds travel: the panel asks for the clips' details with
// listClipsById in its own host call, so the handler itself does little on Premiere's UI thread.
//
// What the handler is given is not documented (the sample names a handler it never defines), so
// it is right under both readings: items found among its arguments are used; with none, the
// project is walked and compared with the last walk (one walk per import event). Premiere keeps
// one function per event name, so another extension binding the same event replaces ours; the
// panel binds again each time it starts. app.unbind is not on the guide's Application page, so
// switching off also sets a flag the handler obeys.

import { nextSlot, slotsOf } from './collection';
import { errorMessage, hasOwn, isArray } from './es3';
import { beginCall, collectLeaves, findItem } from './items';
import { inspect } from './list';
import { locate } from './binPaths';
import { stringify } from './json';
import { isContainer, rootItem } from './tree';
import { IMPORT_EVENT_TYPE } from '../contract';
import type { ClipListing, ListClipsResult, SkippedItem, WatchState } from '../contract';

var EVENT_NAME = 'onItemsAddedToProjectSuccess';

var watching = false;
/** Leaves seen by the last walk (for the no-arguments reading). */
var known: { [nodeId: string]: boolean } | null = null;
var lastMethod: 'arguments' | 'walk' | null = null;
var plugPlugLoaded = false;

function ensurePlugPlug(): boolean {
  if (plugPlugLoaded) return true;
  try {
    // Loading the library is what defines CSXSEvent in ExtendScript.
    new ExternalObject('lib:PlugPlugExternalObject');
  } catch (e) {
    return false;
  }
  plugPlugLoaded = typeof CSXSEvent !== 'undefined';
  return plugPlugLoaded;
}

function leafIds(items: ProjectItem[], paths: string[]): string[] {
  var ids: string[] = [];
  var leaves = collectLeaves(items, paths);
  for (var i = 0; i < leaves.length; i++) ids.push(String(leaves[i].item.nodeId));
  return ids;
}

function walkProject(): { [nodeId: string]: boolean } {
  var ids = leafIds([rootItem()], ['']);
  var set: { [nodeId: string]: boolean } = {};
  for (var i = 0; i < ids.length; i++) set[ids[i]] = true;
  return set;
}

function isItemLike(v: unknown): boolean {
  return !!v && typeof v === 'object' && typeof (v as { nodeId?: unknown }).nodeId === 'string';
}

/** ProjectItems among the handler's arguments: a list of them, or single items. */
function itemsInArguments(args: IArguments): ProjectItem[] {
  var items: ProjectItem[] = [];
  for (var i = 0; i < args.length; i++) {
    var a = args[i];
    if (isItemLike(a)) {
      items.push(a as ProjectItem);
    } else if (a && typeof a === 'object' && (isArray(a) || typeof (a as { numItems?: unknown }).numItems === 'number')) {
      var s = slotsOf(a as ProjectItem[]);
      for (var v = nextSlot(s); v !== null; v = nextSlot(s)) if (isItemLike(v)) items.push(v);
    }
  }
  return items;
}

/** The clip-like items added: bins in the arguments are opened (an imported folder arrives as a bin). */
function addedIds(args: IArguments): string[] {
  var given = itemsInArguments(args);
  var ids: string[] = [];
  if (given.length) {
    lastMethod = 'arguments';
    var rootId = String(rootItem().nodeId);
    for (var i = 0; i < given.length; i++) {
      var id = String(given[i].nodeId);
      if (isContainer(given[i], id, rootId)) ids = ids.concat(leafIds([given[i]], ['']));
      else ids.push(id);
    }
    if (known) for (var k = 0; k < ids.length; k++) known[ids[k]] = true;
    return ids;
  }
  lastMethod = 'walk';
  var now = walkProject();
  var before = known || {};
  for (var nid in now) if (hasOwn(now, nid) && !hasOwn(before, nid)) ids.push(nid);
  known = now;
  return ids;
}

function dispatch(nodeIds: string[]): void {
  if (!ensurePlugPlug()) return;
  var event = new CSXSEvent();
  event.type = IMPORT_EVENT_TYPE;
  event.data = stringify({ v: 1, documentID: String(app.project.documentID), nodeIds: nodeIds });
  event.dispatch();
}

/** Premiere calls this after an import; it must never throw into Premiere. */
function onItemsAdded(): void {
  if (!watching) return;
  try {
    beginCall();
    var ids = addedIds(arguments);
    if (ids.length) dispatch(ids);
  } catch (e) {
    try {
      app.setSDKEventMessage('ClipTriage could not read the imported items: ' + errorMessage(e), 'warning');
    } catch (ignored) {
      // nothing more can be done from an event handler
    }
  }
}

export function watchImports(on: boolean): WatchState {
  if (typeof on !== 'boolean') throw new Error('watchImports needs true or false');
  var a = app as unknown as { bind?: unknown; unbind?: unknown };
  if (!on) {
    watching = false;
    known = null;
    if (typeof a.unbind === 'function') {
      try {
        (a.unbind as (name: string) => void).call(app, EVENT_NAME);
      } catch (e) {
        // The flag above already makes the handler ignore the event.
      }
    }
    return { watching: false, method: null };
  }
  if (typeof a.bind !== 'function') throw new Error('This Premiere Pro has no app.bind, so ClipTriage cannot hear about imported clips');
  if (!ensurePlugPlug()) {
    throw new Error("Premiere's PlugPlug library (PlugPlugExternalObject) could not be loaded, so ClipTriage cannot tell the panel about imported clips");
  }
  known = walkProject();
  (a.bind as (name: string, fn: () => void) => void).call(app, EVENT_NAME, onItemsAdded);
  watching = true;
  return { watching: true, method: lastMethod };
}

export function listClipsById(nodeIds: string[]): ListClipsResult {
  if (!isArray(nodeIds)) throw new Error('listClipsById needs a list of nodeIds');
  var clips: ClipListing[] = [];
  var skipped: SkippedItem[] = [];
  var found: ProjectItem[] = [];
  var foundIds: string[] = [];
  for (var i = 0; i < nodeIds.length; i++) {
    var item = findItem(String(nodeIds[i]));
    if (!item) continue;
    found.push(item);
    foundIds.push(String(nodeIds[i]));
  }
  // Found by walking the tree, not just by an object we still hold: a deleted item may stay readable.
  var where = found.length ? locate(found, foundIds, rootItem()) : {};
  var f = 0;
  for (var j = 0; j < nodeIds.length; j++) {
    var id = String(nodeIds[j]);
    var it = f < found.length && foundIds[f] === id ? found[f++] : null;
    if (!it || !hasOwn(where, id)) {
      skipped.push({ nodeId: id, name: '', treePath: '', reason: 'removed', message: 'No longer in the project (removed before it was rated)' });
      continue;
    }
    inspect({ item: it, binPath: where[id] }, clips, skipped);
  }
  return { clips: clips, skipped: skipped, nextCursor: null, total: nodeIds.length };
}
