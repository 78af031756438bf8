// The engine's pure parts on constructed inputs: aggregation rules, the motion and exposure
// analysers' measurements on images with known properties, settings, sidecar merging (blur:
// engine-blur-units.test.ts).

import { aggregate, TimedScores } from '../extension/aggregate/aggregate';
import { estimateShift } from '../extension/analyze/motion';
import { brightTileStops, ExposureAnalyzer } from '../extension/analyze/exposure';
import type { AnalysisContext, Frame } from '../extension/analyze/types';
import { DEFAULT_SETTINGS, resolveSettings } from '../extension/contracts/settings';
import { checkSettings } from '../extension/engine/checkSettings';
import { CameraPathTracker } from '../extension/analyze/shake';
import type { MotionFrame } from '../extension/media/sampler';
import { mergeSidecar, sidecarPaths, stripOurs, XMP_NS } from '../extension/xmp/sidecar';
import { gaussBlur, texture } from './fixtures/constructedImages';

const settings = resolveSettings({});

describe('global motion', () => {
  test('recovers a known shift, also with a moving subject in one region', () => {
    const W = 200, H = 120, w = 160, h = 90;
    const big = texture(W, H, 3);
    const crop = (ox: number, oy: number) => {
      const out = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = big[(y + oy) * W + x + ox];
      return out;
    };
    const a = crop(20, 15);
    const b = crop(17, 13); // camera moved: content shifts +3 px right, +2 px down
    const s = estimateShift(a, b, w, h, 0.1);
    expect(s.reliable).toBe(true);
    expect(s.dx).toBeCloseTo(3, 0);
    expect(s.dy).toBeCloseTo(2, 0);
    for (let y = 0; y < 30; y++) for (let x = 0; x < 53; x++) b[y * w + x] = (b[y * w + x] + 97 * ((x + y) % 3)) & 255;
    const s2 = estimateShift(a, b, w, h, 0.1);
    expect(s2.dx).toBeCloseTo(3, 0);
    expect(s2.dy).toBeCloseTo(2, 0);
  });

  test('a sky ramp over a thin horizon does not hold the camera still', () => {
    const W = 200, H = 120, w = 160, h = 90;
    // Dusk: a smooth sky gradient over most of the frame, a horizon and a strip of textured shore.
    const tex = texture(W, H, 11);
    const big = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) big[y * W + x] = y < 66 ? 60 + 2 * y : y < 70 ? 20 : tex[y * W + x];
    const crop = (ox: number, oy: number) => {
      const out = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = big[(y + oy) * W + x + ox];
      return out;
    };
    const s = estimateShift(crop(20, 15), crop(16, 12), w, h, 0.1);
    expect(s.reliable).toBe(true);
    expect(s.dx).toBeCloseTo(4, 0);
    expect(s.dy).toBeCloseTo(3, 0);
  });

  test('a repeating pattern gives the smallest shift that matches, not one a period away', () => {
    // Rounded slats every 4.45 px at motion size (a fence, blinds), lit from above: shifts of
    // −0.4 px also match at 4.05 and −4.85, where whole pixels fit better.
    const w = 160, h = 90, k = (2 * Math.PI) / 4.45;
    const frame = (ox: number) => {
      const out = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = Math.round(120 + 60 * Math.sin(k * (x + ox)) + 20 * Math.sin(2 * k * (x + ox)) + 25 * Math.cos((Math.PI * y) / h));
      return out;
    };
    for (let i = 0; i < 6; i++) {
      const s = estimateShift(frame(0.4 * i), frame(0.4 * (i + 1)), w, h, 0.1);
      expect(s.reliable).toBe(true);
      expect(s.dx).toBeCloseTo(-0.4, 0);
    }
  });

  test('a subject filling most of a locked-off frame does not move the camera', () => {
    const w = 160, h = 90;
    const back = texture(w, h, 13);
    const subject = texture(w + 10, h, 17);
    const frame = (sx: number) => {
      const out = back.slice();
      // Everything right of the first quarter is the subject, which moves sideways.
      for (let y = 0; y < h; y++) for (let x = 40; x < w; x++) out[y * w + x] = subject[y * (w + 10) + x - 40 + sx];
      return out;
    };
    const s = estimateShift(frame(2), frame(5), w, h, 0.1);
    expect(s.reliable).toBe(true);
    expect(Math.hypot(s.dx, s.dy)).toBeLessThan(0.2);
  });

  test('shake from parts decoded side by side does not depend on how their frames interleave', () => {
    const W = 240, H = 160, w = 160, h = 90;
    const big = texture(W, H, 5);
    const frame = (t: number, run: number, shaky: boolean): MotionFrame => {
      // A steady pan, plus hand-held jitter in the shaky part.
      const ox = Math.round(20 + 8 * t + (shaky ? 6 * Math.sin(17 * t) : 0));
      const oy = Math.round(30 + (shaky ? 5 * Math.cos(13 * t) : 0));
      const gray = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) gray[y * w + x] = big[(y + oy) * W + x + ox];
      return { timeSec: t, width: w, height: h, gray, run };
    };
    const steady = Array.from({ length: 30 }, (_, i) => frame(i / 10, 0, false));
    const shaky = Array.from({ length: 30 }, (_, i) => frame(3 + i / 10, 1, true));
    const inOrder = new CameraPathTracker(0.1);
    [...steady, ...shaky].forEach((f) => inOrder.push(f));
    const mixed = new CameraPathTracker(0.1);
    // The later part finishes first and the two then alternate, as two ffmpeg processes may.
    shaky.slice(0, 10).forEach((f) => mixed.push(f));
    for (let i = 0; i < 30; i++) {
      mixed.push(steady[i]);
      if (i + 10 < 30) mixed.push(shaky[i + 10]);
    }
    const a = inOrder.samples(settings);
    expect(mixed.samples(settings)).toEqual(a);
    // And the measurement itself: the pan is steady, the jitter is not.
    const peak = (from: number, to: number) => Math.max(...a.filter((x) => x.timeSec >= from && x.timeSec < to).map((x) => x.score));
    expect(peak(0.5, 2.5)).toBe(0);
    expect(peak(3.5, 5.5)).toBeGreaterThan(0.6);
  });
});

