// The engine's pure parts on constructed inputs: aggregation rules, score combination, the
// analysers' measurements on images with known properties, sidecar merging.

import { aggregate, TimedScores } from '../extension/aggregate/aggregate';
import { estimateShift } from '../extension/analyze/motion';
import { EdgeWidthBlurAnalyzer, edgeSpread, edgeSpreadOptions, fitSpread, nativeSpread, spreadTable } from '../extension/analyze/edgeWidth';
import { brightTileStops, ExposureAnalyzer } from '../extension/analyze/exposure';
import type { AnalysisContext, Frame } from '../extension/analyze/types';
import { DEFAULT_SETTINGS, resolveSettings } from '../extension/contracts/settings';
import { checkSettings } from '../extension/engine/checkSettings';
import { CameraPathTracker } from '../extension/analyze/shake';
import type { MotionFrame } from '../extension/media/sampler';
import { mergeSidecar, sidecarPaths, stripOurs, XMP_NS } from '../extension/xmp/sidecar';

const settings = resolveSettings({});

/** Deterministic pseudo-random texture (xorshift), smoothed a little like a camera would. */
function texture(w: number, h: number, seed = 7): Uint8Array {
  let s = seed;
  const raw = new Float64Array(w * h).map(() => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 1000) / 1000;
  });
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const a = raw[y * w + x], b = raw[y * w + Math.min(w - 1, x + 1)], c = raw[Math.min(h - 1, y + 1) * w + x];
      out[y * w + x] = Math.round(40 + 170 * (0.5 * a + 0.25 * b + 0.25 * c));
    }
  return out;
}


/** A Gaussian blur of σ px (separable, edges clamped). */
function gaussBlur(img: Uint8Array, w: number, h: number, sx: number, sy: number): Uint8Array {
  const pass = (src: Float64Array, s: number, horizontal: boolean) => {
    if (s <= 0) return src;
    const r = Math.ceil(3 * s), k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * s * s)));
    const sum = k.reduce((a, b) => a + b, 0);
    const out = new Float64Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let acc = 0;
        for (let i = -r; i <= r; i++) {
          const xx = horizontal ? Math.min(w - 1, Math.max(0, x + i)) : x, yy = horizontal ? y : Math.min(h - 1, Math.max(0, y + i));
          acc += src[yy * w + xx] * k[i + r];
        }
        out[y * w + x] = acc / sum;
      }
    return out;
  };
  const v = pass(pass(Float64Array.from(img), sx, true), sy, false);
  return Uint8Array.from(v, (x) => Math.round(x));
}

/** Hard-edged blocks of random grey (a man-made scene: every tile has edges). */
function blocks(w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = 40 + ((Math.floor(x / 11) * 7919 + Math.floor(y / 13) * 104729) % 97) * 1.7;
  return out;
}

