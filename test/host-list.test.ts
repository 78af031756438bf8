// listClips against the simulated Project panel: walks, skips with reasons, selection, paging.
import { call, callOk, simWithHost } from './host-helpers';
import { ALTERNATIVE_READINGS, ApiReadings, eachReading, ItemSpec } from './premiere-sim';
import type { ListClipsResult } from '../host-scripts/contract';

const PROJECT: ItemSpec[] = [
  { clip: 'Root clip', path: '/media/root.mov', durationSec: 4 },
  {
    bin: 'Day 1',
    children: [
      { clip: 'A001', path: '/media/day1/A001.mov', durationSec: 12.5 },
      {
        bin: 'Interviews',
        children: [
          { clip: 'I001', path: '/media/day1/int/I001.mov', label: 10 },
          { bin: 'Empty', children: [] },
          { clip: 'I002', path: '/media/day1/int/I002.mov', metadata: { ClipTriageFootage: 'S-Log3' } },
        ],
      },
      { clip: 'Edit v1', kind: 'sequence' },
      { clip: 'Cam A+B', kind: 'multicam' },
      { clip: 'Merged boom', kind: 'merged' },
    ],
  },
  {
    bin: 'Day 2',
    children: [
      { clip: 'B001', path: '/media/day2/B001.mov', offline: true },
      { clip: 'Bars and Tone', kind: 'synthetic' },
      { clip: 'B002', path: '/media/day2/B002.mov' },
    ],
  },
];

test('project scope walks nested bins in Project panel order with bin paths', () => {
  const sim = simWithHost({ items: PROJECT });
  const r = callOk(sim, 'listClips', 'project');
  expect(r.clips.map((c) => [c.name, c.treePath, c.mediaPath])).toEqual([
    ['Root clip', '', '/media/root.mov'],
    ['A001', 'Day 1', '/media/day1/A001.mov'],
    ['I001', 'Day 1/Interviews', '/media/day1/int/I001.mov'],
    ['I002', 'Day 1/Interviews', '/media/day1/int/I002.mov'],
    ['B002', 'Day 2', '/media/day2/B002.mov'],
  ]);
  const a001 = r.clips[1];
  expect(a001.nodeId).toBe(sim.item('A001').nodeId);
  expect(a001.durationSec).toBe(12.5);
  expect(a001.colorLabel).toBe(1);
  expect(r.clips[2].colorLabel).toBe(10);
  expect(a001.previousRating).toBeNull();
  // The Footage column, as the editor typed it; null where it is empty.
  expect(r.clips.map((c) => c.footageTag)).toEqual([null, null, null, 'S-Log3', null]);
  expect(r.total).toBe(10);
  expect(r.nextCursor).toBeNull();
});

test('sequences, multicam and merged clips, offline and synthetic items are skipped with their reason', () => {
  const sim = simWithHost({ items: PROJECT });
  const r = callOk(sim, 'listClips', 'project');
  // isSequence() is also true for multicam and merged clips: each must still get its own reason.
  expect(r.skipped.map((s) => [s.name, s.reason, s.treePath])).toEqual([
    ['Edit v1', 'sequence', 'Day 1'],
    ['Cam A+B', 'multicam', 'Day 1'],
    ['Merged boom', 'merged', 'Day 1'],
    ['B001', 'offline', 'Day 2'],
    ['Bars and Tone', 'synthetic', 'Day 2'],
  ]);
  for (const s of r.skipped) expect(s.message).toMatch(/\w/);
});

test('selection: a selected bin is walked recursively, a selected clip counts once', () => {
  const sim = simWithHost({ items: PROJECT, selection: ['Interviews', 'I002', 'B002'] });
  const r = callOk(sim, 'listClips', 'selection');
  expect(r.clips.map((c) => [c.name, c.treePath])).toEqual([
    ['I001', 'Day 1/Interviews'],
    ['I002', 'Day 1/Interviews'],
    ['B002', 'Day 2'],
  ]);
  expect(r.skipped).toEqual([]);
});

test('selection: a selected bin containing sequences reports them as skipped', () => {
  const sim = simWithHost({ items: PROJECT, selection: ['Day 1'] });
  const r = callOk(sim, 'listClips', 'selection');
  expect(r.clips.map((c) => c.name)).toEqual(['A001', 'I001', 'I002']);
  expect(r.skipped.map((s) => s.reason)).toEqual(['sequence', 'multicam', 'merged']);
});

test('an empty selection is a clear error, not an empty list', () => {
  const sim = simWithHost({ items: PROJECT });
  const r = call(sim, 'listClips', 'selection');
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error).toMatch(/Nothing is selected in the Project panel/);
});

test('an unknown scope is refused as data', () => {
  const sim = simWithHost({ items: PROJECT });
  const r = call(sim, 'listClips', 'everything' as never);
  expect(r).toEqual({ ok: false, error: expect.stringMatching(/Unknown scope/) });
});

