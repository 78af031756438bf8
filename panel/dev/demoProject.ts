// The simulated Premiere project the harness shows: demo clips in nested bins, plus the items a
// real project has that must be skipped (a sequence, a bars-and-tone item, an offline clip).
// The "Day 1" bin is selected, so Rate bin works the moment the page opens.

import { clipPath, ensureClips } from '../../test/fixtures/clips';
import { createPremiereSim, PremiereSim } from '../../test/premiere-sim';
import type { ItemSpec } from '../../test/premiere-sim';
import type { ProjectViewNode } from './harnessPage';
import type { SimulatedHost } from './harness';

/** The Footage column's XMP property (host-scripts/src/metadata.ts). */
const FOOTAGE_PROPERTY = 'ClipTriageFootage';

export interface DemoClip {
  /** Name shown in the project, e.g. "A003 blurry". */
  name: string;
  path: string;
  durationSec: number;
  /** Which bin under "Day 1" it goes in; 'Import' clips are not in the project: the Import clip button adds them. */
  bin: 'Interviews' | 'B-roll' | 'Night' | 'Scene 4' | 'Elsewhere' | 'Import';
  /** What the editor typed in the clip's Footage column, if anything. */
  footage?: string;
}

export const DEMO_SELECTION = ['Day 1'];

/** Demo clips: the shared fixture recipes (test/fixtures) under camera-roll-like names. */
export const DEMO_CLIPS: ReadonlyArray<{ recipe: string; name: string; bin: DemoClip['bin']; durationSec: number; footage?: string }> = [
  { recipe: 'sharp-steady', name: 'A001 interview wide', bin: 'Interviews', durationSec: 2 },
  { recipe: 'good-then-blurry', name: 'A002 interview, focus lost', bin: 'Interviews', durationSec: 4 },
  { recipe: 'defocus', name: 'A003 street, soft focus', bin: 'Interviews', durationSec: 3 },
  // Log footage 3.5 stops over: only its Footage column ("S-Log3") gets it rated as log, and flagged.
  { recipe: 'log-over', name: 'A004 interview, S-Log3', bin: 'Interviews', durationSec: 3, footage: 'S-Log3' },
  { recipe: 'sharp-pan', name: 'B001 market pan', bin: 'B-roll', durationSec: 3 },
  { recipe: 'shaky', name: 'B002 handheld walk', bin: 'B-roll', durationSec: 3 },
  { recipe: 'subject-motion', name: 'B003 cyclist passing', bin: 'B-roll', durationSec: 3 },
  { recipe: 'motion-blur', name: 'B004 whip pan', bin: 'B-roll', durationSec: 3 },
  { recipe: 'truncated', name: 'B005 card copy interrupted', bin: 'B-roll', durationSec: 4 },
  { recipe: 'dark', name: 'N001 alley, underexposed', bin: 'Night', durationSec: 3 },
  { recipe: 'bright', name: 'N002 neon sign, blown out', bin: 'Night', durationSec: 3 },
  // Three takes of one set-up: Rate bin groups them (Take group column), the steady one is best.
  { recipe: 'take-steady', name: 'S4 T1 wide, locked off', bin: 'Scene 4', durationSec: 2 },
  { recipe: 'take-handheld', name: 'S4 T2 wide, handheld', bin: 'Scene 4', durationSec: 2 },
  { recipe: 'take-soft', name: 'S4 T3 wide, focus missed', bin: 'Scene 4', durationSec: 2 },
  // Outside the selected bin: Rate bin leaves it alone, Rate project includes it.
  { recipe: 'smooth-pan', name: 'X001 tracking shot', bin: 'Elsewhere', durationSec: 3 },
  // Not in the project: the harness's Import clip button adds them to "Imports", in turn.
  { recipe: 'take-other-framing', name: 'C001 new card, terrace', bin: 'Import', durationSec: 2 },
  { recipe: 'take-other-scene', name: 'C002 new card, garden', bin: 'Import', durationSec: 2 },
];

/** The bin imported clips land in. */
export const IMPORT_BIN = 'Imports';

