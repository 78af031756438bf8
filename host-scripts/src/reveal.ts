// revealClip: selects the clip in the Project panel (setProjectViewSelection on the views showing
// the active project) and opens it in the Source Monitor, where our markers mark the bad stretches.

import { findItem } from './items';

export function revealClip(nodeId: string): boolean {
  var item = findItem(String(nodeId));
  if (!item) throw new Error('Clip not found in the project (it may have been deleted)');
  var shown = false;
  try {
    var views = app.getProjectViewIDs();
    var docId = String(app.project.documentID);
    for (var i = 0; views && i < views.length; i++) {
      var p = app.getProjectFromViewID(views[i]);
      if (p && String(p.documentID) === docId) {
        app.setProjectViewSelection([item], views[i]);
        shown = true;
      }
    }
  } catch (e) {
    // Older Premiere without project-view selection: the Source Monitor still shows the clip.
  }
  try {
    app.sourceMonitor.openProjectItem(item);
    shown = true;
  } catch (e) {
    // Reported through the return value.
  }
  return shown;
}
