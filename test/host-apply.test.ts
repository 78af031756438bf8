// applyRatings / clearRatings / revealClip against the simulated Premiere DOM, running the built
// ES3 host script: columns, labels, markers, hand-set labels, exact undo, per-clip failures.
import { call, callOk, col, OPTIONS, rating, simWithHost } from './host-helpers';
import { PRIVATE_NS, ItemSpec } from './premiere-sim';
import type { ClipRating } from '../host-scripts/contract';

const FOREST = 5;
const ROSE = 6;
const MANGO = 7;
const TEAL = 10;

const BIN: ItemSpec[] = [
  {
    bin: 'Day 1',
    children: [
      { clip: 'A001', durationSec: 12 },
      { clip: 'A002', durationSec: 12 },
      { clip: 'A003', durationSec: 12, label: TEAL }, // the editor's own label
      {
        clip: 'A004',
        durationSec: 12,
        markers: [{ start: 2, end: 3, name: 'Good take', comments: 'director liked it' }],
        metadata: { 'Column.PropertyText.Comment': 'keep for the trailer' },
      },
    ],
  },
];

describe('columns', () => {
  test('registers Usability, Quality, Issues, Rated (and the editor\'s Footage column, and the take columns) once and writes them per clip', () => {
    const sim = simWithHost({ items: BIN });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001')], options: OPTIONS });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A002', { verdict: 'usable', quality: 88, flags: [], segments: [] })], options: OPTIONS });
    const registrations = sim.log.filter((e) => e.op === 'addPropertyToProjectMetadataSchema');
    expect(registrations).toHaveLength(sim.project.schema.length);
    expect(sim.project.schema.map((p) => [p.label, p.type])).toEqual([
      ['Usability', 2],
      ['Quality', 0],
      ['Issues', 2],
      ['Rated', 2],
      ['ClipTriage undo', 2],
      ['Footage', 2],
      ['Camera', 2],
      ['ClipTriage select', 2],
      ['Take group', 2],
      ['ClipTriage takes', 2],
    ]);
    expect(col(sim, 'A001', 'ClipTriageUsability')).toBe('Unusable');
    expect(col(sim, 'A001', 'ClipTriageQuality')).toBe('23');
    expect(col(sim, 'A001', 'ClipTriageIssues')).toBe('Blurry, Dark');
    expect(col(sim, 'A001', 'ClipTriageRated')).toBe('ClipTriage 0.1.0 (blur b1, exposure e1)');
    expect(col(sim, 'A002', 'ClipTriageUsability')).toBe('Usable');
    expect(col(sim, 'A002', 'ClipTriageIssues')).toBe('None');
    // Premiere's own and the editor's columns are untouched.
    expect(col(sim, 'A004', 'Column.PropertyText.Comment')).toBe('keep for the trailer');
  });

  test('Camera column: the camera style in words, rewritten on re-rating, removed by Clear', () => {
    const sim = simWithHost({ items: BIN });
    const id = sim.item('A001').nodeId;
    const words: Array<[ClipRating['camera'], string | undefined]> = [['locked-off', 'Locked off'], ['smooth-move', 'Smooth move'], ['hand-held', 'Hand-held'], ['shaky', 'Shaky'], [null, undefined]];
    for (const [camera, word] of words) {
      const o = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001', { camera })], options: OPTIONS }).outcomes[0];
      expect([o.ok, o.cameraKept, col(sim, 'A001', 'ClipTriageCamera')]).toEqual([true, undefined, word]);
    }
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001', { camera: 'hand-held' })], options: OPTIONS });
    callOk(sim, 'clearRatings', { nodeIds: [id] });
    expect(col(sim, 'A001', 'ClipTriageCamera')).toBeUndefined();
    const bad = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001', { camera: 'tripod' as never })], options: OPTIONS }).outcomes[0];
    expect(bad).toMatchObject({ ok: false, message: 'Rating not applied: unknown camera style "tripod"' });
  });

  test('Camera column: a value the editor typed is never written over, and Clear leaves it', () => {
    const sim = simWithHost({ items: [{ clip: 'gimbal', durationSec: 12, metadata: { ClipTriageCamera: 'Gimbal' } }, { clip: 'later', durationSec: 12 }] });
    const o = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'gimbal', { camera: 'shaky' })], options: OPTIONS }).outcomes[0];
    expect([o.ok, o.cameraKept]).toEqual([true, true]);
    expect(col(sim, 'gimbal', 'ClipTriageCamera')).toBe('Gimbal');
    expect(col(sim, 'gimbal', 'ClipTriageUsability')).toBe('Unusable');
    // Typed over ours after a rating: theirs from then on.
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'later', { camera: 'shaky' })], options: OPTIONS });
    sim.item('later').metadata.set(PRIVATE_NS + '\u0000ClipTriageCamera', 'Steadicam');
    expect(callOk(sim, 'applyRatings', { ratings: [rating(sim, 'later', { camera: 'locked-off' })], options: OPTIONS }).outcomes[0].cameraKept).toBe(true);
    expect(col(sim, 'later', 'ClipTriageCamera')).toBe('Steadicam');
    callOk(sim, 'clearRatings', { nodeIds: [sim.item('gimbal').nodeId, sim.item('later').nodeId] });
    expect([col(sim, 'gimbal', 'ClipTriageCamera'), col(sim, 'later', 'ClipTriageCamera')]).toEqual(['Gimbal', 'Steadicam']);
    expect(col(sim, 'gimbal', 'ClipTriageUsability')).toBeUndefined();
  });

  test('the Footage column is the editor\'s: rating and clearing leave it as typed', () => {
    const sim = simWithHost({ items: [{ clip: 'log clip', durationSec: 12, metadata: { ClipTriageFootage: 'V-Log' } }] });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'log clip')], options: OPTIONS });
    expect(col(sim, 'log clip', 'ClipTriageUsability')).toBe('Unusable');
    expect(col(sim, 'log clip', 'ClipTriageFootage')).toBe('V-Log');
    callOk(sim, 'clearRatings', { nodeIds: [sim.item('log clip').nodeId] });
    expect(col(sim, 'log clip', 'ClipTriageUsability')).toBeUndefined();
    expect(col(sim, 'log clip', 'ClipTriageFootage')).toBe('V-Log');
  });

  test('a metadata write Premiere ignores is reported for that clip; the others are rated', () => {
    const sim = simWithHost({
      items: [{ clip: 'ok 1' }, { clip: 'locked', fail: { metadataWrites: true } }, { clip: 'ok 2' }],
    });
    const before = sim.snapshot();
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'ok 1'), rating(sim, 'locked'), rating(sim, 'ok 2')], options: OPTIONS });
    expect(r.outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(r.outcomes[1].message).toMatch(/Nothing changed.*undo.*ClipTriage undo/);
    // The locked clip is exactly as it was: no label, no markers.
    const lockedBefore = (before as { children: { name: string }[] }).children.find((c) => c.name === 'locked');
    const lockedAfter = (sim.snapshot() as { children: { name: string }[] }).children.find((c) => c.name === 'locked');
    expect(lockedAfter).toEqual(lockedBefore);
    expect(sim.item('ok 2').colorLabel).toBe(ROSE);
  });
});

