// makeSelects / clearSelects against the simulated Premiere, running the built ES3 host script:
// subclips of the usable stretches in ClipTriage Selects (sub-bins mirroring the source bins), their
// columns, replacing instead of duplicating, all-or-nothing per clip, and a Clear that removes only
// what ClipTriage made. Under every reading of the documents that differ (readings.ts).
import { call, callOk, col, simWithHost } from './host-helpers';
import { ALTERNATIVE_READINGS, ApiReadings, eachReading, ItemSpec, PremiereSim, SimProjectItem } from './premiere-sim';
import type { ClipSelectsRequest } from '../host-scripts/contract';

const PROJECT: ItemSpec[] = [
  { bin: 'Day 1', children: [{ bin: 'Interviews', children: [{ clip: 'A001.mov', path: '/media/A001.mov', durationSec: 12 }] }, { clip: 'A002.mov', durationSec: 8 }] },
  { clip: 'B001.mov', durationSec: 6 },
  { bin: 'Editor subclips', children: [{ clip: 'my pick', kind: 'subclip', path: '/media/A001.mov', durationSec: 3 }] },
];

const BY = 'ClipTriage 0.1.0';

function request(sim: PremiereSim, name: string, ranges: Array<[number, number, number?]>, over: Partial<ClipSelectsRequest> = {}): ClipSelectsRequest {
  return {
    nodeId: sim.item(name).nodeId,
    selects: ranges.map(([a, b, q], i) => ({ name: `${name} · select ${i + 1} (${a}–${b})`, startSec: a, endSec: b, quality: q ?? 90 })),
    ratedBy: BY,
    camera: 'hand-held',
    ...over,
  };
}

/** The bin at this path from the project root ("ClipTriage Selects/Day 1"), or undefined. */
function binAt(sim: PremiereSim, path: string): SimProjectItem | undefined {
  let at: SimProjectItem | undefined = sim.project.rootItem;
  for (const name of path.split('/')) at = at?._children.find((c) => c.kind === 'bin' && c.name === name);
  return at;
}

const names = (bin: SimProjectItem | undefined) => (bin ? bin._children.map((c) => c.name) : undefined);

const READINGS: Array<[string, ApiReadings]> = [
  ['documented defaults', {}],
  ...eachReading('subClipTimes'),
  ...eachReading('createBinReturns'),
  ...eachReading('subClipMetadata'),
  ['every alternative at once', ALTERNATIVE_READINGS],
];

