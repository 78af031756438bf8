// ExtendScript runs on Premiere's UI thread, so every host call must stay short however big the
// project is. What a call costs there is the DOM it touches: the simulator counts every read,
// write and call the host script makes on Premiere's objects (test/premiere-sim/boundary.ts). The
// per-clip count must not grow with the project, and no single call may grow with it either.
// These are counts, not timings, so they mean the same on any machine.
import type { ClipRating, ListClipsResult } from '../host-scripts/contract';
import { callOk, OPTIONS, simWithHost } from './host-helpers';
import type { ItemSpec, PremiereSim } from './premiere-sim';

/** The panel's page and chunk sizes (panel/state/ratingSession.ts, panel/state/settings.ts). */
const PAGE = 200;
const CHUNK = 4;
const CLIPS_PER_BIN = 50;
/** Per-clip counts may differ by this fraction between a small and a large project (bin overhead, rounding). */
const PER_CLIP_TOLERANCE = 0.02;

function projectOf(clips: number): ItemSpec[] {
  const bins: ItemSpec[] = [];
  for (let b = 0; b * CLIPS_PER_BIN < clips; b++) {
    const children: ItemSpec[] = [];
    for (let c = b * CLIPS_PER_BIN; c < Math.min(clips, (b + 1) * CLIPS_PER_BIN); c++) children.push({ clip: `C${c}`, durationSec: 12 });
    bins.push({ bin: `Card ${b}`, children: [{ bin: 'Clips', children }] });
  }
  return bins;
}

function ratingOf(nodeId: string): ClipRating {
  return {
    nodeId,
    verdict: 'unusable',
    quality: 20,
    flags: ['blurry'],
    segments: [{ startSec: 0, endSec: 2, flags: ['blurry'] }, { startSec: 5, endSec: 6, flags: ['blurry'] }],
    ratedBy: 'ClipTriage test',
  };
}

/** What a sequence of host calls touched: per clip, and the most any single call touched. */
class Cost {
  private total = 0;
  maxCall = 0;
  constructor(private readonly sim: PremiereSim, private readonly clips: number) {}

  /** Runs one host call and counts what it touched. */
  call<T>(fn: () => T): T {
    this.sim.calls.reset();
    const result = fn();
    const n = this.sim.calls.total();
    this.total += n;
    this.maxCall = Math.max(this.maxCall, n);
    return result;
  }

  get perClip(): number {
    return this.total / this.clips;
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

interface Run {
  list: Cost;
  apply: Cost;
  clear: Cost;
  multiCamProbes: number;
}

/** Lists, rates and clears the whole project the way the panel does: pages and chunks. */
function run(clips: number): Run {
  const sim = simWithHost({ items: projectOf(clips) });
  const list = new Cost(sim, clips);
  const apply = new Cost(sim, clips);
  const clear = new Cost(sim, clips);
  let multiCamProbes = 0;
  const probes = () => (multiCamProbes += sim.calls.total(/isMultiCamClip/));

  const listed: string[] = [];
  let cursor: string | null | undefined;
  do {
    const page: ListClipsResult = list.call(() => callOk(sim, 'listClips', 'project', { cursor, max: PAGE }));
    probes();
    listed.push(...page.clips.map((c) => c.nodeId));
    cursor = page.nextCursor;
  } while (cursor);
  expect(listed).toHaveLength(clips);

  for (const ids of chunks(listed, CHUNK)) {
    const r = apply.call(() => callOk(sim, 'applyRatings', { ratings: ids.map(ratingOf), options: OPTIONS }));
    probes();
    expect(r.outcomes.every((o) => o.ok)).toBe(true);
  }
  for (const ids of chunks(listed, CHUNK)) {
    const r = clear.call(() => callOk(sim, 'clearRatings', { nodeIds: ids }));
    probes();
    expect(r.outcomes.every((o) => o.ok && o.markersRemoved === 2)).toBe(true);
  }
  return { list, apply, clear, multiCamProbes };
}

let small: Run;
let large: Run;
beforeAll(() => {
  small = run(400);
  large = run(4000);
});

test.each(['list', 'apply', 'clear'] as const)('%s: DOM touches per clip are the same in a 400- and a 4,000-clip project', (what) => {
  const a = small[what].perClip;
  const b = large[what].perClip;
  expect(Math.abs(b - a) / a).toBeLessThanOrEqual(PER_CLIP_TOLERANCE);
});

test.each(['list', 'apply', 'clear'] as const)('%s: no single call touches more of a 4,000-clip project than of a 400-clip one', (what) => {
  expect(large[what].maxCall).toBeLessThanOrEqual(small[what].maxCall * (1 + PER_CLIP_TOLERANCE));
});

test('the undocumented isMultiCamClip is never read (the documented name is isMulticamClip)', () => {
  expect(small.multiCamProbes).toBe(0);
  expect(large.multiCamProbes).toBe(0);
});
