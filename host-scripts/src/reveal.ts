// revealClip: opens the clip in the Source Monitor, where our markers mark the bad stretches, and
// selects it in the Project panel where this Premiere can. Selecting needs
// app.setProjectViewSelection, which PProPanel and its d.ts use but the guide's Application page
// does not list, so it is probed for, and the answer says whether it happened: the panel tells the
// editor when the clip could only be opened.

import { toArray } from './collection';
import { findItem } from './items';
import type { RevealResult } from '../contract';

interface ProjectViews {
  getProjectViewIDs?: () => string[];
  getProjectFromViewID?: (id: string) => Project | null;
  setProjectViewSelection?: (items: ProjectItem[], id: string) => void;
}

function selectInProjectPanel(item: ProjectItem): boolean {
  var views = app as unknown as ProjectViews;
  if (typeof views.setProjectViewSelection !== 'function' || typeof views.getProjectViewIDs !== 'function' || typeof views.getProjectFromViewID !== 'function') {
    return false;
  }
  var selected = false;
  try {
    var ids = toArray(views.getProjectViewIDs());
    var docId = String(app.project.documentID);
    for (var i = 0; i < ids.length; i++) {
      var p = views.getProjectFromViewID(ids[i]);
      if (p && String(p.documentID) === docId) {
        views.setProjectViewSelection([item], ids[i]);
        selected = true;
      }
    }
  } catch (e) {
    return false;
  }
  return selected;
}

export function revealClip(nodeId: string): RevealResult {
  var item = findItem(String(nodeId));
  if (!item) throw new Error('Clip not found in the project (it may have been deleted)');
  var selected = selectInProjectPanel(item);
  var opened = false;
  try {
    app.sourceMonitor.openProjectItem(item);
    opened = true;
  } catch (e) {
    // Reported through `opened`.
  }
  return { opened: opened, selected: selected };
}
