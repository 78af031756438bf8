// clearRatings never removes what ClipTriage cannot prove it wrote (issue 12, cases 1 and 2): a
// value the editor typed in one of our columns stays, and a marker Premiere did not delete stays
// recorded so the next Clear tries again. Runs the built ES3 host script in the simulator.
import type { ClearTarget } from '../host-scripts/contract';
import { callOk, col, OPTIONS, rating, simWithHost } from './host-helpers';
import { eachReading, ItemSpec, PremiereSim, PRIVATE_NS } from './premiere-sim';

const COLUMNS = ['ClipTriageUsability', 'ClipTriageQuality', 'ClipTriageIssues', 'ClipTriageRated'];

function type(sim: PremiereSim, name: string, property: string, value: string): void {
  // The editor typing in the Project panel: Premiere stores it, no script involved.
  sim.item(name).metadata.set(PRIVATE_NS + '\u0000' + property, value);
}

const byScope: ClearTarget = { scope: 'project' };
const targets: Array<[string, (sim: PremiereSim) => ClearTarget]> = [
  ['by scope', () => byScope],
  ['by nodeIds', (sim) => ({ nodeIds: [sim.item('C1').nodeId] })],
];

describe.each(targets)('Clear %s keeps what the editor typed', (_label, target) => {
  test('a clip ClipTriage never rated keeps the value the editor typed in Usability', () => {
    const sim = simWithHost({ items: [{ clip: 'C1', metadata: { ClipTriageUsability: 'Keep' } }] });
    const before = sim.snapshot();
    callOk(sim, 'clearRatings', target(sim));
    expect(sim.snapshot()).toEqual(before);
  });

  test('column values without an undo record (a write that failed half way) are not ours to remove', () => {
    const values = { ClipTriageUsability: 'Unusable', ClipTriageQuality: '23', ClipTriageIssues: 'Blurry', ClipTriageRated: 'ClipTriage 0.1.0' };
    const sim = simWithHost({ items: [{ clip: 'C1', metadata: values }] });
    const before = sim.snapshot();
    callOk(sim, 'clearRatings', target(sim));
    expect(sim.snapshot()).toEqual(before);
  });

  test('a second Clear leaves the "Keep" the editor typed after the first', () => {
    const sim = simWithHost({ items: [{ clip: 'C1' }] });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'C1')], options: OPTIONS });
    callOk(sim, 'clearRatings', target(sim));
    expect(col(sim, 'C1', 'ClipTriageUsability')).toBeUndefined();
    type(sim, 'C1', 'ClipTriageUsability', 'Keep');
    callOk(sim, 'clearRatings', target(sim));
    expect(col(sim, 'C1', 'ClipTriageUsability')).toBe('Keep');
  });

  test('a column the editor retyped after the rating stays; the columns still holding our values are restored', () => {
    const sim = simWithHost({ items: [{ clip: 'C1' }] });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'C1')], options: OPTIONS });
    type(sim, 'C1', 'ClipTriageUsability', 'Keep');
    const r = callOk(sim, 'clearRatings', target(sim));
    expect(r.outcomes).toEqual([expect.objectContaining({ ok: true, markersRemoved: 2, labelRestored: true })]);
    expect(COLUMNS.map((c) => col(sim, 'C1', c))).toEqual(['Keep', undefined, undefined, undefined]);
    expect(col(sim, 'C1', 'ClipTriageUndo')).toBeUndefined();
  });

  test('re-rating over what the editor typed: Clear brings their value back, not an empty column', () => {
    const sim = simWithHost({ items: [{ clip: 'C1', metadata: { ClipTriageIssues: 'Soft on purpose' } }] });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'C1')], options: OPTIONS });
    type(sim, 'C1', 'ClipTriageUsability', 'Keep');
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'C1', { verdict: 'check', quality: 60 })], options: OPTIONS });
    expect(col(sim, 'C1', 'ClipTriageUsability')).toBe('Check');
    callOk(sim, 'clearRatings', target(sim));
    expect(COLUMNS.map((c) => col(sim, 'C1', c))).toEqual(['Keep', undefined, 'Soft on purpose', undefined]);
  });
});

const TWO_CLIPS: ItemSpec[] = [{ clip: 'C1', durationSec: 12 }, { clip: 'C2', durationSec: 12 }];

function undoMarkers(sim: PremiereSim, name: string): string[] {
  const text = col(sim, name, 'ClipTriageUndo');
  return text ? (JSON.parse(text) as { markers: string[] }).markers : [];
}

describe.each(eachReading('deleteMarkerReturns'))('a marker Premiere does not delete (%s)', (_label, readings) => {
  test.each([['throws'], ['fails quietly']] as const)('re-rating: when deleteMarker %s, the old marker stays recorded, with a warning', (how) => {
    const sim = simWithHost({ items: TWO_CLIPS, readings });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'C1')], options: OPTIONS });
    const old = sim.item('C1').markers.map((m) => m.guid);
    sim.item('C1').failures = { markerDeletes: how === 'throws' ? 'throw' : 'quietly' };
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'C1', { segments: [{ startSec: 4, endSec: 5, flags: ['shaky'] }] })], options: OPTIONS });
    expect(r.outcomes[0]).toMatchObject({ ok: true, markersAdded: 1, warning: expect.stringMatching(/2 marker\(s\) from the previous rating could not be removed/) });
    expect(undoMarkers(sim, 'C1')).toEqual(expect.arrayContaining(old));
    expect(undoMarkers(sim, 'C1')).toHaveLength(3);
  });

  test.each([['throws'], ['fails quietly']] as const)('Clear: when deleteMarker %s, the undo record keeps the marker and the next Clear removes it', (how) => {
    const sim = simWithHost({ items: TWO_CLIPS, readings });
    const before = sim.snapshot();
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'C1'), rating(sim, 'C2')], options: OPTIONS });
    sim.item('C1').failures = { markerDeletes: how === 'throws' ? 'throw' : 'quietly' };
    const first = callOk(sim, 'clearRatings', byScope);
    expect(first.outcomes.map((o) => [o.ok, o.markersRemoved, o.warning])).toEqual([
      [true, 0, expect.stringMatching(/2 marker\(s\) could not be removed/)],
      [true, 2, undefined],
    ]);
    // Label and columns are back already; only the markers are left, and still ours on record.
    expect(sim.item('C1').colorLabel).toBe(1);
    expect(COLUMNS.map((c) => col(sim, 'C1', c))).toEqual([undefined, undefined, undefined, undefined]);
    expect(undoMarkers(sim, 'C1')).toHaveLength(2);

    sim.item('C1').failures = {};
    const second = callOk(sim, 'clearRatings', byScope);
    expect(second.outcomes.map((o) => [o.nodeId, o.ok, o.markersRemoved])).toEqual([[sim.item('C1').nodeId, true, 2]]);
    expect(sim.snapshot()).toEqual(before);
  });
});
