// Premiere Pro simulator: a project tree built from a plain description, the documented scripting
// DOM over it (dom.ts), and an ES3 ExtendScript context (es3-context.ts) in which the BUILT host
// script runs exactly as the panel drives it: evalScript(code) → string.
//
//   const sim = createPremiereSim({ items: [{ bin: 'Day 1', children: [{ clip: 'A001', path: '/f/A001.mov' }] }] });
//   sim.loadHostScript();                       // build/host/cliptriage.jsx, as the manifest's ScriptPath
//   sim.evalScript(buildHostCall('listClips', ['project']));   // → the JSON reply text
//   sim.select(['A001']); sim.item('A001').colorLabel; sim.snapshot(); sim.log
//   createPremiereSim({ items, readings: { collectionBase: 1 } })  // a documented alternative (readings.ts)
//   sim.calls.reset(); …; sim.calls.total()     // the script's reads and calls on the DOM (boundary.ts)
//
// Used by the host-script tests and by the panel's browser harness (a Node process answering the
// panel's evalScript calls).

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Boundary } from './boundary';
import { createExtendScriptContext } from './es3-context';
import {
  ItemKind,
  MutationLogEntry,
  ProjectItemType,
  SimFailures,
  SimHost,
  SimProject,
  SimProjectItem,
  Time,
  XMPMeta,
} from './dom';
import type { ApiReadings } from './readings';
import { CsxsEventDelivered, CsxsListener, SimEvents } from './events';
import { PRIVATE_NS, propKey } from './xmp';

export { SimProjectItem, SimProject, Time, ProjectItemType, PRIVATE_NS, Boundary };
export type { MutationLogEntry, SimFailures, ItemKind, ApiReadings, CsxsEventDelivered, CsxsListener };
export { ALTERNATIVE_READINGS, eachReading, READING_VALUES } from './readings';

export interface MarkerSpec {
  start: number;
  end?: number;
  name?: string;
  comments?: string;
}

export interface BinSpec {
  bin: string;
  children?: ItemSpec[];
  label?: number;
}

export interface ClipSpec {
  clip: string;
  /** Media path; defaults to /media/<name>.mov for clips and files, none for synthetic items and sequences. */
  path?: string;
  kind?: ItemKind;
  durationSec?: number;
  /** Colour label 0–15; default 1 (Iris, Premiere's default for video). */
  label?: number;
  offline?: boolean;
  /** Markers already on the clip (the editor's). */
  markers?: MarkerSpec[];
  /** Private project metadata fields already set (property name → value). */
  metadata?: Record<string, string>;
  fail?: SimFailures;
}

export type ItemSpec = BinSpec | ClipSpec;

export interface PremiereSimOptions {
  items: ItemSpec[];
  projectName?: string;
  /** Names (or nodeIds) selected in the Project panel. */
  selection?: string[];
  appVersion?: string;
  /** False simulates a Premiere whose AdobeXMPScript library cannot be loaded. Default true. */
  xmpScript?: boolean;
  /** Which reading of an ambiguous document the simulator plays (readings.ts); defaults where omitted. */
  readings?: ApiReadings;
}

export interface PremiereSim {
  /** CSInterface.evalScript semantics: the script's completion value as a string; "EvalScript error." when it throws. */
  evalScript(code: string): string;
  /** Evaluates a host script file in the ExtendScript context (default: the built cliptriage.jsx). */
  loadHostScript(file?: string): void;
  app: SimApp;
  project: SimProject;
  /** The item with this name (first in tree order) or nodeId; throws when there is none. */
  item(nameOrId: string): SimProjectItem;
  /** Every item in tree order (root excluded). */
  items(): SimProjectItem[];
  /** Sets the Project panel selection (names or nodeIds). */
  select(namesOrIds: string[]): void;
  /**
   * Deep copy of the project tree's state (names, labels, metadata, markers with GUIDs) for exact
   * comparisons. The metadata schema is not part of it: Premiere has no call to unregister a column.
   */
  snapshot(): unknown;
  /** Every mutation the script made, in order. */
  log: MutationLogEntry[];
  /** The raw vm context (ExtendScript's global scope). */
  context: vm.Context;
  /** The script's reads, writes and calls on the DOM and XMPMeta since the last reset. */
  calls: Boundary;
  /**
   * The editor importing clips (File › Import) into a bin (by name; the project's top level when
   * omitted): the items are added, then Premiere fires onItemsAddedToProjectSuccess. Returns the new items.
   */
  importClips(clips: ItemSpec[], binName?: string): SimProjectItem[];
  /**
   * The editor deleting an item from the project. The object the script may still hold stays
   * readable (nothing documents that a deleted ProjectItem throws), so only a walk proves it gone.
   */
  deleteItem(nameOrId: string): void;
  /** CSInterface.addEventListener for the events the script dispatches (delivered asynchronously). */
  onCsxsEvent(listener: CsxsListener): () => void;
  /** app.bind / CSXS event bookkeeping (what is bound, what was dispatched, waiting for delivery). */
  events: SimEvents;
}

