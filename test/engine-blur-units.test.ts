// The blur analyser on constructed inputs: edge spread in pixels, noise, texture, streaks, the
// sharpest region, the clip's own pixel scale and the spread table's fit.

import { EdgeWidthBlurAnalyzer, edgeSpread, edgeSpreadOptions, nativeSpread, streakSpread } from '../extension/analyze/edgeWidth';
import { fitSpread, spreadTable } from '../extension/analyze/spreadFit';
import type { AnalysisContext } from '../extension/analyze/types';
import { resolveSettings } from '../extension/contracts/settings';
import { blocks, gaussBlur, texture } from './fixtures/constructedImages';

const settings = resolveSettings({});

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

  test('a streak counts where its perpendicular is sharp; two perpendicular wide directions beside a sharp one do not', () => {
    // Direction readings (analysis px, →, ↓, ↘, ↗) of a 1280 px clip analysed at 384.
    const toNative = (px: number) => nativeSpread(px, 1280 / 384, settings.tuning.blurScaleFilterSigma);
    const sharpBelow = settings.tuning.blurEdgePx.start;
    const worst = (d: number[]) => Math.max(...d.filter((v) => !Number.isNaN(v)).map(toNative));
    // A pan along →: wide across the streak, sharp along it (↓), the diagonals read obliquely.
    const pan = [2, 0.35, 0.57, 0.57];
    expect(streakSpread(pan, toNative, sharpBelow)).toBe(worst(pan));
    // A streak along ↗ whose ↘ edges stay sharp; the axes read those edges at 45°, √2 wider.
    const diagonal = [0.57, 0.57, 0.35, 1.8];
    expect(streakSpread(diagonal, toNative, sharpBelow)).toBe(worst(diagonal));
    // A streak across → where nothing runs along it (↓ has no evidence): still counted.
    expect(streakSpread([1.5, NaN, 0.4, 0.45], toNative, sharpBelow)).toBe(toNative(1.5));
    // A misty horizon and treeline: sharp across the waterline and the trunks, the diagonals a
    // little wider alike. No streak blurs two perpendicular directions and spares a third.
    const mist = [0.4, 0.5, 0.64, 0.71];
    expect(streakSpread(mist, toNative, sharpBelow)).toBe(toNative(0.5));
    expect(worst(mist)).toBeGreaterThan(settings.tuning.blurEdgePx.start + 0.6 * (settings.tuning.blurEdgePx.full - settings.tuning.blurEdgePx.start));
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