describe.each(READINGS)('Make selects and Clear selects (%s)', (_label, readings) => {
  test('each stretch becomes a subclip in ClipTriage Selects, in a sub-bin mirroring its clip\'s bin, with its columns', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    const sourceBins = JSON.stringify([names(binAt(sim, 'Day 1')), names(binAt(sim, 'Day 1/Interviews')), names(sim.project.rootItem)]);
    const result = callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[0, 4.5, 97], [7.2, 12, 81]]), request(sim, 'B001.mov', [[1, 6]], { camera: null })] });
    expect(result.outcomes).toEqual([
      { nodeId: sim.item('A001.mov').nodeId, ok: true, made: 2, replaced: 0 },
      { nodeId: sim.item('B001.mov').nodeId, ok: true, made: 1, replaced: 0 },
    ]);
    expect(names(binAt(sim, 'ClipTriage Selects/Day 1/Interviews'))).toEqual(['A001.mov · select 1 (0–4.5)', 'A001.mov · select 2 (7.2–12)']);
    expect(names(binAt(sim, 'ClipTriage Selects'))).toEqual(['Day 1', 'B001.mov · select 1 (1–6)']);
    // The source bins hold what they held: the subclips were made there and moved out.
    expect(JSON.stringify([names(binAt(sim, 'Day 1')), names(binAt(sim, 'Day 1/Interviews')), names(sim.project.rootItem)!.filter((n) => n !== 'ClipTriage Selects')])).toBe(sourceBins);

    const first = sim.item('A001.mov · select 1 (0–4.5)');
    expect(first.kind).toBe('subclip');
    expect([first.inPoint, first.outPoint, first.getMediaPath(), first.hardBoundaries]).toEqual([0, 4.5, '/media/A001.mov', false]);
    const second = sim.item('A001.mov · select 2 (7.2–12)');
    expect(second.inPoint).toBeCloseTo(7.2, 9);
    expect(col(sim, 'A001.mov · select 1 (0–4.5)', 'ClipTriageUsability')).toBe('Usable');
    expect(col(sim, 'A001.mov · select 1 (0–4.5)', 'ClipTriageQuality')).toBe('97');
    expect(col(sim, 'A001.mov · select 2 (7.2–12)', 'ClipTriageQuality')).toBe('81');
    expect(col(sim, 'A001.mov · select 1 (0–4.5)', 'ClipTriageIssues')).toBe('None');
    expect(col(sim, 'A001.mov · select 1 (0–4.5)', 'ClipTriageCamera')).toBe('Hand-held');
    expect(col(sim, 'B001.mov · select 1 (1–6)', 'ClipTriageCamera')).toBeUndefined();
    expect(col(sim, 'A001.mov · select 1 (0–4.5)', 'ClipTriageRated')).toBe(BY);
    expect(col(sim, 'A001.mov · select 1 (0–4.5)', 'ClipTriageUndo')).toBeUndefined();
    expect(JSON.parse(col(sim, 'A001.mov · select 1 (0–4.5)', 'ClipTriageSelect')!)).toEqual({ v: 1, media: '/media/A001.mov', bin: 'Day 1/Interviews', startSec: 0, endSec: 4.5 });
    // The source clips themselves are not changed.
    expect(col(sim, 'A001.mov', 'ClipTriageSelect')).toBeUndefined();

    // Listing skips our subclips (their source clip is what gets rated), not the editor's.
    const listing = callOk(sim, 'listClips', 'project');
    expect(listing.clips.map((c) => c.name).sort()).toEqual(['A001.mov', 'A002.mov', 'B001.mov', 'my pick']);
    expect(listing.skipped.filter((s) => s.reason === 'select').map((s) => s.name).sort()).toEqual(['A001.mov · select 1 (0–4.5)', 'A001.mov · select 2 (7.2–12)', 'B001.mov · select 1 (1–6)']);
  });

  test('Make selects again replaces a clip\'s subclips, never duplicates them; Clear selects then leaves the project exactly as before', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    const before = sim.snapshot();
    callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[0, 4.5], [7.2, 12]]), request(sim, 'A002.mov', [[0, 8]])] });
    const old = sim.item('A001.mov · select 1 (0–4.5)');
    const again = callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[1, 5], [6, 9], [10, 12]])] });
    expect(again.outcomes).toEqual([{ nodeId: sim.item('A001.mov').nodeId, ok: true, made: 3, replaced: 2 }]);
    expect(old.deleted).toBe(true);
    expect(names(binAt(sim, 'ClipTriage Selects/Day 1/Interviews'))).toEqual(['A001.mov · select 1 (1–5)', 'A001.mov · select 2 (6–9)', 'A001.mov · select 3 (10–12)']);
    expect(names(binAt(sim, 'ClipTriage Selects/Day 1'))).toEqual(['Interviews', 'A002.mov · select 1 (0–8)']); // other clips' selects stay
    // Nothing usable any more: the clip's selects go.
    expect(callOk(sim, 'makeSelects', { clips: [request(sim, 'A002.mov', [])] }).outcomes[0]).toMatchObject({ ok: true, made: 0, replaced: 1 });
    // A clip with nothing usable gets no bin of ours; one whose selects all went leaves none behind.
    callOk(sim, 'makeSelects', { clips: [request(sim, 'B001.mov', [])] });
    expect(names(binAt(sim, 'ClipTriage Selects'))).toEqual(['Day 1']);
    callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [])] });
    expect(names(binAt(sim, 'ClipTriage Selects'))).toEqual([]);
    callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[1, 5], [6, 9], [10, 12]])] });

    const cleared = callOk(sim, 'clearSelects');
    expect(cleared).toEqual({ found: true, removed: 3, binDeleted: true, kept: [] });
    expect(sim.snapshot()).toEqual(before);
    expect(callOk(sim, 'clearSelects')).toEqual({ found: false, removed: 0, binDeleted: false, kept: [] });
  });

  test('a clip whose subclips cannot all be made gets none, and keeps its earlier selects', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[0, 4]])] });
    sim.item('A001.mov').failures.subClipsAfter = 2; // one more, then Premiere answers 0
    const r = callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[0, 3], [5, 9]]), request(sim, 'B001.mov', [[0, 6]])] });
    expect(r.outcomes[0]).toMatchObject({ ok: false, made: 0, replaced: 0 });
    expect(r.outcomes[0].message).toMatch(/^No selects made: Premiere did not make the subclip "A001.mov · select 2 \(5–9\)".*The earlier selects of this clip were kept\.$/);
    expect(r.outcomes[1]).toMatchObject({ ok: true, made: 1 });
    expect(names(binAt(sim, 'ClipTriage Selects/Day 1/Interviews'))).toEqual(['A001.mov · select 1 (0–4)']);
    expect(sim.items().filter((i) => i.kind === 'subclip').map((i) => i.name).sort()).toEqual(['A001.mov · select 1 (0–4)', 'B001.mov · select 1 (0–6)', 'my pick']);
  });
});

