// What the project tree's items are. The root is recognised by identity (app.project.rootItem's
// nodeId), never by its type alone: the guide's Project page types it BIN, its ProjectItem page ROOT.

/** ProjectItemType values (the global ProjectItemType's BIN and ROOT). */
var BIN = 2;
var ROOT = 3;

export function rootItem(): ProjectItem {
  var project = app.project;
  if (!project || !project.rootItem) throw new Error('No project is open in Premiere Pro');
  return project.rootItem;
}

/** A bin or the root: something with children. `id` is the item's nodeId, already read. */
export function isContainer(item: ProjectItem, id: string, rootId: string): boolean {
  if (id === rootId) return true;
  var type = item.type;
  return type === BIN || type === ROOT;
}

export function joinPath(path: string, name: string): string {
  return path ? path + '/' + name : name;
}
