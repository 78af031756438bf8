// The selects rules on their own: usable stretches from a report's segments (frame-snapped, minimum
// length, quality from the windows inside), their names, and SMPTE timecode both ways, drop-frame
// included (checked against the labels a 29.97 DF deck shows).
import type { ClipReport } from '../extension/contracts/report';
import { selectName, usableStretches } from '../extension/selects/stretches';
import { framesToTimecode, timebaseOf, timecodeToFrames } from '../extension/selects/timecode';

function report(durationSec: number, fps: number, segments: ClipReport['segments'], windows: ClipReport['windows'] = []): ClipReport {
  return { path: '/f/A.mov', status: 'rated', error: null, media: { durationSec, fps, width: 1, height: 1 }, framesAnalyzed: 1, verdict: 'check', quality: 50, flags: [], scores: null, segments, windows };
}

test('stretches lie between the bad segments, snapped inward to frames, and shorter ones are dropped', () => {
  const r = report(12.5, 25, [
    { startSec: 3, endSec: 4.02, flags: ['blurry'] },
    { startSec: 5, endSec: 7, flags: ['shaky'] },
  ]);
  expect(usableStretches(r, 2).map((s) => [s.index, s.startSec, s.endSec, s.startFrame, s.endFrame])).toEqual([
    [1, 0, 3, 0, 75],
    [2, 7, 12.48, 175, 312], // 12.5 s at 25 fps: the last whole frame ends at 12.48
  ]);
  // 4.02 → the next frame boundary, 4.04; the 0.96 s gap is below 1 s.
  expect(usableStretches(r, 0.5).map((s) => [s.startFrame, s.endFrame])).toEqual([[0, 75], [101, 125], [175, 312]]);
  expect(usableStretches({ ...r, status: 'error' }, 1)).toEqual([]);
});

test('a stretch\'s quality comes from the window scores inside it', () => {
  const w = (a: number, b: number, worst: number) => ({ startSec: a, endSec: b, scores: { blurry: worst, dark: 0, bright: 0, shaky: 0 } });
  const r = report(4, 30, [{ startSec: 2, endSec: 3, flags: ['blurry'] }], [w(0, 1, 0), w(1, 2, 0.5), w(2, 3, 1), w(3, 4, 0.1)]);
  expect(usableStretches(r, 0.5).map((s) => s.quality)).toEqual([75, 90]);
});

test('select names: clock times rounded to the second', () => {
  expect(selectName('A001.mov', { index: 1, startSec: 4.2, endSec: 11 })).toBe('A001.mov · select 1 (0:04–0:11)');
  expect(selectName('Long', { index: 3, startSec: 3599.6, endSec: 3725 })).toBe('Long · select 3 (1:00:00–1:02:05)');
});

test('timecode: non-drop at 25 and 30, drop-frame at 29.97 (labels skip ;00 and ;01 except each tenth minute)', () => {
  const pal = timebaseOf(25);
  expect(framesToTimecode(25 * 3600 * 10, pal)).toBe('10:00:00:00');
  expect(timecodeToFrames('10:00:00:00', pal)).toBe(25 * 3600 * 10);
  const ndf = timebaseOf(29.97);
  expect(framesToTimecode(1800, ndf)).toBe('00:01:00:00');
  const df = timebaseOf(29.97, true);
  expect(df).toEqual({ fps: 30, dropFrame: true });
  expect(framesToTimecode(1799, df)).toBe('00:00:59;29');
  expect(framesToTimecode(1800, df)).toBe('00:01:00;02');
  expect(framesToTimecode(17982, df)).toBe('00:10:00;00');
  expect(framesToTimecode(107892, df)).toBe('01:00:00;00');
  for (const f of [0, 1799, 1800, 3597, 17981, 17982, 107892, 1234567]) expect(timecodeToFrames(framesToTimecode(f, df), df)).toBe(f);
  expect(timecodeToFrames('00:61:00:00', ndf)).toBeNull();
  expect(timecodeToFrames('not a timecode', ndf)).toBeNull();
});