test('bad requests fail alone, with plain words; names are data', () => {
  const sim = simWithHost({ items: PROJECT });
  const hostile = '"); app.quit(); ("';
  const r = callOk(sim, 'makeSelects', {
    clips: [
      request(sim, 'A001.mov', [[5, 2]]),
      { ...request(sim, 'A002.mov', [[0, 3]]), camera: 'tripod' as never },
      { nodeId: 'nope', selects: [], ratedBy: BY },
      request(sim, 'my pick', [[0, 2]]),
      { ...request(sim, 'B001.mov', [[0, 2]]), selects: [{ name: hostile, startSec: 0, endSec: 2, quality: 50 }] },
    ],
  });
  expect(r.outcomes.map((o) => [o.ok, o.message])).toEqual([
    [false, 'No selects made: select 1 has an invalid time range'],
    [false, 'No selects made: unknown camera style "tripod"'],
    [false, 'Clip not found in the project (it may have been deleted)'],
    [true, undefined], // the editor's own subclip is a clip: it can have selects
    [true, undefined],
  ]);
  expect(sim.item(hostile).kind).toBe('subclip');
  expect(sim.app.quitCalls).toBe(0);
  // A stretch outside the clip: Premiere answers 0.
  const outside = callOk(sim, 'makeSelects', { clips: [request(sim, 'B001.mov', [[2, 60]])] }).outcomes[0];
  expect(outside.ok).toBe(false);
  expect(outside.message).toContain('Premiere did not make the subclip');
  expect(call(sim, 'makeSelects', null as never)).toEqual({ ok: false, error: 'makeSelects needs { clips: [...] }' });
});

test('hard boundaries when asked', () => {
  const sim = simWithHost({ items: PROJECT });
  callOk(sim, 'makeSelects', { clips: [request(sim, 'B001.mov', [[0, 2]])], hardBoundaries: true });
  expect(sim.item('B001.mov · select 1 (0–2)').hardBoundaries).toBe(true);
});

test('Clear selects leaves what the editor put in the bin, and says so; the editor\'s own subclips elsewhere are never touched', () => {
  const sim = simWithHost({ items: [...PROJECT, { clip: 'C001.mov', durationSec: 5 }] });
  callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[0, 4], [6, 10]]), request(sim, 'A002.mov', [[0, 8]]), request(sim, 'B001.mov', [[0, 6]])] });
  // The editor files a clip of theirs in our Interviews sub-bin and makes a bin of their own in ours.
  const top = binAt(sim, 'ClipTriage Selects')!;
  sim.item('C001.mov').moveBin(binAt(sim, 'ClipTriage Selects/Day 1/Interviews')!);
  top.createBin('Favourites');
  // …and drags one of our selects into it: still ours.
  sim.item('B001.mov · select 1 (0–6)').moveBin(binAt(sim, 'ClipTriage Selects/Favourites')!);
  const mine = sim.item('my pick').snapshot();

  const r = callOk(sim, 'clearSelects');
  expect(r).toEqual({ found: true, removed: 4, binDeleted: false, kept: ['C001.mov', 'Favourites'] });
  expect(names(binAt(sim, 'ClipTriage Selects'))).toEqual(['Day 1', 'Favourites']);
  expect(names(binAt(sim, 'ClipTriage Selects/Day 1'))).toEqual(['Interviews']);
  expect(names(binAt(sim, 'ClipTriage Selects/Day 1/Interviews'))).toEqual(['C001.mov']);
  expect(names(binAt(sim, 'ClipTriage Selects/Favourites'))).toEqual([]);
  expect(sim.items().filter((i) => i.kind === 'subclip').map((i) => i.name)).toEqual(['my pick']);
  expect(sim.item('my pick').snapshot()).toEqual(mine);
  // Nothing of ours is left: a second Clear removes nothing and keeps the same.
  expect(callOk(sim, 'clearSelects')).toEqual({ found: true, removed: 0, binDeleted: false, kept: ['C001.mov', 'Favourites'] });
});