describe('settings from the panel and the command line', () => {
  test('a decode setting out of range or unknown falls back to its default, with a note', () => {
    const bad = resolveSettings({ tuning: { decodeProcesses: 0, skipFrames: 'all' as never } });
    const { settings: s, notes } = checkSettings(bad);
    expect(s.tuning.decodeProcesses).toBe(DEFAULT_SETTINGS.tuning.decodeProcesses);
    expect(s.tuning.skipFrames).toBe(DEFAULT_SETTINGS.tuning.skipFrames);
    expect(notes.join('\n')).toMatch(/decodeProcesses=0/);
    expect(notes.join('\n')).toMatch(/skipFrames="all"/);
    const good = resolveSettings({ tuning: { decodeProcesses: 4, skipFrames: 'bidir' } });
    expect(checkSettings(good)).toEqual({ settings: good, notes: [] });
  });
});

describe('exposure', () => {
  const frame = (rgbValue: (i: number) => number): Frame => {
    const w = 64, h = 36;
    const rgb = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = rgbValue(i);
    return { timeSec: 0, width: w, height: h, rgb };
  };
  const ctx = (footageMode: AnalysisContext['footageMode']): AnalysisContext => ({
    media: { durationSec: 1, fps: 25, width: 64, height: 36 },
    footageMode,
    settings,
  });
  const mid = (i: number) => 60 + ((i * 37) % 140);

  test('normal, −3 EV and +2.5 EV', async () => {
    const a = new ExposureAnalyzer();
    const gain = (g: number) => (i: number) => Math.min(255, Math.round(255 * Math.pow(Math.pow(mid(i) / 255, 2.2) * g, 1 / 2.2)));
    const [ok, dark, bright] = await a.analyze([frame(mid), frame(gain(0.125)), frame(gain(5.66))], ctx('standard'));
    expect(ok).toEqual({ dark: 0, bright: 0 });
    expect(dark.dark).toBe(1);
    expect(bright.bright).toBe(1);
  });

  test('a third of the picture clipped is bright when it piles up against the ceiling, not when it rolls off below it', async () => {
    const a = new ExposureAnalyzer();
    const scene = (i: number) => 10 + ((i * 37) % 190); // deep blacks: not washed out
    // 30 % at 255: what a push past the sensor's range leaves (under clippedFraction's start).
    const piled = (i: number) => (i % 10 < 3 ? 255 : scene(i));
    // The same clipped share with as much again just below it: a lit white wall or sky rolling off.
    const rolled = (i: number) => (i % 10 < 3 ? 255 : i % 10 < 6 ? 220 + (i % 27) : scene(i));
    const [p, r] = await a.analyze([frame(piled), frame(rolled)], ctx('standard'));
    expect(p.bright).toBeGreaterThanOrEqual(settings.thresholds.bright.on);
    expect(r.bright).toBeLessThan(settings.thresholds.bright.off);
  });

  test('a low-key frame lit by small highlights is not dark, sharp or out of focus', async () => {
    const w = 192, h = 108;
    // Shadows at about −3.5 EV with three light patches (8 px, 0.9 % of the frame together: the
    // 99th percentile lies in the shadows).
    const lit = (x: number, y: number) => x % 64 < 8 && y >= 24 && y < 32;
    const sharp = new Uint8Array(w * h).map((_, i) => (lit(i % w, Math.floor(i / w)) ? 230 : 30 + ((i * 37) % 20)));
    const soft = gaussBlur(sharp, w, h, 1.5, 1.5);
    const lut = Float64Array.from({ length: 256 }, (_, v) => Math.log2(Math.pow(Math.max(v, 0.5) / 255, 2.2) / 0.18));
    const stops = (l: Uint8Array) => brightTileStops(l, w, h, lut.map((v) => 2 ** v), 8, 3);
    const rgbOf = (l: Uint8Array): Frame => ({ timeSec: 0, width: w, height: h, rgb: Uint8Array.from({ length: w * h * 3 }, (_, j) => l[Math.floor(j / 3)]) });
    const pct99 = (l: Uint8Array) => lut[Array.from(l).sort((a, b) => a - b)[Math.floor(0.99 * l.length)]];
    // The brightest squares keep most of their light through the blur, far above the 99th percentile.
    expect(stops(sharp) - stops(soft)).toBeLessThan(1);
    expect(stops(soft) - pct99(sharp)).toBeGreaterThan(2);
    const a = new ExposureAnalyzer();
    const c = { ...ctx('standard'), media: { durationSec: 1, fps: 25, width: w, height: h } };
    const [s1, s2] = await a.analyze([rgbOf(sharp), rgbOf(soft)], c);
    expect(s1.dark).toBeLessThan(settings.thresholds.dark.off);
    expect(s2.dark).toBeLessThan(settings.thresholds.dark.off);
    // With the squares dimmed as a −3 EV push dims everything, the frame is dark.
    const [pushed] = await a.analyze([rgbOf(soft.map((v) => Math.round(v * 0.39)))], c);
    expect(pushed.dark).toBeGreaterThanOrEqual(settings.thresholds.dark.on);
  });

  test('flat log footage is not dark in log mode', async () => {
    const a = new ExposureAnalyzer();
    const flat = (i: number) => 80 + ((i * 37) % 70); // 31 %–58 %: lifted blacks, no highlights
    const [log] = await a.analyze([frame(flat)], ctx('log'));
    expect(log.dark).toBe(0);
    expect(log.bright).toBe(0);
  });
});

