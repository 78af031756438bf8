// The Premiere Pro scripting DOM, as documented (ppro-scripting.docsforadobe.dev) and typed
// (types-for-adobe Premiere/24.0), including the documented quirks the host script must live with:
// - isSequence() is true for sequences AND multicam AND merged clips;
// - getMediaPath() is "" for synthetic media (bars, mattes, leaders) and bins;
// - setProjectMetadata(xmp, fields) stores only the listed fields, and only those registered with
//   addPropertyToProjectMetadataSchema (or Premiere's own Column.* fields);
// - Marker.start/end are Time objects, set by assigning seconds ("not a complete replacement Time");
// - getCurrentProjectViewSelection() returns null when nothing is selected;
// - createSubClip(name, start, end, hasHardBoundaries, takeVideo, takeAudio) makes the subclip in
//   the source clip's own bin; createBin only works on bins; deleteBin deletes a bin AND ALL ITS
//   CONTENTS, after which the deleted items are invalid objects (reading them throws).
// Where the documents disagree or say nothing, readings.ts names the alternatives and the
// simulator plays the one it is given.

import { randomUUID } from 'node:crypto';
import type { ApiReadings } from './readings';
import { createBin, createSubClip, deleteBin, moveBin } from './binOps';
import { counted, SimSequence, SimTrackItem } from './sequences';
import { PRIVATE_NS, XMPMeta, parsePacket, propKey, serializePacket } from './xmp';

export const TICKS_PER_SECOND = 254016000000;

export const ProjectItemType = Object.freeze({ CLIP: 1, BIN: 2, ROOT: 3, FILE: 4 });

export class Time {
  private _seconds = 0;
  get seconds(): number {
    return this._seconds;
  }
  set seconds(v: number) {
    this._seconds = Number(v);
  }
  get ticks(): string {
    return String(Math.round(this._seconds * TICKS_PER_SECOND));
  }
  set ticks(v: string) {
    this._seconds = Number(v) / TICKS_PER_SECOND;
  }
  static fromSeconds(s: number): Time {
    const t = new Time();
    t.seconds = s;
    return t;
  }
}

export type ItemKind = 'clip' | 'sequence' | 'multicam' | 'merged' | 'synthetic' | 'file' | 'subclip';

/** A mutation the host script made, in order (for "undo data before the change" checks). */
export interface MutationLogEntry {
  op:
    | 'setProjectMetadata'
    | 'setColorLabel'
    | 'createMarker'
    | 'deleteMarker'
    | 'markerEdit'
    | 'addPropertyToProjectMetadataSchema'
    | 'createBin'
    | 'createSubClip'
    | 'moveBin'
    | 'deleteBin';
  nodeId: string;
  detail: unknown;
}

export interface SimFailures {
  /** setProjectMetadata stores nothing (a locked / read-only item). */
  metadataWrites?: boolean;
  /** setColorLabel throws. */
  labelWrites?: boolean;
  /** createMarker throws after this many markers were created on the item. */
  markerCreatesAfter?: number;
  /**
   * deleteMarker does not delete: 'throw' throws; 'quietly' returns false (undefined where the
   * reading says deleteMarker returns void) and leaves the marker.
   */
  markerDeletes?: 'throw' | 'quietly';
  /** createSubClip answers 0 (creation failed) after this many subclips were made of the item. */
  subClipsAfter?: number;
  /** moveBin leaves this item where it is. */
  moves?: boolean;
}

export function illegal(what: string): Error {
  return new Error('Illegal parameter type: ' + what);
}