test('paging returns the same items as one call, page by page, and an expired cursor is an error', () => {
  const sim = simWithHost({ items: PROJECT });
  const whole = callOk(sim, 'listClips', 'project');
  const clips: string[] = [];
  const skipped: string[] = [];
  let cursor: string | null | undefined = undefined;
  let pages = 0;
  do {
    const page: ListClipsResult = callOk(sim, 'listClips', 'project', { cursor, max: 3 });
    expect(page.clips.length + page.skipped.length).toBeLessThanOrEqual(3);
    // The walk is paged too: its size is known once it has ended.
    expect(page.total).toBe(page.nextCursor ? undefined : 10);
    clips.push(...page.clips.map((c) => c.nodeId));
    skipped.push(...page.skipped.map((s) => s.nodeId));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  expect(pages).toBe(4);
  expect(clips).toEqual(whole.clips.map((c) => c.nodeId));
  expect(skipped).toEqual(whole.skipped.map((s) => s.nodeId));

  const bad = call(sim, 'listClips', 'project', { cursor: 'w999:3' });
  expect(bad).toEqual({ ok: false, error: expect.stringMatching(/expired/) });
});

test('later pages walk on from where the last one stopped: no bin is read twice, no clip inspected twice', () => {
  const sim = simWithHost({ items: PROJECT });
  const whole = callOk(sim, 'listClips', 'project').clips.map((c) => c.name);
  sim.calls.reset();
  const names: string[] = [];
  let cursor: string | null | undefined = undefined;
  do {
    const p: ListClipsResult = callOk(sim, 'listClips', 'project', { cursor, max: 2 });
    names.push(...p.clips.map((c) => c.name));
    cursor = p.nextCursor;
  } while (cursor);
  expect(names).toEqual(whole);
  const calls = sim.calls.snapshot();
  // The root and its four bins (Day 1, Interviews, Empty, Day 2), each opened once over all pages.
  expect(calls['ProjectItem.children']).toBe(5);
  // Metadata read once per listed clip (skipped items never need it).
  expect(calls['ProjectItem.getProjectMetadata']).toBe(whole.length);
});

test('a bin the paged walk has not reached yet is read as it is when reached', () => {
  const sim = simWithHost({ items: PROJECT });
  const first = callOk(sim, 'listClips', 'project', { max: 2 });
  sim.item('Day 2')._children.length = 0;
  let cursor = first.nextCursor;
  const names = first.clips.map((c) => c.name);
  while (cursor) {
    const p: ListClipsResult = callOk(sim, 'listClips', 'project', { cursor, max: 2 });
    names.push(...p.clips.map((c) => c.name));
    cursor = p.nextCursor;
  }
  expect(names).toEqual(['Root clip', 'A001', 'I001', 'I002']);
});

// Premiere's treePath joins names with a backslash, and a name may contain one itself; the decoy
// bins "Cam A" > "B" are where splitting treePath would put the clips of the bin "Cam A\B".
const SLASHED: ItemSpec[] = [
  {
    bin: 'Day 1',
    children: [
      { clip: 'shot\\take 2' },
      { bin: 'Cam A\\B', children: [{ clip: 'C001' }, { bin: 'Sub', children: [{ clip: 'S001' }] }] },
    ],
  },
  { bin: 'Cam A', children: [{ bin: 'B', children: [{ clip: 'decoy' }] }] },
  { clip: '\\lead\\' },
];

const WALKS: Array<[string, ApiReadings]> = [['documented defaults', {}], ...eachReading('collectionBase'), ...eachReading('rootItemType'), ['every alternative at once', ALTERNATIVE_READINGS]];

describe.each(WALKS)('bin paths come from the walk, never from splitting treePath (%s)', (_label, readings) => {
  test.each([
    [['shot\\take 2'], [['shot\\take 2', 'Day 1']]],
    [['Cam A\\B'], [['C001', 'Day 1/Cam A\\B'], ['S001', 'Day 1/Cam A\\B/Sub']]],
    [['S001', 'decoy', '\\lead\\'], [['S001', 'Day 1/Cam A\\B/Sub'], ['decoy', 'Cam A/B'], ['\\lead\\', '']]],
    [['Sub', 'C001'], [['S001', 'Day 1/Cam A\\B/Sub'], ['C001', 'Day 1/Cam A\\B']]],
  ])('selection %j', (selection, expected) => {
    const sim = simWithHost({ items: SLASHED, readings, selection });
    expect(callOk(sim, 'listClips', 'selection').clips.map((c) => [c.name, c.treePath])).toEqual(expected);
  });

  test('a backslash in the project file name changes nothing', () => {
    const sim = simWithHost({ items: SLASHED, readings, projectName: 'Client\\Job 7.prproj', selection: ['C001'] });
    expect(callOk(sim, 'listClips', 'selection').clips.map((c) => c.treePath)).toEqual(['Day 1/Cam A\\B']);
  });

  test('project scope', () => {
    const sim = simWithHost({ items: SLASHED, readings });
    expect(callOk(sim, 'listClips', 'project').clips.map((c) => [c.name, c.treePath])).toEqual([
      ['shot\\take 2', 'Day 1'],
      ['C001', 'Day 1/Cam A\\B'],
      ['S001', 'Day 1/Cam A\\B/Sub'],
      ['decoy', 'Cam A/B'],
      ['\\lead\\', ''],
    ]);
  });
});

test('previousRating reads back what applyRatings stored', () => {
  const sim = simWithHost({ items: PROJECT });
  const id = sim.item('A001').nodeId;
  callOk(sim, 'applyRatings', {
    ratings: [{ nodeId: id, verdict: 'check', quality: 61.6, flags: ['shaky'], segments: [], ratedBy: 'ClipTriage 0.1.0' }],
    options: { labelMap: { usable: 5, check: 7, unusable: 6 }, overrideManualLabels: false, writeMarkers: true, writeLabels: true },
  });
  const r = callOk(sim, 'listClips', 'project');
  expect(r.clips.find((c) => c.nodeId === id)!.previousRating).toEqual({ usability: 'Check', quality: 62, issues: 'Shaky', rated: 'ClipTriage 0.1.0' });
});
