// ProjectItem's bin and subclip calls in the simulator (dom.ts keeps one-line methods that call
// these): createBin, createSubClip, moveBin and deleteBin as the guide documents them, strict about
// argument count and types like Premiere's scripting bridge ("Illegal parameter type").

import { illegal, ProjectItemType, SimProjectItem, TICKS_PER_SECOND, Time } from './dom';

/** Guide: "Creates an empty bin, within the project item. Only works within bins." Returns the bin (or 0, on the older page's reading). */
export function createBin(self: SimProjectItem, n: number, name: string): SimProjectItem | number {
  if (n !== 1 || typeof name !== 'string') throw illegal('createBin(name: String)');
  if (!self.isBinLike() || self.deleted) return 0;
  const bin = new SimProjectItem(self.sim, self.sim.newId(), name, ProjectItemType.BIN, 'bin', '', false);
  bin.parent = self;
  self._children.push(bin);
  self.sim.logMutation('createBin', self, { name, nodeId: bin._nodeId });
  return self.sim.readings.createBinReturns === 'zero' ? 0 : bin;
}

/**
 * createSubClip(name: String, startTime, endTime, hasHardBoundaries: Integer, takeVideo?: Integer,
 * takeAudio?: Integer): start/end as the reading says (strings of ticks, or Time objects). The
 * subclip is made in the source's own bin. Returns it, or 0 if creation failed.
 */
export function createSubClip(self: SimProjectItem, n: number, name: string, start: unknown, end: unknown, hard: number, takeVideo?: number, takeAudio?: number): SimProjectItem | number {
  const flag = (v: unknown) => v === 0 || v === 1;
  const times = self.sim.readings.subClipTimes ?? 'ticks';
  const timeOk = (v: unknown) => (times === 'ticks' ? typeof v === 'string' && /^\d+$/.test(v) : v instanceof Time);
  if (n < 4 || n > 6 || typeof name !== 'string' || !timeOk(start) || !timeOk(end) || !flag(hard) || (n > 4 && !flag(takeVideo)) || (n > 5 && !flag(takeAudio))) {
    const t = times === 'ticks' ? 'String (ticks)' : 'Time';
    throw illegal(`createSubClip(name: String, startTime: ${t}, endTime: ${t}, hasHardBoundaries: Integer, takeVideo: Integer, takeAudio: Integer)`);
  }
  const sec = (v: unknown) => (times === 'ticks' ? Number(v) / TICKS_PER_SECOND : (v as Time).seconds);
  const a = sec(start);
  const b = sec(end);
  const f = self.failures;
  if (self.deleted || !(self.kind === 'clip' || self.kind === 'file' || self.kind === 'subclip') || !(a >= self.inPoint && b > a && b <= self.outPoint + 1e-9)) return 0;
  if (f.subClipsAfter !== undefined && self.madeSubClips >= f.subClipsAfter) return 0;
  const sub = new SimProjectItem(self.sim, self.sim.newId(), name, ProjectItemType.CLIP, 'subclip', self.mediaPath, false);
  sub.inPoint = a;
  sub.outPoint = b;
  sub.hardBoundaries = hard === 1;
  sub.colorLabel = self.colorLabel;
  if (self.sim.readings.subClipMetadata === 'copied') {
    for (const [k, v] of self.metadata) if (!k.endsWith('\u0000Column.Intrinsic.Name')) sub.metadata.set(k, v);
  }
  const home = self.parent ?? self.sim.project.rootItem;
  sub.parent = home;
  home._children.push(sub);
  self.madeSubClips++;
  self.sim.logMutation('createSubClip', self, { name, start: a, end: b, nodeId: sub._nodeId });
  return sub;
}

/** moveBin(newParentBinProjectItem): "Returns 0 if move was successful." */
export function moveBin(self: SimProjectItem, n: number, dest: SimProjectItem): number {
  if (n !== 1 || !(dest instanceof SimProjectItem)) throw illegal('moveBin(newParentBin: ProjectItem)');
  if (self.deleted || dest.deleted || !dest.isBinLike() || self.kind === 'root' || self.failures.moves === false) return 1;
  for (let it: SimProjectItem | null = dest; it; it = it.parent) if (it === self) return 1;
  const from = self.parent!;
  from._children.splice(from._children.indexOf(self), 1);
  self.parent = dest;
  dest._children.push(self);
  self.sim.logMutation('moveBin', self, { to: dest._nodeId });
  return 0;
}

/** Deletes a bin, AND ALL ITS CONTENTS, from the project; what it held becomes invalid objects. */
export function deleteBin(self: SimProjectItem, n: number): number {
  if (n !== 0) throw illegal('deleteBin()');
  if (self.kind !== 'bin' || self.deleted) return 1;
  const parent = self.parent!;
  parent._children.splice(parent._children.indexOf(self), 1);
  const invalidate = (it: SimProjectItem) => {
    it.deleted = true;
    it._children.forEach(invalidate);
  };
  self.sim.logMutation('deleteBin', self, { name: self.name });
  invalidate(self);
  return 0;
}