describe('colour labels', () => {
  test('follow the verdict map; a label the editor set by hand is kept', () => {
    const sim = simWithHost({ items: BIN });
    const r = callOk(sim, 'applyRatings', {
      ratings: [
        rating(sim, 'A001', { verdict: 'usable', segments: [] }),
        rating(sim, 'A002', { verdict: 'check' }),
        rating(sim, 'A003', { verdict: 'unusable' }),
        rating(sim, 'A004', { verdict: 'unusable' }),
      ],
      options: OPTIONS,
    });
    expect(sim.item('A001').colorLabel).toBe(FOREST);
    expect(sim.item('A002').colorLabel).toBe(MANGO);
    expect(sim.item('A003').colorLabel).toBe(TEAL);
    expect(sim.item('A004').colorLabel).toBe(ROSE);
    expect(r.outcomes.map((o) => [o.labelChanged, o.labelKept])).toEqual([
      [true, false],
      [true, false],
      [false, true],
      [true, false],
    ]);
    // The kept clip is still rated.
    expect(col(sim, 'A003', 'ClipTriageUsability')).toBe('Unusable');
  });

  test('a hand-set label is replaced when the editor asks for it, and restored by clear', () => {
    const sim = simWithHost({ items: BIN });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A003')], options: { ...OPTIONS, overrideManualLabels: true } });
    expect(sim.item('A003').colorLabel).toBe(ROSE);
    callOk(sim, 'clearRatings', { nodeIds: [sim.item('A003').nodeId] });
    expect(sim.item('A003').colorLabel).toBe(TEAL);
  });

  test('a custom label map and custom default labels are honoured', () => {
    const sim = simWithHost({ items: [{ clip: 'C1', label: 4 }, { clip: 'C2', label: 1 }] });
    callOk(sim, 'applyRatings', {
      ratings: [rating(sim, 'C1', { verdict: 'check' }), rating(sim, 'C2', { verdict: 'check' })],
      options: { ...OPTIONS, labelMap: { usable: 13, check: 15, unusable: 11 }, defaultLabels: [4] },
    });
    expect(sim.item('C1').colorLabel).toBe(15); // Cerulean is a default here
    expect(sim.item('C2').colorLabel).toBe(1); // Iris is not: treated as hand-set
  });

  test('re-rating moves our own label; a label the editor changed after us is theirs', () => {
    const sim = simWithHost({ items: BIN });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001', { verdict: 'usable' }), rating(sim, 'A002', { verdict: 'usable' })], options: OPTIONS });
    sim.item('A002').setColorLabel(12); // editor relabels A002 by hand (Tan)
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001', { verdict: 'unusable' }), rating(sim, 'A002', { verdict: 'unusable' })], options: OPTIONS });
    expect(sim.item('A001').colorLabel).toBe(ROSE);
    expect(sim.item('A002').colorLabel).toBe(12);
    expect(r.outcomes[1].labelKept).toBe(true);
    // Clear leaves the editor's label alone but still removes our columns and markers.
    const c = callOk(sim, 'clearRatings', { scope: 'project' });
    expect(sim.item('A001').colorLabel).toBe(1);
    expect(sim.item('A002').colorLabel).toBe(12);
    expect(c.outcomes.map((o) => [o.ok, o.labelRestored])).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(col(sim, 'A002', 'ClipTriageUsability')).toBeUndefined();
    expect(sim.item('A002').markers).toHaveLength(0);
  });

  test('writeLabels:false leaves every label alone', () => {
    const sim = simWithHost({ items: BIN });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001')], options: { ...OPTIONS, writeLabels: false } });
    expect(sim.item('A001').colorLabel).toBe(1);
    expect(sim.log.some((e) => e.op === 'setColorLabel')).toBe(false);
  });

  test('a label write that fails is reported and the clip is rolled back; the batch goes on', () => {
    const sim = simWithHost({ items: [{ clip: 'L1', fail: { labelWrites: true } }, { clip: 'L2' }] });
    const before = sim.snapshot() as { children: unknown[] };
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'L1'), rating(sim, 'L2')], options: OPTIONS });
    expect(r.outcomes[0]).toEqual({ nodeId: sim.item('L1').nodeId, ok: false, message: expect.stringMatching(/Label could not be changed.*left as it was/) });
    expect(r.outcomes[1].ok).toBe(true);
    expect((sim.snapshot() as { children: unknown[] }).children[0]).toEqual(before.children[0]);
  });
});