export class SimMarker {
  readonly _guid: string = randomUUID();
  name = '';
  comments = '';
  type = 'Comment';
  private _start: Time;
  private _end: Time;
  private _color = 0;
  constructor(private owner: SimProjectItem, seconds: number) {
    this._start = Time.fromSeconds(seconds);
    this._end = Time.fromSeconds(seconds);
  }
  get guid(): string {
    return this._guid;
  }
  get start(): Time {
    return Time.fromSeconds(this._start.seconds);
  }
  set start(v: unknown) {
    if (typeof v === 'number') this._start = Time.fromSeconds(v);
    this.owner.sim.logMutation('markerEdit', this.owner, { guid: this._guid, start: v });
  }
  get end(): Time {
    return Time.fromSeconds(this._end.seconds);
  }
  set end(v: unknown) {
    // Documented: "pass a Seconds value, not a complete replacement Time". Anything else is ignored.
    if (typeof v === 'number') this._end = Time.fromSeconds(v);
    this.owner.sim.logMutation('markerEdit', this.owner, { guid: this._guid, end: v });
  }
  setTypeAsComment(): void {
    this.type = 'Comment';
  }
  setTypeAsChapter(): void {
    this.type = 'Chapter';
  }
  setTypeAsSegmentation(): void {
    this.type = 'Segmentation';
  }
  setColorByIndex(i: number): void {
    this._color = i;
  }
  getColorByIndex(): number {
    return this._color;
  }
  snapshot() {
    return { guid: this._guid, name: this.name, comments: this.comments, type: this.type, start: this._start.seconds, end: this._end.seconds, color: this._color };
  }
}

export class SimMarkerCollection {
  constructor(private owner: SimProjectItem) {}
  get numMarkers(): number {
    return this.owner.markers.length;
  }
  private sorted(): SimMarker[] {
    return [...this.owner.markers].sort((a, b) => a.start.seconds - b.start.seconds);
  }
  createMarker(seconds: number): SimMarker {
    if (typeof seconds !== 'number' || !isFinite(seconds)) throw illegal('createMarker(seconds: Number)');
    const f = this.owner.failures;
    if (f.markerCreatesAfter !== undefined && this.owner.createdMarkers >= f.markerCreatesAfter) {
      throw new Error('Marker could not be created');
    }
    const m = new SimMarker(this.owner, Number(seconds));
    this.owner.markers.push(m);
    this.owner.createdMarkers++;
    this.owner.sim.logMutation('createMarker', this.owner, { guid: m.guid, start: Number(seconds) });
    return m;
  }
  deleteMarker(marker: SimMarker): boolean | undefined {
    if (!(marker instanceof SimMarker)) throw illegal('deleteMarker(marker: Marker)');
    const returnsVoid = this.owner.sim.readings.deleteMarkerReturns === 'void';
    const answer = (deleted: boolean) => (returnsVoid ? undefined : deleted);
    const failure = this.owner.failures.markerDeletes;
    if (failure === 'throw') throw new Error('Marker could not be deleted');
    const i = this.owner.markers.indexOf(marker);
    if (failure === 'quietly' || i < 0) return answer(false);
    this.owner.markers.splice(i, 1);
    this.owner.sim.logMutation('deleteMarker', this.owner, { guid: marker.guid });
    return answer(true);
  }
  getFirstMarker(): SimMarker | undefined {
    return this.sorted()[0];
  }
  getLastMarker(): SimMarker | undefined {
    const s = this.sorted();
    return s[s.length - 1];
  }
  getNextMarker(m: SimMarker): SimMarker | undefined {
    const s = this.sorted();
    const i = s.indexOf(m);
    return i < 0 ? undefined : s[i + 1];
  }
  getPrevMarker(m: SimMarker): SimMarker | undefined {
    const s = this.sorted();
    const i = s.indexOf(m);
    return i <= 0 ? undefined : s[i - 1];
  }
}

export interface SimHost {
  newId(): string;
  logMutation(op: MutationLogEntry['op'], item: SimProjectItem | null, detail: unknown): void;
  isRegistered(property: string): boolean;
  project: SimProject;
  readings: ApiReadings;
}

