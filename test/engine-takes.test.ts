// Take grouping on real decoded video: the engine's take signatures (made from the frames it
// analyses anyway) group three takes of one set-up — steady, hand-held, out of focus — and keep
// another framing of the same place and a different scene apart; the sharp steady take is best.
import type { ClipReport } from '../extension/contracts/report';
import { DEFAULT_SETTINGS, DEFAULT_TAKE_SETTINGS } from '../extension/contracts/settings';
import { createEngine, Engine } from '../extension/index';
import { dHash, rgbHistogram } from '../extension/analyze/takeSignature';
import { groupTakes, isSignature, sameSetUp, takeDistance, takeGroupText } from '../extension/takes/groupTakes';
import { clipPath, ensureClips, recipesIn } from './fixtures/clips';

jest.setTimeout(180000);

const NAMES = recipesIn('takes');
const SET_UP_A = ['take-steady', 'take-handheld', 'take-soft'];
let engine: Engine;
const reports = new Map<string, ClipReport>();

beforeAll(async () => {
  await ensureClips(NAMES);
  engine = await createEngine({ noCache: true, concurrency: 2 });
  const r = await engine.rate(NAMES.map((n) => ({ key: n, path: clipPath(n) })));
  r.clips.forEach((c, i) => reports.set(NAMES[i], c));
});
afterAll(() => engine?.close());

test('every rated clip carries a well-formed signature with the capture time', () => {
  for (const n of NAMES) {
    const c = reports.get(n)!;
    expect(c.status).toBe('rated');
    expect(isSignature(c.signature)).toBe(true);
    expect(c.signature!.hashes).toHaveLength(Math.min(DEFAULT_SETTINGS.tuning.takeSignatureFrames, c.framesAnalyzed));
    expect(c.signature!.capturedFrom).not.toBeNull();
    expect(Number.isFinite(Date.parse(c.signature!.capturedAt!))).toBe(true);
    expect(JSON.stringify(c.signature).length).toBeLessThan(300);
  }
});

test('the takes of one set-up group together; another framing and another scene stay apart', () => {
  const candidates = NAMES.map((n) => ({ key: n, name: n, quality: reports.get(n)!.quality!, signature: reports.get(n)!.signature! }));
  // The measured distances, for the thresholds' documentation (settings.ts, README).
  const table = NAMES.flatMap((a, i) => NAMES.slice(i + 1).map((b) => ({ a, b, ...takeDistance(reports.get(a)!.signature!, reports.get(b)!.signature!) })));
  console.log(table.map((d) => `${d.a} ↔ ${d.b}: ${d.hashBits.toFixed(1)} bits, histogram ${d.histogram.toFixed(3)}`).join('\n'));
  for (const d of table) {
    const within = SET_UP_A.includes(d.a) && SET_UP_A.includes(d.b);
    expect({ pair: `${d.a}/${d.b}`, same: sameSetUp(d, DEFAULT_TAKE_SETTINGS) }).toEqual({ pair: `${d.a}/${d.b}`, same: within });
  }
  const groups = groupTakes(candidates, DEFAULT_TAKE_SETTINGS);
  expect([...groups.keys()].sort()).toEqual(SET_UP_A.slice().sort());
  const best = SET_UP_A.filter((n) => groups.get(n)!.best);
  expect(best).toEqual(['take-steady']);
  expect(reports.get('take-steady')!.quality).toBeGreaterThan(reports.get('take-soft')!.quality!);
  expect(SET_UP_A.map((n) => takeGroupText(groups.get(n)!)).sort()).toEqual(['Group 1 · 1 of 3', 'Group 1 · 2 of 3', 'Group 1 · 3 of 3']);
});

test('capture times far apart keep even identical pictures apart', () => {
  const s = reports.get('take-steady')!.signature!;
  const later = { ...s, capturedAt: new Date(Date.parse(s.capturedAt!) + (DEFAULT_TAKE_SETTINGS.maxGapMinutes + 1) * 60000).toISOString() };
  const groups = groupTakes([
    { key: 'a', name: 'a', quality: 90, signature: s },
    { key: 'b', name: 'b', quality: 80, signature: later },
  ], DEFAULT_TAKE_SETTINGS);
  expect(groups.size).toBe(0);
  expect(groupTakes([
    { key: 'a', name: 'a', quality: 90, signature: s },
    { key: 'b', name: 'b', quality: 80, signature: later },
  ], { ...DEFAULT_TAKE_SETTINGS, maxGapMinutes: 0 }).size).toBe(2);
});

describe('signature pieces on known pictures', () => {
  const frame = (w: number, h: number, px: (x: number, y: number) => [number, number, number]) => {
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgb.set(px(x, y), (y * w + x) * 3);
    return { timeSec: 0, width: w, height: h, rgb };
  };
  test('dHash: brighter to the left sets every bit, brighter to the right none', () => {
    expect(dHash(frame(90, 40, (x) => [255 - x * 2, 255 - x * 2, 255 - x * 2]))).toBe('ffffffffffffffff');
    expect(dHash(frame(90, 40, (x) => [x * 2, x * 2, x * 2]))).toBe('0000000000000000');
  });
  test('histogram: a plain red picture is all in one bin; half red, half blue splits evenly', () => {
    const red = rgbHistogram(frame(64, 36, () => [250, 0, 0]));
    expect(red[3 << 4]).toBeCloseTo(1, 10);
    const split = rgbHistogram(frame(64, 36, (x) => (x < 32 ? [250, 0, 0] : [0, 0, 250])));
    expect(split[3 << 4]).toBeCloseTo(0.5, 10);
    expect(split[3]).toBeCloseTo(0.5, 10);
  });
});
