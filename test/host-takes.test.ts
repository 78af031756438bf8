// applyTakes: the Take group column and the best-take mark in Usability, never over what the
// editor typed, and removed by Clear ratings.
import { callOk, col, OPTIONS, rating, simWithHost } from './host-helpers';
import { PremiereSim } from './premiere-sim';

function rated(): PremiereSim {
  const sim = simWithHost({ items: [{ bin: 'B', children: [{ clip: 'T1' }, { clip: 'T2' }, { clip: 'Other' }] }] });
  callOk(sim, 'applyRatings', {
    ratings: [
      rating(sim, 'T1', { verdict: 'usable', quality: 91, flags: [], segments: [] }),
      rating(sim, 'T2', { verdict: 'check', quality: 60, flags: ['shaky'], segments: [] }),
      rating(sim, 'Other', { verdict: 'usable', quality: 80, flags: [], segments: [] }),
    ],
    options: OPTIONS,
  });
  return sim;
}

const id = (sim: PremiereSim, name: string) => sim.item(name).nodeId;

test('writes the group and marks the best take; Clear ratings removes both', () => {
  const sim = rated();
  const before = sim.snapshot();
  const r = callOk(sim, 'applyTakes', {
    takes: [
      { nodeId: id(sim, 'T1'), group: 'Group 1 · 1 of 2', bestTake: true },
      { nodeId: id(sim, 'T2'), group: 'Group 1 · 2 of 2', bestTake: false },
    ],
  });
  expect(r.outcomes.every((o) => o.ok && !o.warning)).toBe(true);
  expect(col(sim, 'T1', 'ClipTriageTakeGroup')).toBe('Group 1 · 1 of 2');
  expect(col(sim, 'T1', 'ClipTriageUsability')).toBe('Usable · best take');
  expect(col(sim, 'T2', 'ClipTriageTakeGroup')).toBe('Group 1 · 2 of 2');
  expect(col(sim, 'T2', 'ClipTriageUsability')).toBe('Check');
  expect(col(sim, 'Other', 'ClipTriageTakeGroup')).toBeUndefined();
  expect(sim.snapshot()).not.toEqual(before);

  const cleared = callOk(sim, 'clearRatings', { nodeIds: [id(sim, 'T1'), id(sim, 'T2')] });
  expect(cleared.outcomes.every((o) => o.ok)).toBe(true);
  for (const name of ['T1', 'T2']) {
    expect(col(sim, name, 'ClipTriageTakeGroup')).toBeUndefined();
    expect(col(sim, name, 'ClipTriageTakeRecord')).toBeUndefined();
    expect(col(sim, name, 'ClipTriageUsability')).toBeUndefined();
  }
});

test('a Take group or Usability the editor typed is kept, with a warning', () => {
  const sim = rated();
  sim.item('T1').metadata.set('http://ns.adobe.com/premierePrivateProjectMetaData/1.0/\u0000ClipTriageTakeGroup', 'Scene 4 take 2');
  sim.item('T2').metadata.set('http://ns.adobe.com/premierePrivateProjectMetaData/1.0/\u0000ClipTriageUsability', 'Hero shot');
  const r = callOk(sim, 'applyTakes', {
    takes: [
      { nodeId: id(sim, 'T1'), group: 'Group 1 · 1 of 2', bestTake: false },
      { nodeId: id(sim, 'T2'), group: 'Group 1 · 2 of 2', bestTake: true },
    ],
  });
  expect(r.outcomes[0].warning).toMatch(/kept as typed/);
  expect(r.outcomes[1].warning).toMatch(/typed by the editor/);
  expect(col(sim, 'T1', 'ClipTriageTakeGroup')).toBe('Scene 4 take 2');
  expect(col(sim, 'T2', 'ClipTriageUsability')).toBe('Hero shot');
  expect(col(sim, 'T2', 'ClipTriageTakeGroup')).toBe('Group 1 · 2 of 2');
  // Clear: ours goes, theirs stays.
  callOk(sim, 'clearRatings', { nodeIds: [id(sim, 'T1'), id(sim, 'T2')] });
  expect(col(sim, 'T1', 'ClipTriageTakeGroup')).toBe('Scene 4 take 2');
  expect(col(sim, 'T2', 'ClipTriageTakeGroup')).toBeUndefined();
  expect(col(sim, 'T2', 'ClipTriageUsability')).toBe('Hero shot');
});

test('regrouping moves the mark and removes groups that no longer exist; re-rating writes the plain verdict', () => {
  const sim = rated();
  callOk(sim, 'applyTakes', { takes: [{ nodeId: id(sim, 'T1'), group: 'Group 1 · 1 of 2', bestTake: true }, { nodeId: id(sim, 'T2'), group: 'Group 1 · 2 of 2', bestTake: false }] });
  callOk(sim, 'applyTakes', { takes: [{ nodeId: id(sim, 'T1'), group: null, bestTake: false }, { nodeId: id(sim, 'T2'), group: null, bestTake: false }] });
  expect(col(sim, 'T1', 'ClipTriageTakeGroup')).toBeUndefined();
  expect(col(sim, 'T1', 'ClipTriageTakeRecord')).toBeUndefined();
  expect(col(sim, 'T1', 'ClipTriageUsability')).toBe('Usable');

  callOk(sim, 'applyTakes', { takes: [{ nodeId: id(sim, 'T1'), group: 'Group 2 · 1 of 2', bestTake: true }] });
  callOk(sim, 'applyRatings', { ratings: [rating(sim, 'T1', { verdict: 'usable', quality: 88, flags: [], segments: [] })], options: OPTIONS });
  expect(col(sim, 'T1', 'ClipTriageUsability')).toBe('Usable');
  expect(col(sim, 'T1', 'ClipTriageTakeGroup')).toBe('Group 2 · 1 of 2');
  // The re-rating still counts the mark-free value as ours: Clear removes it.
  callOk(sim, 'clearRatings', { nodeIds: [id(sim, 'T1')] });
  expect(col(sim, 'T1', 'ClipTriageUsability')).toBeUndefined();
  expect(col(sim, 'T1', 'ClipTriageTakeGroup')).toBeUndefined();
});

test('a clip never rated is not marked best; a deleted clip and a malformed entry are reported', () => {
  const sim = simWithHost({ items: [{ clip: 'Fresh' }] });
  const r = callOk(sim, 'applyTakes', {
    takes: [{ nodeId: id(sim, 'Fresh'), group: 'Group 1 · 1 of 2', bestTake: true }, { nodeId: 'gone', group: null, bestTake: false }, { nodeId: id(sim, 'Fresh'), group: 5 as never, bestTake: false }],
  });
  expect(r.outcomes[0]).toMatchObject({ ok: true, warning: expect.stringMatching(/no ClipTriage rating/) });
  expect(r.outcomes[1]).toMatchObject({ ok: false, message: expect.stringMatching(/not found/) });
  expect(r.outcomes[2]).toMatchObject({ ok: false });
});