export class SimApp {
  version: string;
  build = '1';
  selection: SimProjectItem[] = [];
  readonly viewId = 'view-1';
  readonly sourceMonitor: { openProjectItem(item: SimProjectItem): void; getProjectItem(): SimProjectItem | undefined; opened: SimProjectItem | undefined };
  constructor(readonly project: SimProject, version: string) {
    this.version = version;
    const monitor = {
      opened: undefined as SimProjectItem | undefined,
      openProjectItem(item: SimProjectItem) {
        if (!(item instanceof SimProjectItem)) throw new Error('Illegal parameter type');
        monitor.opened = item;
      },
      getProjectItem() {
        return monitor.opened;
      },
    };
    this.sourceMonitor = monitor;
  }
  getCurrentProjectViewSelection(): SimProjectItem[] | null {
    return this.selection.length ? [...this.selection] : null;
  }
  getProjectViewIDs(): string[] {
    return [this.viewId];
  }
  getProjectFromViewID(id: string): SimProject | null {
    return id === this.viewId ? this.project : null;
  }
  getProjectViewSelection(id: string): SimProjectItem[] | null {
    return id === this.viewId ? this.getCurrentProjectViewSelection() : null;
  }
  /** PProPanel / d.ts: setProjectViewSelection(projectItems: Array<ProjectItem>, viewID: String). */
  setProjectViewSelection(items: SimProjectItem[], id: string): void {
    if (!Array.isArray(items) || !items.every((i) => i instanceof SimProjectItem) || typeof id !== 'string') {
      throw new Error('Illegal parameter type: setProjectViewSelection(projectItems: Array<ProjectItem>, viewID: String)');
    }
    if (id === this.viewId) this.selection = items.slice();
  }
  /** Calls to app.quit() (a host script must never make any). */
  quitCalls = 0;
  quit(): void {
    this.quitCalls++;
  }
  enableQE(): boolean {
    return false;
  }
  /** Messages written to the Events panel (setSDKEventMessage). */
  readonly sdkMessages: Array<{ message: string; decorator: string }> = [];
  setSDKEventMessage(message: string, decorator: string): boolean {
    this.sdkMessages.push({ message: String(message), decorator: String(decorator) });
    return true;
  }
  events: SimEvents | null = null;
  bind(eventName: string, fn: unknown): void {
    this.events!.bind(eventName, fn);
  }
  unbind(eventName: string): void {
    this.events!.unbind(eventName);
  }
}

const ROOT_DIR = path.resolve(__dirname, '..', '..');
export const BUILT_HOST_SCRIPT = path.join(ROOT_DIR, 'build', 'host', 'cliptriage.jsx');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Path of the built host script, (re)building it when host-scripts/ is newer. */
export function ensureHostScriptBuilt(): string {
  const sources = Math.max(
    newestSourceMtime(path.join(ROOT_DIR, 'host-scripts')),
    fs.statSync(path.join(ROOT_DIR, 'extension', 'contracts', 'report.ts')).mtimeMs,
    fs.statSync(path.join(ROOT_DIR, 'scripts', 'build-host.js')).mtimeMs,
  );
  if (!fs.existsSync(BUILT_HOST_SCRIPT) || fs.statSync(BUILT_HOST_SCRIPT).mtimeMs < sources) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildHost } = require(path.join(ROOT_DIR, 'scripts', 'build-host.js')) as { buildHost(out?: string): string };
    buildHost(BUILT_HOST_SCRIPT);
  }
  return BUILT_HOST_SCRIPT;
}