/** ProjectItem.children: indexed from 0 or from 1, whichever reading the simulator plays. */
export class SimProjectItemCollection {
  readonly numItems: number;
  [index: number]: SimProjectItem;
  constructor(items: SimProjectItem[], base: number) {
    this.numItems = items.length;
    items.forEach((item, i) => (this[base + i] = item));
  }
}

export class SimProjectItem {
  readonly _nodeId: string;
  parent: SimProjectItem | null = null;
  readonly _children: SimProjectItem[] = [];
  markers: SimMarker[] = [];
  createdMarkers = 0;
  /** Private project metadata: key = ns + NUL + property name. */
  metadata = new Map<string, string>();
  colorLabel = 1;
  failures: SimFailures = {};
  inPoint = 0;
  outPoint = 0;

  constructor(
    readonly sim: SimHost,
    nodeId: string,
    public name: string,
    private readonly _type: number,
    readonly kind: ItemKind | 'bin' | 'root',
    readonly mediaPath: string,
    public offline: boolean,
  ) {
    this._nodeId = nodeId;
    this.metadata.set(propKey(PRIVATE_NS, 'Column.Intrinsic.Name'), name);
    if (mediaPath) this.metadata.set(propKey(PRIVATE_NS, 'Column.Intrinsic.FilePath'), mediaPath);
  }

  /** Set by deleteBin: Premiere's scripting objects for deleted items are invalid. */
  deleted = false;
  madeSubClips = 0;

  get nodeId(): string {
    if (this.deleted) throw new Error('Object is invalid');
    return this._nodeId;
  }
  get type(): number {
    return this._type;
  }
  get treePath(): string {
    const names: string[] = [];
    for (let it: SimProjectItem | null = this; it && it.kind !== 'root'; it = it.parent) names.unshift(it.name);
    return '\\' + this.sim.project.name + '\\' + names.join('\\');
  }
  get children(): SimProjectItemCollection {
    return new SimProjectItemCollection(this._children, this.sim.readings.collectionBase ?? 0);
  }
  getMediaPath(): string {
    return this.kind === 'bin' || this.kind === 'root' || this.kind === 'synthetic' || this.kind === 'sequence' ? '' : this.mediaPath;
  }
  isSequence(): boolean {
    return this.kind === 'sequence' || this.kind === 'multicam' || this.kind === 'merged';
  }
  isMulticamClip(): boolean {
    return this.kind === 'multicam';
  }
  isMergedClip(): boolean {
    return this.kind === 'merged';
  }
  isOffline(): boolean {
    return this.offline;
  }
  getColorLabel(): number {
    return this.colorLabel;
  }
  setColorLabel(label: number): number {
    if (this.failures.labelWrites) throw new Error('Label could not be changed');
    const n = Number(label);
    if (!(n >= 0 && n <= 15 && Math.floor(n) === n)) return 1;
    this.colorLabel = n;
    this.sim.logMutation('setColorLabel', this, { label: n });
    return 0;
  }
  getMarkers(): SimMarkerCollection {
    return new SimMarkerCollection(this);
  }
  getInPoint(): Time {
    return Time.fromSeconds(this.inPoint);
  }
  getOutPoint(): Time {
    return Time.fromSeconds(this.outPoint);
  }
  getProjectMetadata(): string {
    return serializePacket(this.metadata);
  }
  setProjectMetadata(buffer: string, updatedFields: string[]): number {
    const fields = Array.from(updatedFields as ArrayLike<string>, String);
    this.sim.logMutation('setProjectMetadata', this, { fields });
    if (this.failures.metadataWrites) return 1;
    const incoming = parsePacket(String(buffer));
    for (const field of fields) {
      // Only registered columns (and Premiere's own Column.* fields) persist.
      if (!field.startsWith('Column.') && !this.sim.isRegistered(field)) continue;
      const key = propKey(PRIVATE_NS, field);
      const v = incoming.get(key);
      if (v === undefined) this.metadata.delete(key);
      else this.metadata.set(key, v);
    }
    return 0;
  }
  select(): number {
    return 0;
  }
  isBinLike(): boolean {
    return this.kind === 'bin' || this.kind === 'root';
  }
  hardBoundaries = false;
  /** Guide: "Creates an empty bin, within the project item. Only works within bins." */
  createBin(name: string): SimProjectItem | number {
    return createBin(this, arguments.length, name);
  }
  /** Guide: createSubClip(name, startTime, endTime, hasHardBoundaries, takeVideo, takeAudio); "Returns a project item representing the new subclip, or 0". */
  createSubClip(name: string, start: unknown, end: unknown, hard: number, takeVideo?: number, takeAudio?: number): SimProjectItem | number {
    return createSubClip(this, arguments.length, name, start, end, hard, takeVideo, takeAudio);
  }
  /** moveBin(newParentBinProjectItem): "Returns 0 if move was successful." */
  moveBin(dest: SimProjectItem): number {
    return moveBin(this, arguments.length, dest);
  }
  /** Deletes a bin, AND ALL ITS CONTENTS, from the project. "Returns 0 if deletion was successful." */
  deleteBin(): number {
    return deleteBin(this, arguments.length);
  }
  /** Deep state for exact before/after comparisons. */
  snapshot(): unknown {
    return {
      nodeId: this._nodeId,
      name: this.name,
      type: this._type,
      kind: this.kind,
      label: this.colorLabel,
      metadata: [...this.metadata.entries()].sort(),
      markers: [...this.markers].map((m) => m.snapshot()).sort((a, b) => a.start - b.start || a.guid.localeCompare(b.guid)),
      ...(this.kind === 'subclip' ? { inSec: this.inPoint, outSec: this.outPoint } : {}),
      children: this._children.map((c) => c.snapshot()),
    };
  }
}