describe('aggregation', () => {
  const series = (fn: (t: number) => number, dur = 6, fps = 2): TimedScores[] =>
    Array.from({ length: dur * fps }, (_, i) => ({ timeSec: i / fps, scores: { blurry: fn(i / fps), dark: 0, bright: 0 } }));

  test('hysteresis keeps a dip inside a bad stretch bad, and a short blip is dropped', () => {
    const agg = aggregate(8, series((t) => (t >= 2 && t < 5 ? (t >= 3 && t < 4 ? 0.5 : 0.9) : 0.1), 8), settings);
    expect(agg.segments).toEqual([{ startSec: 2, endSec: 5, flags: ['blurry'] }]);
    expect(agg.verdict).toBe('check');
    const blip = aggregate(6, series((t) => (t >= 2 && t < 2.5 ? 0.95 : 0.1)), { ...settings, minSegmentSec: 1.5 });
    expect(blip.segments).toEqual([]);
    expect(blip.verdict).toBe('usable');
  });

  test('Unusable only for a severe problem over most of the clip; sensitivity scales the thresholds', () => {
    // A moderate problem over the whole clip, or a severe one over a third of it, is for the editor to check.
    expect(aggregate(6, series(() => 0.8), settings).verdict).toBe('check');
    expect(aggregate(6, series((t) => (t < 2 ? 1 : 0)), settings).verdict).toBe('check');
    expect(aggregate(6, series(() => 0.95), settings).verdict).toBe('unusable');
    expect(aggregate(6, series((t) => (t < 4 ? 1 : 0)), settings).verdict).toBe('unusable');
    const mild = series(() => 0.5);
    expect(aggregate(6, mild, settings).flags).toEqual([]);
    expect(aggregate(6, mild, resolveSettings({ sensitivity: { blurry: 1.3 } })).flags).toEqual(['blurry']);
    const q = (v: number) => aggregate(6, series(() => v), settings).quality;
    expect(q(0.05)).toBeGreaterThan(q(0.3));
    expect(q(0.3)).toBeGreaterThan(q(0.9));
  });
});

