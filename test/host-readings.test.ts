// The host script under every reading Premiere's documents allow (issue 12, cases 3, 4, 5 and 7):
// collections indexed from 0 or 1, a root item typed ROOT or BIN, re-registering a column answered
// true or undefined, with and without app.setProjectViewSelection. Each test runs the built ES3
// script in the simulator playing one reading (test/premiere-sim/readings.ts).
import type { ClipRating } from '../host-scripts/contract';
import { call, callOk, col, OPTIONS, rating, simWithHost } from './host-helpers';
import { ALTERNATIVE_READINGS, ApiReadings, eachReading, ItemSpec, PremiereSim } from './premiere-sim';

const PROJECT: ItemSpec[] = [
  { clip: 'Root clip', durationSec: 12 },
  {
    bin: 'Day 1',
    children: [
      { clip: 'A001', durationSec: 12 },
      { bin: 'Interviews', children: [{ clip: 'I001', durationSec: 12 }, { clip: 'I002', durationSec: 12 }] },
      { clip: 'A002', durationSec: 12, label: 10 },
    ],
  },
  { bin: 'Day 2', children: [{ clip: 'B001', durationSec: 12 }, { clip: 'Edit', kind: 'sequence' }] },
];

const LISTED = [
  ['Root clip', ''],
  ['A001', 'Day 1'],
  ['I001', 'Day 1/Interviews'],
  ['I002', 'Day 1/Interviews'],
  ['A002', 'Day 1'],
  ['B001', 'Day 2'],
];

function ratingsFor(sim: PremiereSim, over: Partial<ClipRating> = {}): ClipRating[] {
  return LISTED.map(([name]) => rating(sim, name, over));
}

const STRUCTURE: Array<[string, ApiReadings]> = [
  ...eachReading('collectionBase'),
  ...eachReading('rootItemType'),
  ['every alternative at once', ALTERNATIVE_READINGS],
];

describe.each(STRUCTURE)('walking the project (%s)', (_label, readings) => {
  test('project scope lists every clip once, in panel order, with bin paths that never include the project', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    const r = callOk(sim, 'listClips', 'project');
    expect(r.clips.map((c) => [c.name, c.treePath])).toEqual(LISTED);
    expect(r.skipped.map((s) => [s.name, s.treePath])).toEqual([['Edit', 'Day 2']]);
  });

  test('paged listing gives the same clips as one call', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    const names: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = callOk(sim, 'listClips', 'project', { cursor, max: 2 });
      names.push(...page.clips.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(LISTED.map(([n]) => n));
  });

  test('a selected bin is walked with its path; rate, re-rate and clear by scope leave the project as it was', () => {
    const sim = simWithHost({ items: PROJECT, readings, selection: ['Interviews', 'B001'] });
    expect(callOk(sim, 'listClips', 'selection').clips.map((c) => [c.name, c.treePath])).toEqual([
      ['I001', 'Day 1/Interviews'],
      ['I002', 'Day 1/Interviews'],
      ['B001', 'Day 2'],
    ]);
    const before = sim.snapshot();
    callOk(sim, 'applyRatings', { ratings: ratingsFor(sim), options: OPTIONS });
    callOk(sim, 'applyRatings', { ratings: ratingsFor(sim, { verdict: 'check', segments: [{ startSec: 1, endSec: 2, flags: ['shaky'] }] }), options: OPTIONS });
    const cleared = callOk(sim, 'clearRatings', { scope: 'project' });
    expect(cleared.outcomes).toHaveLength(LISTED.length);
    expect(cleared.outcomes.every((o) => o.ok && !o.warning)).toBe(true);
    expect(sim.snapshot()).toEqual(before);
  });

  test('a nodeId the walk has not seen yet is found (a fresh host script, e.g. after the panel reloads)', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'I002')], options: OPTIONS });
    expect(r.outcomes[0].ok).toBe(true);
    expect(col(sim, 'I002', 'ClipTriageUsability')).toBe('Unusable');
  });
});

/** A project saved with ClipTriage's columns and reopened: the schema already has every name. */
function reopened(readings: ApiReadings): PremiereSim {
  const first = simWithHost({ items: PROJECT });
  callOk(first, 'applyRatings', { ratings: [rating(first, 'A001')], options: OPTIONS });
  const sim = simWithHost({ items: PROJECT, readings });
  for (const p of first.project.schema) sim.project.addPropertyToProjectMetadataSchema(p.name, p.label, p.type);
  for (const [key, value] of first.item('A001').metadata) sim.item('A001').metadata.set(key, value);
  sim.log.length = 0;
  return sim;
}

describe.each(eachReading('reRegisterReturns'))('re-registering columns a reopened project already has (%s)', (_label, readings) => {
  test('rating and clearing work; the columns are registered again, not refused', () => {
    const sim = reopened(readings);
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A002')], options: OPTIONS });
    expect(r.outcomes[0]).toMatchObject({ ok: true });
    expect(col(sim, 'A002', 'ClipTriageUsability')).toBe('Unusable');
    const c = callOk(sim, 'clearRatings', { scope: 'project' });
    expect(c.outcomes.map((o) => [o.nodeId, o.ok])).toEqual([
      [sim.item('A001').nodeId, true],
      [sim.item('A002').nodeId, true],
    ]);
    expect(col(sim, 'A001', 'ClipTriageUsability')).toBeUndefined();
    expect(sim.log.filter((e) => e.op === 'addPropertyToProjectMetadataSchema')).toHaveLength(8);
  });
});

test('a column Premiere will not register is reported per clip by the read-back, and nothing changes', () => {
  const sim = simWithHost({ items: PROJECT });
  sim.project.refuseNewColumns = true;
  const before = sim.snapshot();
  const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001'), rating(sim, 'B001')], options: OPTIONS });
  expect(r.outcomes.map((o) => [o.ok, o.message])).toEqual([
    [false, expect.stringMatching(/Nothing changed: could not save undo information\. Premiere did not store the "ClipTriage undo" column/)],
    [false, expect.stringMatching(/Nothing changed/)],
  ]);
  expect(sim.snapshot()).toEqual(before);
});

describe.each(eachReading('setProjectViewSelection'))('revealClip (%s)', (_label, readings) => {
  const canSelect = readings.setProjectViewSelection !== false;

  test('opens the clip in the Source Monitor and says whether it could also select it in the Project panel', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    const r = callOk(sim, 'revealClip', sim.item('A002').nodeId, 3.5);
    expect(r).toEqual({ opened: true, selected: canSelect });
    expect(sim.app.sourceMonitor.opened!.name).toBe('A002');
    expect(sim.app.selection.map((i) => i.name)).toEqual(canSelect ? ['A002'] : []);
  });

  test('a clip that is gone is a plain error', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    expect(call(sim, 'revealClip', 'no-such-node')).toEqual({ ok: false, error: expect.stringMatching(/Clip not found/) });
  });
});