describe('markers', () => {
  test('one comment marker per bad segment, named after its reasons, spanning it, with the scores', () => {
    const sim = simWithHost({ items: BIN });
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001')], options: OPTIONS });
    expect(r.outcomes[0].markersAdded).toBe(2);
    const markers = sim.item('A001').markers.map((m) => m.snapshot());
    expect(markers.map((m) => [m.name, m.start, m.end, m.type])).toEqual([
      ['Blurry', 0, 7.5, 'Comment'],
      ['Blurry, Dark', 9.25, 11, 'Comment'],
    ]);
    expect(markers[0].comments).toBe('[ClipTriage] 0:00.0–0:07.5 · clip quality 23/100 · scores: blurry 0.91, dark 0.66, bright 0.02, shaky 0.10');
    // Ticks follow seconds (Premiere's 254016000000 ticks per second).
    expect(sim.item('A001').markers[1].start.ticks).toBe(String(9.25 * 254016000000));
  });

  test('re-rating replaces our markers and never touches the editor’s', () => {
    const sim = simWithHost({ items: BIN });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A004')], options: OPTIONS });
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A004', { segments: [{ startSec: 4, endSec: 5, flags: ['shaky'] }] })], options: OPTIONS });
    const names = sim.item('A004').markers.map((m) => [m.name, m.start.seconds, m.end.seconds]).sort();
    expect(names).toEqual([
      ['Good take', 2, 3],
      ['Shaky', 4, 5],
    ]);
  });

  test('writeMarkers:false adds none', () => {
    const sim = simWithHost({ items: BIN });
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'A001')], options: { ...OPTIONS, writeMarkers: false } });
    expect(r.outcomes[0].markersAdded).toBe(0);
    expect(sim.item('A001').markers).toHaveLength(0);
  });

  test('a marker that cannot be created rolls the clip back exactly', () => {
    const sim = simWithHost({ items: [{ clip: 'M1', fail: { markerCreatesAfter: 1 } }, { clip: 'M2' }] });
    const before = sim.snapshot() as { children: unknown[] };
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'M1'), rating(sim, 'M2')], options: OPTIONS });
    expect(r.outcomes[0].ok).toBe(false);
    expect(r.outcomes[0].message).toMatch(/Marker could not be created.*left as it was/);
    expect((sim.snapshot() as { children: unknown[] }).children[0]).toEqual(before.children[0]);
    expect(r.outcomes[1]).toMatchObject({ ok: true, markersAdded: 2 });
  });
});

