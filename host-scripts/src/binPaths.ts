// Which bin each selected item sits in. Premiere's treePath ("\Project.prproj\Day 1\A001") would
// say, but it joins names with "\" and a name may contain "\" itself, so splitting it can put a
// clip in the wrong bin. Here a path is only ever built from bins actually walked, and an item is
// placed where it was found by nodeId. treePath only chooses which bins to open: a bin is entered
// when its name followed by "\" continues some selected item's treePath at that depth, so the
// search reads the bins on the way down, not the whole project. Whatever that does not find (a
// treePath in a form we do not expect) is found by walking every bin.

import { nextSlot, slotsOf } from './collection';
import { hasOwn } from './es3';
import { isContainer, joinPath } from './tree';

/** A selected item still to be found, and what its treePath says lies below the current bin. */
interface Want {
  id: string;
  rest: string;
}

interface Visit {
  bin: ProjectItem;
  path: string;
  /** Null: look in every bin below (the fallback walk). */
  wants: Want[] | null;
}

var SEPARATOR = '\\';

function startsWithBin(rest: string, name: string): boolean {
  return rest.substring(0, name.length + 1) === name + SEPARATOR;
}

/**
 * Every way the treePath can continue below the root. Its first element names the project, and a
 * project file may have "\" in its name too, so each "\" is a candidate start.
 */
function wantsOf(id: string, treePath: string, wants: Want[]): void {
  for (var i = 1; i < treePath.length; i++) {
    if (treePath.charAt(i - 1) === SEPARATOR) wants.push({ id: id, rest: treePath.substring(i) });
  }
}

function wantsBelow(wants: Want[], name: string, found: { [id: string]: string }): Want[] {
  var below: Want[] = [];
  for (var i = 0; i < wants.length; i++) {
    var w = wants[i];
    if (!hasOwn(found, w.id) && startsWithBin(w.rest, name)) below.push({ id: w.id, rest: w.rest.substring(name.length + 1) });
  }
  return below;
}

/** Fills `found` (nodeId → bin path) for the wanted ids under `root`; returns how many are still missing. */
function search(rootId: string, first: Visit, missing: number, wanted: { [id: string]: boolean }, found: { [id: string]: string }): number {
  var stack: Visit[] = [first];
  while (stack.length && missing > 0) {
    var visit = stack.pop()!;
    var slots = slotsOf(visit.bin.children);
    var inner: Visit[] = [];
    for (var child = nextSlot(slots); child !== null; child = nextSlot(slots)) {
      var id = String(child.nodeId);
      if (hasOwn(wanted, id) && !hasOwn(found, id)) {
        found[id] = visit.path;
        missing--;
      }
      if (!isContainer(child, id, rootId)) continue;
      var name = String(child.name);
      var below = visit.wants === null ? null : wantsBelow(visit.wants, name, found);
      if (below === null || below.length) inner.push({ bin: child, path: joinPath(visit.path, name), wants: below });
    }
    // Depth first, in Project panel order.
    for (var k = inner.length - 1; k >= 0; k--) stack.push(inner[k]);
  }
  return missing;
}

/** The bin path of each item ("" for the project's top level), in the order given. */
export function binPathsOf(items: ProjectItem[], root: ProjectItem): string[] {
  var ids: string[] = [];
  for (var i = 0; i < items.length; i++) ids.push(String(items[i].nodeId));
  var found = locate(items, ids, root);
  var paths: string[] = [];
  for (var j = 0; j < ids.length; j++) paths.push(hasOwn(found, ids[j]) ? found[ids[j]] : '');
  return paths;
}

/**
 * nodeId → bin path for each item (`ids`: their nodeIds, already read) found in the project tree;
 * an item no longer in it (deleted) is absent.
 */
export function locate(items: ProjectItem[], ids: string[], root: ProjectItem): { [id: string]: string } {
  var rootId = String(root.nodeId);
  var wanted: { [id: string]: boolean } = {};
  var wants: Want[] = [];
  var missing = 0;
  for (var i = 0; i < items.length; i++) {
    var id = ids[i];
    if (hasOwn(wanted, id)) continue;
    wanted[id] = true;
    missing++;
    wantsOf(id, String(items[i].treePath), wants);
  }
  var found: { [id: string]: string } = {};
  missing = search(rootId, { bin: root, path: '', wants: wants }, missing, wanted, found);
  if (missing > 0) search(rootId, { bin: root, path: '', wants: null }, missing, wanted, found);
  return found;
}