describe('settings saved before the learned models were removed', () => {
  test('their keys are accepted and ignored: the settings still load, nothing else changes', () => {
    const old = { useModels: true, cpuOnly: true, sampleFps: 3, tuning: { learnedGuardMargin: 0.35, blurTilePx: 32 } } as unknown as Parameters<typeof resolveSettings>[0];
    const s = resolveSettings(old);
    const checked = checkSettings(s);
    expect(checked.notes).toEqual([]);
    expect(s.sampleFps).toBe(3);
    expect(s.tuning.blurTilePx).toBe(32);
    expect(s).not.toHaveProperty('useModels');
    expect(s).not.toHaveProperty('cpuOnly');
    expect(s.tuning).not.toHaveProperty('learnedGuardMargin');
    expect({ ...s, sampleFps: DEFAULT_SETTINGS.sampleFps, tuning: { ...s.tuning, blurTilePx: DEFAULT_SETTINGS.tuning.blurTilePx } }).toEqual(DEFAULT_SETTINGS);
  });
});

describe('XMP sidecars', () => {
  test('names follow the Adobe convention unless two clips would share one', () => {
    const m = sidecarPaths(['/f/A001.mov', '/f/B.mp4', '/f/B.mov']);
    expect(m.get('/f/A001.mov')).toBe('/f/A001.xmp');
    expect(m.get('/f/B.mp4')).toBe('/f/B.mp4.xmp');
    expect(m.get('/f/B.mov')).toBe('/f/B.mov.xmp');
  });
  test('our properties merged by another tool into a shared description are replaced, the rest kept', () => {
    const merged = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:cliptriage="${XMP_NS}" xmp:Label="Green" cliptriage:Verdict="usable">
<cliptriage:Quality>99</cliptriage:Quality><xmp:Rating>4</xmp:Rating>
</rdf:Description></rdf:RDF></x:xmpmeta>`;
    const stripped = stripOurs(merged);
    expect(stripped).not.toMatch(/cliptriage:(Verdict|Quality)/);
    expect(stripped).toContain('xmp:Label="Green"');
    expect(stripped).toContain('<xmp:Rating>4</xmp:Rating>');
    const out = mergeSidecar(merged, `<rdf:Description rdf:about="" xmlns:cliptriage="${XMP_NS}"><cliptriage:Quality>12</cliptriage:Quality></rdf:Description>`, '0.0.0')!;
    expect(out.match(/cliptriage:Quality>/g)).toHaveLength(2); // one open, one close tag
    expect(out.indexOf('<cliptriage:Quality>12')).toBeLessThan(out.indexOf('</rdf:RDF>'));
    expect(mergeSidecar('<html>not xmp</html>', '<x/>', '0')).toBeNull();
  });
});