export function createPremiereSim(options: PremiereSimOptions): PremiereSim {
  const log: MutationLogEntry[] = [];
  let nextId = 0xf4240;
  const readings: ApiReadings = { ...(options.readings ?? {}) };
  const host: SimHost = {
    readings,
    newId: () => newId(),
    logMutation(op, item, detail) {
      log.push({ op, nodeId: item ? item.nodeId : '', detail });
    },
    isRegistered(property) {
      return project.schema.some((p) => p.name === property);
    },
    project: undefined as unknown as SimProject,
  };
  const project = new SimProject(host, options.projectName ?? 'Project.prproj');
  host.project = project;
  const newId = () => (nextId++).toString(16).padStart(8, '0');

  const rootType = readings.rootItemType === 'BIN' ? ProjectItemType.BIN : ProjectItemType.ROOT;
  const root = new SimProjectItem(host, newId(), project.name, rootType, 'root', '', false);
  project.rootItem = root;

  const add = (parent: SimProjectItem, spec: ItemSpec): SimProjectItem => {
    let item: SimProjectItem;
    if ('bin' in spec) {
      item = new SimProjectItem(host, newId(), spec.bin, ProjectItemType.BIN, 'bin', '', false);
      item.colorLabel = spec.label ?? 7;
      item.parent = parent;
      parent._children.push(item);
      for (const child of spec.children ?? []) add(item, child);
      return item;
    }
    const kind = spec.kind ?? 'clip';
    const hasFile = kind === 'clip' || kind === 'file' || kind === 'multicam' || kind === 'merged' || kind === 'subclip';
    const mediaPath = spec.path ?? (hasFile ? '/media/' + spec.clip + '.mov' : '');
    const type = kind === 'file' ? ProjectItemType.FILE : ProjectItemType.CLIP;
    item = new SimProjectItem(host, newId(), spec.clip, type, kind, mediaPath, spec.offline ?? false);
    item.colorLabel = spec.label ?? 1;
    item.outPoint = spec.durationSec ?? 10;
    item.failures = { ...(spec.fail ?? {}) };
    for (const [k, v] of Object.entries(spec.metadata ?? {})) item.metadata.set(propKey(PRIVATE_NS, k), v);
    for (const m of spec.markers ?? []) {
      const created = item.getMarkers().createMarker(m.start);
      created.name = m.name ?? '';
      created.comments = m.comments ?? '';
      if (m.end !== undefined) created.end = m.end;
    }
    item.createdMarkers = 0;
    item.parent = parent;
    parent._children.push(item);
    return item;
  };
  for (const spec of options.items) add(root, spec);
  log.length = 0; // building the project is not the script's doing

  const app = new SimApp(project, options.appVersion ?? '24.0.0');
  if (readings.setProjectViewSelection === false) {
    (app as unknown as { setProjectViewSelection: undefined }).setProjectViewSelection = undefined;
  }
  const events = new SimEvents(readings);
  app.events = events;
  if (readings.appUnbind === false) (app as unknown as { unbind: undefined }).unbind = undefined;
  const boundary = new Boundary();

  const allItems = (): SimProjectItem[] => {
    const out: SimProjectItem[] = [];
    const walk = (it: SimProjectItem) => {
      for (const c of it._children) {
        out.push(c);
        walk(c);
      }
    };
    walk(root);
    return out;
  };
  const find = (nameOrId: string): SimProjectItem => {
    const found = allItems().find((i) => i.nodeId === nameOrId) ?? allItems().find((i) => i.name === nameOrId);
    if (!found) throw new Error('No project item named ' + JSON.stringify(nameOrId));
    return found;
  };

  // ExternalObject: `new ExternalObject("lib:AdobeXMPScript")` is what makes XMPMeta exist.
  let context: vm.Context;
  function ExternalObject(this: unknown, lib: string) {
    if (String(lib) === 'lib:PlugPlugExternalObject') {
      // Loading PlugPlug is what defines CSXSEvent.
      context.CSXSEvent = boundary.expose(events.csxsEventClass());
      return this;
    }
    if (String(lib) !== 'lib:AdobeXMPScript' || options.xmpScript === false) throw new Error('ExternalObject: cannot load ' + lib);
    context.XMPMeta = boundary.expose(XMPMeta);
    return this;
  }
  (ExternalObject as unknown as { AdobeXMPScript: unknown }).AdobeXMPScript = undefined;

  context = createExtendScriptContext({
    app: boundary.expose(app),
    ProjectItemType,
    Time,
    ExternalObject,
    $: { writeln() {}, write() {}, sleep() {} },
  });
  vm.runInContext('$.global = this;', context);

  if (options.selection) app.selection = options.selection.map(find);

  return {
    evalScript(code: string): string {
      try {
        const result = vm.runInContext(String(code), context, { timeout: 30000 });
        return result === undefined ? 'undefined' : String(result);
      } catch {
        return 'EvalScript error.';
      }
    },
    loadHostScript(file?: string) {
      const p = file ?? ensureHostScriptBuilt();
      vm.runInContext(fs.readFileSync(p, 'utf8'), context, { filename: p });
    },
    app,
    project,
    item: find,
    items: allItems,
    select(namesOrIds: string[]) {
      app.selection = namesOrIds.map(find);
    },
    snapshot() {
      return JSON.parse(JSON.stringify(root.snapshot()));
    },
    log,
    context,
    calls: boundary,
    importClips(clips: ItemSpec[], binName?: string) {
      const bin = binName === undefined ? root : find(binName);
      if (bin.kind !== 'bin' && bin.kind !== 'root') throw new Error(JSON.stringify(binName) + ' is not a bin');
      const added = clips.map((c) => add(bin, c));
      events.fire('onItemsAddedToProjectSuccess', events.itemsAddedArgs(boundary.expose(project), added.map((i) => boundary.expose(i))));
      return added;
    },
    deleteItem(nameOrId: string) {
      const item = find(nameOrId);
      const siblings = item.parent!._children;
      siblings.splice(siblings.indexOf(item), 1);
      item.parent = null;
    },
    onCsxsEvent: (listener) => events.listen(listener),
    events,
  };
}