export interface SchemaProperty {
  name: string;
  label: string;
  type: number;
}

export class SimProject {
  rootItem!: SimProjectItem;
  readonly schema: SchemaProperty[] = [];
  readonly documentID: string = randomUUID();
  readonly path: string;
  /** A Premiere that will not add columns to this project's schema (returns undefined). */
  refuseNewColumns = false;
  readonly sequenceList: SimSequence[] = [];
  /** Project.sequences: a SequenceCollection (numSequences, indexed like every collection). */
  get sequences(): unknown {
    return counted(this.sequenceList, 'numSequences', this.host.readings.collectionBase ?? 0);
  }
  /** Test helper: a sequence with these items cut into its first video track (and, as linked sound, its first audio track). */
  cutIntoSequence(name: string, items: SimProjectItem[]): SimSequence {
    const seq = new SimSequence(this.host, name);
    for (const it of items) {
      seq.video[0].items.push(new SimTrackItem(it, it.name));
      seq.audio[0].items.push(new SimTrackItem(it, it.name));
    }
    this.sequenceList.push(seq);
    return seq;
  }
  constructor(private host: SimHost, readonly name: string) {
    this.path = '/projects/' + name;
  }
  /** Documented: "true if successful, undefined if unsuccessful"; types 0 Integer, 1 Real, 2 Text, 3 Boolean. */
  addPropertyToProjectMetadataSchema(name: string, label: string, type: number): boolean | undefined {
    if (typeof name !== 'string' || typeof label !== 'string' || typeof type !== 'number') {
      throw illegal('addPropertyToProjectMetadataSchema(name: String, label: String, type: Number)');
    }
    this.host.logMutation('addPropertyToProjectMetadataSchema', null, { name, label, type });
    if (!/^[A-Za-z_][A-Za-z0-9_.\-]*$/.test(name) || !(type >= 0 && type <= 3 && Math.floor(type) === type)) return undefined;
    if (this.schema.some((p) => p.name === name)) return this.host.readings.reRegisterReturns === 'undefined' ? undefined : true;
    if (this.refuseNewColumns) return undefined;
    this.schema.push({ name, label, type });
    return true;
  }
}

export { XMPMeta };
