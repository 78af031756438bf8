// Finding project items: the walk of bins (for listClips and scopes) and nodeId lookups (for
// applyRatings/clearRatings/revealClip, which the panel calls with the nodeIds listClips returned).

import { binPathsOf } from './binPaths';
import { nextSlot, Slots, slotsOf, toArray } from './collection';
import { hasOwn } from './es3';
import { isContainer, joinPath, rootItem } from './tree';
import type { Scope } from '../contract';

export interface Leaf {
  item: ProjectItem;
  /** Bin path from the root, e.g. "Day 1/Interviews": built from the bins walked, never from treePath. */
  binPath: string;
}

var index: { [nodeId: string]: ProjectItem } = {};
/** Set once this host call has walked the whole project for a lookup: a second walk would find nothing new. */
var indexedWholeProject = false;

/** Called at the start of every host call: the project may have changed since the last one. */
export function beginCall(): void {
  indexedWholeProject = false;
}

interface Frame {
  slots: Slots<ProjectItem>;
  path: string;
}

/** A depth-first walk that can stop anywhere and go on later (listClips pages). */
export interface Walk {
  frames: Frame[];
  seen: { [nodeId: string]: boolean };
  rootId: string;
}

export function startWalk(starts: ProjectItem[], startPaths: string[]): Walk {
  var frames: Frame[] = [];
  for (var s = starts.length - 1; s >= 0; s--) frames.push({ slots: slotsOf([starts[s]]), path: startPaths[s] });
  return { frames: frames, seen: {}, rootId: String(rootItem().nodeId) };
}

/** The next clip-like item in Project panel order (each once, even when a bin and its clip are both selected), or null at the end. */
export function nextLeaf(walk: Walk): Leaf | null {
  while (walk.frames.length) {
    var top = walk.frames[walk.frames.length - 1];
    var item = nextSlot(top.slots);
    if (item === null) {
      walk.frames.pop();
      continue;
    }
    var id = String(item.nodeId);
    if (hasOwn(walk.seen, id)) continue;
    walk.seen[id] = true;
    index[id] = item;
    if (!isContainer(item, id, walk.rootId)) return { item: item, binPath: top.path };
    var path = id === walk.rootId ? '' : joinPath(top.path, String(item.name));
    walk.frames.push({ slots: slotsOf(item.children), path: path });
  }
  return null;
}

export function collectLeaves(starts: ProjectItem[], startPaths: string[]): Leaf[] {
  var walk = startWalk(starts, startPaths);
  var leaves: Leaf[] = [];
  for (var leaf = nextLeaf(walk); leaf !== null; leaf = nextLeaf(walk)) leaves.push(leaf);
  return leaves;
}

/** The items a scope starts from, with their bin paths. Throws a plain-words Error when the selection is empty. */
export function scopeStarts(scope: Scope): { items: ProjectItem[]; paths: string[] } {
  var root = rootItem();
  if (scope === 'project') return { items: [root], paths: [''] };
  if (scope !== 'selection') throw new Error('Unknown scope "' + scope + '": use "selection" or "project"');
  // Documented in the scripting guide, missing from types-for-adobe.
  var selected = toArray((app as unknown as { getCurrentProjectViewSelection(): ProjectItem[] | null }).getCurrentProjectViewSelection());
  if (!selected.length) {
    throw new Error('Nothing is selected in the Project panel: select bins or clips, or rate the whole project');
  }
  // A selected bin's own path excludes its name (the walk appends it).
  return { items: selected, paths: binPathsOf(selected, root) };
}

/**
 * The ProjectItem with this nodeId, or null. Uses what earlier walks saw; an unknown or stale id
 * walks the whole project, at most once per host call, so a batch of deleted clips costs one walk.
 */
export function findItem(nodeId: string): ProjectItem | null {
  var id = String(nodeId);
  if (hasOwn(index, id)) {
    var cached = index[id];
    try {
      if (String(cached.nodeId) === id) return cached;
    } catch (e) {
      // The item was deleted from the project: fall through to a fresh walk.
    }
  }
  if (indexedWholeProject) return null;
  index = {};
  collectLeaves([rootItem()], ['']);
  indexedWholeProject = true;
  return hasOwn(index, id) ? index[id] : null;
}
