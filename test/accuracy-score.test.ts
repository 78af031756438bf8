// The scoring rules of `npm run accuracy` (scripts/accuracy/score.js): what counts as right for
// each class of the real footage and for the synthetic exams.

const { readLabels, scoreExam, scoreReal } = require('../scripts/accuracy/score.js');

const clip = (verdict: string, flags: string[] = []) => ({ status: 'rated', verdict, flags });

test('real footage: usable needs no flag, fine only not Unusable, flagged needs the flag', () => {
  const rows = readLabels(
    ['# comment', 'a.mp4\tusable\t\tsteady', 'b.mp4\tfine\t\twebcam', 'c.mp4\tfine\t\tsoft', 'd.mp4\tflagged\tshaky\tdiver', 'e.mp4\tflagged\tbright\twindow', 'f.mp4\tany\t\ttiny'].join('\n'),
  );
  const got = new Map<string, unknown>([
    ['a.mp4', clip('check', ['blurry'])],
    ['b.mp4', clip('check', ['blurry'])],
    ['c.mp4', clip('unusable', ['blurry'])],
    ['d.mp4', clip('check', ['shaky', 'blurry'])],
    ['e.mp4', clip('usable')],
    ['f.mp4', clip('unusable', ['dark'])],
  ]);
  const s = scoreReal(rows, got);
  expect(s.classes).toEqual({ usable: { ok: 0, n: 1 }, fine: { ok: 1, n: 2 }, flagged: { ok: 1, n: 2 } });
  expect(s.falseUnusable).toBe(1); // c; f is not scored
  expect(s.misses).toHaveLength(3);
});

test('exam: exact flags per kind, false Unusable only on clips that are fine, unrated clips are misses', () => {
  const rows = readLabels(['P__good.mp4\t', 'P__defocus.mp4\tblurry', 'P__dark.mp4\tdark', 'P__subject.mp4\t'].join('\n'));
  const got = new Map<string, unknown>([
    ['P__good.mp4', clip('unusable', ['blurry'])],
    ['P__defocus.mp4', clip('check', ['blurry'])],
    ['P__dark.mp4', clip('unusable', ['blurry', 'dark'])],
    ['P__subject.mp4', { status: 'error', error: { message: 'truncated' } }],
  ]);
  const s = scoreExam(rows, got);
  expect(s.exact).toBe(1);
  expect(s.falseUnusable).toBe(1);
  expect(s.notRated).toBe(1);
  expect(s.kinds.defocus).toEqual({ exact: 1, n: 1 });
  expect(s.kinds.dark).toEqual({ exact: 0, n: 1 });
});