describe('edge width (blur)', () => {
  const w = 384, h = 216;
  const sharp = blocks(w, h);
  const spread = (img: Uint8Array) => edgeSpread(img, w, h, edgeSpreadOptions(settings.tuning));

  test('measures the spread of edges in pixels, whatever their contrast', () => {
    const s = [0, 1, 2, 3].map((sigma) => spread(gaussBlur(sharp, w, h, sigma, sigma)).spreadPx);
    expect(s[0]).toBeLessThan(0.5);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1] + 0.3); // grows with σ
    expect(s[2]).toBeGreaterThan(1.2);
    expect(s[2]).toBeLessThan(3);
    const faint = gaussBlur(sharp, w, h, 2, 2).map((v) => 100 + Math.round((v - 128) * 0.3));
    expect(Math.abs(spread(faint).spreadPx - s[2])).toBeLessThan(0.5);
  });

  test('noise neither reads as sharpness nor hides a defocus', () => {
    let seed = 11;
    const noisy = gaussBlur(sharp, w, h, 2, 2).map((v) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return Math.max(0, Math.min(255, v + ((seed % 13) - 6)));
    });
    expect(spread(noisy).spreadPx).toBeGreaterThan(1.2);
  });

  test('defocused fine texture (gravel, feathers, moss) reads blurred, not sharp', () => {
    // Random texture saturates by lag 4, which a fit of both lag ratios takes for a sharp edge.
    // Gravel on the lower half, a plain sky above (so the texture is not taken for noise).
    const gravel = texture(w, h, 19).map((v, i) => (i < (w * h) / 2 ? 150 : v));
    const sharpTex = spread(gravel).spreadPx;
    const soft = spread(gaussBlur(gravel, w, h, 2, 2)).spreadPx;
    expect(sharpTex).toBeLessThan(0.5);
    expect(soft).toBeGreaterThan(1); // hard edges blurred alike read 1.8
  });

  test('a strong defocus of fine texture is severe, a streak never is', async () => {
    // A 640×360 clip analysed at 384: σ 3 analysis px is σ 5 in the clip's own pixels, far past
    // `blurEdgePx.full`. (The half-size reading of wide blur is proved on the decoded σ 5 fixture,
    // `engine.test.ts`: this texture reads severe at full size already.)
    const gravel = texture(w, h, 23).map((v, i) => (i < (w * h) / 2 ? 150 : v)); // a plain sky above, as above
    const blurry = async (img: Uint8Array) => {
      const rgb = new Uint8Array(w * h * 3).map((_, i) => img[Math.floor(i / 3)]);
      const ctx = { media: { durationSec: 1, fps: 30, width: 640, height: 360 }, footageMode: 'standard', settings } as AnalysisContext;
      const [r] = await new EdgeWidthBlurAnalyzer().analyze([{ timeSec: 0, width: w, height: h, rgb }], ctx);
      return r.blurry as number;
    };
    expect(await blurry(gravel)).toBeLessThan(0.1);
    expect(await blurry(gaussBlur(gravel, w, h, 3, 3))).toBeGreaterThanOrEqual(settings.unusableSeverity);
    // A streak keeps its sharp direction: never severe, however wide along the streak.
    expect(await blurry(gaussBlur(gravel, w, h, 4, 0))).toBeLessThanOrEqual(settings.tuning.blurStreakMaxScore);
  });

  test('a streak is caught in its own direction, and is sharp across the others', () => {
    const r = spread(gaussBlur(sharp, w, h, 3, 0));
    expect(r.spreadPx).toBeGreaterThan(1.5);
    expect(r.bestPx).toBeLessThan(0.6);
  });

  test('a small sharp region keeps the frame sharp; flat and soft-shaded frames are no evidence', () => {
    const soft = gaussBlur(sharp, w, h, 4, 4);
    const macro = soft.slice();
    for (let y = 60; y < 108; y++) for (let x = 150; x < 222; x++) macro[y * w + x] = sharp[y * w + x]; // 4 % of the frame
    expect(spread(macro).spreadPx).toBeLessThan(0.6);
    expect(Number.isNaN(spread(new Uint8Array(w * h).fill(90)).spreadPx)).toBe(true);
    const shading = new Uint8Array(w * h).map((_, i) => 110 + Math.round(25 * Math.sin((i % w) / 20) * Math.cos(Math.floor(i / w) / 15)));
    expect(Number.isNaN(spread(shading).spreadPx)).toBe(true);
  });

  test('the clip is judged in its own pixels: the same picture is softer at a larger size', () => {
    expect(nativeSpread(1, 1, 0.35)).toBe(1);
    expect(nativeSpread(1, 3, 0.35)).toBeCloseTo(3 * Math.sqrt(1 - 0.35 ** 2), 5);
    expect(nativeSpread(0.3, 5, 0.35)).toBe(0);
  });

  test('the bracketed fit finds what a scan of the whole table finds, ties and out-of-range ratios included', () => {
    const t = spreadTable();
    expect(t.ascending).toBe(true);
    // The first σ of least cost over every table entry: what fitSpread answered before it bracketed.
    const scan = (e: number[], ratios: number) => {
      const m = [1, 2].slice(0, ratios).map((k) => Math.log(Math.max(e[k], 1e-9) / Math.max(e[k - 1], 1e-9)));
      let best = 0, bestCost = Infinity;
      for (let i = 0; i < t.sigma.length; i++) {
        let c = 0;
        for (let k = 0; k < m.length; k++) c += (m[k] - t.logRatio[k][i]) ** 2;
        if (c < bestCost) (bestCost = c), (best = i);
      }
      return t.sigma[best];
    };
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cases: number[][] = [];
    for (let n = 0; n < 4000; n++) {
      const e1 = 1 + rnd() * 1e6;
      cases.push([e1, e1 * (0.5 + rnd() * 4.5), e1 * (0.5 + rnd() * 4.5) * (0.5 + rnd() * 4.5)]);
    }
    // Exactly on table entries (the flat start of the table is a tie) and at either end.
    for (const i of [0, 1, 2, 40, 159, 160]) cases.push([1, Math.exp(t.logRatio[0][i]), Math.exp(t.logRatio[0][i] + t.logRatio[1][i])]);
    // Just past the tie, nearer to it than to the next entry: the bracket opens on its second entry.
    cases.push([1, Math.exp(t.logRatio[0][1] + 1e-7), Math.exp(t.logRatio[0][1] + 1e-7 + t.logRatio[1][1] + 1e-7)]);
    cases.push([1, 1, 1], [1, 9, 81], [0, 0, 0]);
    for (const e of cases) for (const ratios of [1, 2]) expect(fitSpread(e, ratios)).toBe(scan(e, ratios));
  });
});

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
