// Finding project items: the walk of bins (for listClips and scopes) and nodeId lookups (for
// applyRatings/clearRatings/revealClip, which the panel calls with the nodeIds listClips returned).

import { hasOwn } from './es3';
import type { Scope } from '../contract';

export interface Leaf {
  item: ProjectItem;
  /** Bin path from the root, e.g. "Day 1/Interviews" (built from bin names, not Premiere's treePath string). */
  binPath: string;
}

var BIN = 2;
var ROOT = 3;

var index: { [nodeId: string]: ProjectItem } = {};

function remember(item: ProjectItem): void {
  index[String(item.nodeId)] = item;
}

function isContainer(item: ProjectItem): boolean {
  return item.type === BIN || item.type === ROOT;
}

/** Depth-first, in Project panel order, each item once even when a bin and its clip are both selected. */
export function collectLeaves(starts: ProjectItem[], startPaths: string[]): Leaf[] {
  var leaves: Leaf[] = [];
  var seen: { [nodeId: string]: boolean } = {};
  var stack: { item: ProjectItem; path: string }[] = [];
  for (var s = starts.length - 1; s >= 0; s--) stack.push({ item: starts[s], path: startPaths[s] });
  while (stack.length) {
    var next = stack.pop()!;
    var item = next.item;
    var id = String(item.nodeId);
    if (hasOwn(seen, id)) continue;
    seen[id] = true;
    remember(item);
    if (isContainer(item)) {
      var childPath = item.type === ROOT ? '' : next.path ? next.path + '/' + item.name : item.name;
      var children = item.children;
      for (var i = children.numItems - 1; i >= 0; i--) stack.push({ item: children[i], path: childPath });
    } else {
      leaves.push({ item: item, binPath: next.path });
    }
  }
  return leaves;
}

/** Bin path of an item outside a walk (a selected clip): from Premiere's treePath "\Project.prproj\Bin\Sub\clip". */
export function binPathFromTreePath(treePath: string): string {
  var parts = String(treePath || '').split('\\');
  var bins: string[] = [];
  // parts[0] is empty (leading backslash), parts[1] the project file, the last one the item itself.
  for (var i = 2; i < parts.length - 1; i++) bins.push(parts[i]);
  return bins.join('/');
}


/** The items a scope starts from, with their bin paths. Throws a plain-words Error when the selection is empty. */
export function scopeStarts(scope: Scope): { items: ProjectItem[]; paths: string[] } {
  var project = app.project;
  if (!project || !project.rootItem) throw new Error('No project is open in Premiere Pro');
  if (scope === 'project') return { items: [project.rootItem], paths: [''] };
  if (scope !== 'selection') throw new Error('Unknown scope "' + scope + '": use "selection" or "project"');
  // Documented in the scripting guide, missing from types-for-adobe.
  var selected = (app as unknown as { getCurrentProjectViewSelection(): ProjectItem[] | null }).getCurrentProjectViewSelection();
  if (!selected || !selected.length) {
    throw new Error('Nothing is selected in the Project panel: select bins or clips, or rate the whole project');
  }
  var items: ProjectItem[] = [];
  var paths: string[] = [];
  for (var i = 0; i < selected.length; i++) {
    var it = selected[i];
    if (!it) continue;
    items.push(it);
    // A selected bin's own path excludes its name (collectLeaves appends it).
    paths.push(binPathFromTreePath(it.treePath));
  }
  return { items: items, paths: paths };
}

/** The ProjectItem with this nodeId, or null. Uses the walk's index; re-walks the project when the id is unknown or stale. */
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
  index = {};
  var project = app.project;
  if (!project || !project.rootItem) return null;
  collectLeaves([project.rootItem], ['']);
  return hasOwn(index, id) ? index[id] : null;
}