/** Generates (first run) or reuses the demo clips; returns them with their paths. */
export async function prepareDemoClips(recipes: ReadonlyArray<(typeof DEMO_CLIPS)[number]> = DEMO_CLIPS): Promise<DemoClip[]> {
  await ensureClips(recipes.map((c) => c.recipe));
  return recipes.map((c) => ({ name: c.name, path: clipPath(c.recipe), durationSec: c.durationSec, bin: c.bin, footage: c.footage }));
}

export function demoProjectItems(clips: DemoClip[]): ItemSpec[] {
  const inBin = (bin: DemoClip['bin']): ItemSpec[] =>
    clips
      .filter((c) => c.bin === bin)
      .map((c) => ({ clip: c.name, path: c.path, durationSec: c.durationSec, ...(c.footage ? { metadata: { [FOOTAGE_PROPERTY]: c.footage } } : {}) }));
  return [
    {
      bin: 'Day 1',
      children: [
        { bin: 'Interviews', children: inBin('Interviews') },
        { bin: 'B-roll', children: [...inBin('B-roll'), { bin: 'Night', children: inBin('Night') }] },
        { bin: 'Scene 4', children: inBin('Scene 4') },
        { clip: 'Day 1 assembly', kind: 'sequence' },
      ],
    },
    { bin: 'Elsewhere', children: inBin('Elsewhere') },
    { bin: IMPORT_BIN, children: [] },
    {
      bin: 'Graphics',
      children: [
        { clip: 'Bars and Tone', kind: 'synthetic' },
        { clip: 'Lost drive clip', path: '/Volumes/Gone/C0042.MP4', offline: true },
      ],
    },
  ];
}

export function createDemoSim(clips: DemoClip[], selection: string[] = DEMO_SELECTION): PremiereSim {
  const sim = createPremiereSim({ items: demoProjectItems(clips), projectName: 'Demo.prproj', selection });
  sim.loadHostScript();
  return sim;
}

interface SnapNode {
  nodeId: string;
  name: string;
  kind: string;
  label: number;
  metadata: Array<[string, string]>;
  markers: Array<{ name: string; start: number; end: number }>;
  inSec?: number;
  outSec?: number;
  children: SnapNode[];
}

const OUR_PREFIX = 'ClipTriage';

/** The simulator's snapshot, reduced to what a Project panel shows: labels, our columns, markers. */
export function projectView(snapshot: unknown): ProjectViewNode {
  const convert = (n: SnapNode): ProjectViewNode => {
    const columns: Record<string, string> = {};
    for (const [key, value] of n.metadata) {
      const name = key.slice(key.indexOf('\u0000') + 1);
      if (name.startsWith(OUR_PREFIX) && name !== `${OUR_PREFIX}Undo` && name !== `${OUR_PREFIX}TakeRecord`) columns[name.slice(OUR_PREFIX.length)] = value;
    }
    return {
      name: n.name,
      kind: n.kind,
      nodeId: n.nodeId,
      label: n.label,
      columns,
      markers: n.markers.map((m) => ({ name: m.name, startSec: m.start, endSec: m.end })),
      ...(n.inSec !== undefined && n.outSec !== undefined ? { range: { inSec: n.inSec, outSec: n.outSec } } : {}),
      children: n.children.map(convert),
    };
  };
  return convert(snapshot as SnapNode);
}

/** The harness's view of a simulator; with the demo clips, Import clip adds the 'Import' ones in turn (numbered again once all are in). */
export function simulatedHost(sim: PremiereSim, clips: DemoClip[] = []): SimulatedHost {
  const pool = clips.filter((c) => c.bin === 'Import');
  let imported = 0;
  return {
    evalScript: (s) => sim.evalScript(s),
    snapshot: () => projectView(sim.snapshot()),
    onEvent: (listener) => sim.onCsxsEvent((e) => listener({ type: e.type, data: e.data })),
    importClip: () => {
      if (!pool.length) return null;
      const c = pool[imported % pool.length];
      const round = Math.floor(imported / pool.length);
      imported++;
      const name = round ? `${c.name} (${round + 1})` : c.name;
      sim.importClips([{ clip: name, path: c.path, durationSec: c.durationSec }], IMPORT_BIN);
      return name;
    },
  };
}