test('the simulator is as strict as the documents: argument types and counts', () => {
  const sim = simWithHost({ items: PROJECT });
  const clip = sim.item('B001.mov');
  expect(() => clip.createSubClip('x', 0 as never, 2 as never, 0, 1, 1)).toThrow('Illegal parameter type');
  expect(() => (clip.createSubClip as (...a: unknown[]) => unknown)('x', '0', '254016000000')).toThrow('Illegal parameter type');
  expect(() => clip.createSubClip('x', '0', '254016000000', true as never)).toThrow('Illegal parameter type');
  expect(clip.createSubClip('x', '0', '254016000000', 0)).toBeInstanceOf(SimProjectItem);
  expect(() => (sim.project.rootItem.createBin as (...a: unknown[]) => unknown)()).toThrow('Illegal parameter type');
  expect(clip.createBin('inside a clip')).toBe(0);
  expect(clip.deleteBin()).toBe(1);
  expect(() => clip.moveBin('Day 1' as never)).toThrow('Illegal parameter type');
  const bin = binAt(sim, 'Day 1')!;
  expect(bin.deleteBin()).toBe(0);
  expect(() => sim.project.rootItem._children.length && bin.nodeId).toThrow('Object is invalid');
});

describe.each(eachReading('collectionBase'))('a select cut into a sequence is the editor\'s to keep (%s)', (_label, readings) => {
  test('Clear selects leaves it (and its bin); Make selects again keeps it beside the new ones and says why', () => {
    const sim = simWithHost({ items: PROJECT, readings });
    callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[0, 4], [6, 10]]), request(sim, 'B001.mov', [[0, 6]])] });
    sim.project.cutIntoSequence('Assembly', [sim.item('A001.mov · select 2 (6–10)')]);

    const again = callOk(sim, 'makeSelects', { clips: [request(sim, 'A001.mov', [[0, 5]])] }).outcomes[0];
    expect(again).toMatchObject({ ok: true, made: 1, replaced: 1 });
    expect(again.warning).toBe('earlier selects kept because they are cut into a sequence: A001.mov · select 2 (6–10) (in "Assembly")');
    expect(names(binAt(sim, 'ClipTriage Selects/Day 1/Interviews'))).toEqual(['A001.mov · select 2 (6–10)', 'A001.mov · select 1 (0–5)']);

    const cleared = callOk(sim, 'clearSelects');
    expect(cleared).toEqual({ found: true, removed: 2, binDeleted: false, kept: [], inUse: ['A001.mov · select 2 (6–10) (in "Assembly")'] });
    expect(names(binAt(sim, 'ClipTriage Selects'))).toEqual(['Day 1']);
    expect(names(binAt(sim, 'ClipTriage Selects/Day 1/Interviews'))).toEqual(['A001.mov · select 2 (6–10)']);
    expect(sim.item('A001.mov · select 2 (6–10)').deleted).toBe(false);
  });
});

test('when the sequences cannot be read, Clear selects removes nothing and says why', () => {
  const sim = simWithHost({ items: PROJECT });
  callOk(sim, 'makeSelects', { clips: [request(sim, 'B001.mov', [[0, 6]])] });
  Object.defineProperty(sim.project, 'sequences', { get: () => { throw new Error('Premiere is busy'); } });
  const before = sim.snapshot();
  expect(call(sim, 'clearSelects')).toEqual({ ok: false, error: 'Nothing was removed: the sequences could not be read (Premiere is busy), so ClipTriage cannot tell which selects are cut into a sequence' });
  expect(sim.snapshot()).toEqual(before);
});

test('one host call reads what is in the bin once, however many clips it makes selects for; two clips of one file share their selects', () => {
  const clips = ['C1', 'C2', 'C3', 'C4'];
  const sim = simWithHost({ items: [...clips.map((c) => ({ clip: c, durationSec: 12 })), { clip: 'C1 copy', path: '/media/C1.mov', durationSec: 12 }] });
  const three = (c: string) => request(sim, c, [[0, 3], [4, 7], [8, 11]]);
  callOk(sim, 'makeSelects', { clips: clips.map(three) });
  sim.calls.reset();
  callOk(sim, 'makeSelects', { clips: clips.map(three) });
  // 12 subclips in the bin read once, the 4 source clips checked, and each of the 12 new subclips written and read back.
  expect(sim.calls.snapshot()['ProjectItem.getProjectMetadata']).toBe(12 + 4 + 12 * 2);
  // A second master clip of the same file: its selects replace the first one's, within one call too.
  const both = callOk(sim, 'makeSelects', { clips: [three('C1'), request(sim, 'C1 copy', [[1, 2]])] }).outcomes;
  expect(both.map((o) => [o.made, o.replaced])).toEqual([[3, 3], [1, 3]]);
  expect(sim.items().filter((i) => i.kind === 'subclip' && i.getMediaPath() === '/media/C1.mov').map((i) => i.name)).toEqual(['C1 copy · select 1 (1–2)']);
});