describe('undo', () => {
  test('the undo record is written before anything else changes on each clip', () => {
    const sim = simWithHost({ items: BIN });
    callOk(sim, 'applyRatings', { ratings: ['A001', 'A002', 'A003', 'A004'].map((n) => rating(sim, n)), options: OPTIONS });
    for (const name of ['A001', 'A002', 'A003', 'A004']) {
      const first = sim.log.find((e) => e.nodeId === sim.item(name).nodeId);
      expect(first).toEqual({ op: 'setProjectMetadata', nodeId: sim.item(name).nodeId, detail: { fields: ['ClipTriageUndo'] } });
    }
  });

  test('rate, re-rate, clear: the project is exactly as before (labels, markers, metadata)', () => {
    const sim = simWithHost({ items: BIN });
    const before = sim.snapshot();
    const names = ['A001', 'A002', 'A003', 'A004'];
    callOk(sim, 'applyRatings', { ratings: names.map((n) => rating(sim, n)), options: OPTIONS });
    callOk(sim, 'applyRatings', { ratings: names.map((n) => rating(sim, n, { verdict: 'check', segments: [{ startSec: 1, endSec: 2, flags: ['shaky'] }] })), options: OPTIONS });
    expect(sim.snapshot()).not.toEqual(before);
    const r = callOk(sim, 'clearRatings', { scope: 'project' });
    expect(r.outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
    expect(r.outcomes.map((o) => o.markersRemoved)).toEqual([1, 1, 1, 1]);
    expect(sim.snapshot()).toEqual(before);
  });

  test('clear by selection only touches the selected clips; a second clear is a no-op', () => {
    const sim = simWithHost({ items: BIN });
    callOk(sim, 'applyRatings', { ratings: ['A001', 'A002'].map((n) => rating(sim, n)), options: OPTIONS });
    sim.select(['A002']);
    const r = callOk(sim, 'clearRatings', { scope: 'selection' });
    expect(r.outcomes.map((o) => o.nodeId)).toEqual([sim.item('A002').nodeId]);
    expect(col(sim, 'A001', 'ClipTriageUsability')).toBe('Unusable');
    expect(col(sim, 'A002', 'ClipTriageUsability')).toBeUndefined();
    expect(callOk(sim, 'clearRatings', { scope: 'selection' }).outcomes).toEqual([]);
  });

  test('columns that held values before the first rating get those values back', () => {
    const sim = simWithHost({ items: [{ clip: 'P1', metadata: {} }] });
    // Another tool (or an earlier install) left a value in our Usability column.
    sim.project.addPropertyToProjectMetadataSchema('ClipTriageUsability', 'Usability', 2);
    sim.item('P1').metadata.set(PRIVATE_NS + '\u0000ClipTriageUsability', 'Reviewed by hand');
    const before = sim.snapshot();
    callOk(sim, 'applyRatings', { ratings: [rating(sim, 'P1')], options: OPTIONS });
    callOk(sim, 'clearRatings', { nodeIds: [sim.item('P1').nodeId] });
    expect(sim.snapshot()).toEqual(before);
  });

  test('markers left unrecorded by an interrupted run are found by their tag and removed', () => {
    const sim = simWithHost({
      items: [
        {
          clip: 'I1',
          markers: [
            { start: 1, end: 2, name: 'Blurry', comments: '[ClipTriage] 0:01.0–0:02.0 · clip quality 10/100' },
            { start: 3, end: 4, name: 'Editor note', comments: 'ClipTriage says bad, I disagree' },
          ],
          metadata: { ClipTriageUndo: '{"v":1,"origLabel":1,"ourLabel":null,"origColumns":{},"markers":[],"pending":true}' },
        },
      ],
    });
    // As after reopening the project: our data is there, our columns are not registered this session.
    const r = callOk(sim, 'clearRatings', { scope: 'project' });
    expect(r.outcomes[0]).toMatchObject({ ok: true, markersRemoved: 1 });
    expect(sim.item('I1').markers.map((m) => m.name)).toEqual(['Editor note']);
    expect(col(sim, 'I1', 'ClipTriageUndo')).toBeUndefined();
  });
});

describe('bad input and hostile values', () => {
  test('malformed ratings fail per clip with a reason; good ones in the same batch are applied', () => {
    const sim = simWithHost({ items: BIN });
    const r = callOk(sim, 'applyRatings', {
      ratings: [
        rating(sim, 'A001', { verdict: 'terrible' as never }),
        rating(sim, 'A002', { segments: [{ startSec: 5, endSec: 2, flags: ['dark'] }] }),
        { ...rating(sim, 'A003'), nodeId: 'no-such-node' },
        rating(sim, 'A004', { quality: Number.NaN }),
        rating(sim, 'A001', { verdict: 'usable', segments: [] }),
        rating(sim, 'A001', { verdict: 'usable', segments: [] }),
      ],
      options: OPTIONS,
    });
    expect(r.outcomes.map((o) => [o.ok, o.message ?? ''])).toEqual([
      [false, expect.stringMatching(/unknown verdict "terrible"/)],
      [false, expect.stringMatching(/segment 1 has an invalid time range/)],
      [false, expect.stringMatching(/Clip not found/)],
      [false, expect.stringMatching(/quality must be a number/)],
      [true, ''],
      [false, expect.stringMatching(/appears twice/)],
    ]);
    expect(col(sim, 'A001', 'ClipTriageUsability')).toBe('Usable');
    expect(col(sim, 'A002', 'ClipTriageUsability')).toBeUndefined();
  });

  test('a rating for a sequence is refused per clip', () => {
    const sim = simWithHost({ items: [{ clip: 'Seq', kind: 'sequence' }] });
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, 'Seq')], options: OPTIONS });
    expect(r.outcomes[0]).toMatchObject({ ok: false, message: expect.stringMatching(/sequence/) });
  });

  test('a bad option fails the batch up front with a clear message', () => {
    const sim = simWithHost({ items: BIN });
    const r = call(sim, 'applyRatings', { ratings: [rating(sim, 'A001')], options: { ...OPTIONS, labelMap: { usable: 5, check: 99, unusable: 6 } } });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/"check" must be a colour label/) });
    expect(sim.log).toEqual([]);
  });

  const HOSTILE = '"); app.quit(); ("';
  const UNICODE_PATH = '/Volumes/Média/日本語 ü/"); app.quit(); ("/clip \u2028 🎬 <x>&amp;.mov';

  test('a clip named like code and a unicode path round-trip as plain data', () => {
    const sim = simWithHost({ items: [{ bin: 'Bin "quoted" \\ 日本', children: [{ clip: HOSTILE, path: UNICODE_PATH }] }] });
    const list = callOk(sim, 'listClips', 'project');
    expect(list.clips).toEqual([expect.objectContaining({ name: HOSTILE, mediaPath: UNICODE_PATH, treePath: 'Bin "quoted" \\ 日本' })]);
    const ratedBy = HOSTILE + ' </x:xmpmeta> ]]> \\u0041 \u2029';
    const r = callOk(sim, 'applyRatings', { ratings: [rating(sim, HOSTILE, { ratedBy })], options: OPTIONS });
    expect(r.outcomes[0].ok).toBe(true);
    expect(col(sim, HOSTILE, 'ClipTriageRated')).toBe(ratedBy);
    expect(callOk(sim, 'listClips', 'project').clips[0].previousRating!.rated).toBe(ratedBy);
    expect(callOk(sim, 'revealClip', list.clips[0].nodeId)).toEqual({ opened: true, selected: true });
    callOk(sim, 'clearRatings', { scope: 'project' });
    expect(sim.app.quitCalls).toBe(0);
  });

  test('an injection attempt in a function argument is just an unknown value', () => {
    const sim = simWithHost({ items: BIN });
    const r = call(sim, 'listClips', HOSTILE as never);
    expect(r).toEqual({ ok: false, error: 'Unknown scope "' + HOSTILE + '": use "selection" or "project"' });
    expect(call(sim, 'revealClip', HOSTILE)).toEqual({ ok: false, error: expect.stringMatching(/Clip not found/) });
    expect(sim.app.quitCalls).toBe(0);
  });
});

test('revealClip selects the clip in the Project panel and opens it in the Source Monitor', () => {
  const sim = simWithHost({ items: BIN });
  expect(callOk(sim, 'revealClip', sim.item('A002').nodeId, 3.5)).toEqual({ opened: true, selected: true });
  expect(sim.app.selection.map((i) => i.name)).toEqual(['A002']);
  expect(sim.app.sourceMonitor.opened!.name).toBe('A002');
});
