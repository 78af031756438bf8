// The engine on real decoded video: the right flags for every generated clip, the bad segment's
// time range, media facts for unusual inputs, plain-words errors for the bad-input corpus, the
// per-clip timeout and cancellation.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FLAGS, REPORT_SCHEMA } from '../extension/contracts/report';
import type { ClipReport } from '../extension/contracts/report';
import { createEngine, Engine, Progress } from '../extension/index';
import { clipPath, ensureClips, RECIPES, recipesIn } from './fixtures/clips';

let engine: Engine;
const rated = new Map<string, ClipReport>();

/** Rates recipes in batches grouped by the settings their expectation asks for. */
async function rateRecipes(names: string[]): Promise<void> {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const k = JSON.stringify(RECIPES[n].expect.settings ?? {});
    groups.set(k, [...(groups.get(k) ?? []), n]);
  }
  for (const [k, group] of groups) {
    const report = await engine.rate(
      group.map((n) => ({ key: n, path: clipPath(n) })),
      { settings: JSON.parse(k) },
    );
    expect(report.schema).toBe(REPORT_SCHEMA);
    report.clips.forEach((c, i) => rated.set(group[i], c));
  }
}

beforeAll(async () => {
  await ensureClips([...recipesIn('quality'), ...recipesIn('input')]);
  engine = await createEngine({ noCache: true, concurrency: 2 });
  await rateRecipes([...recipesIn('quality'), ...recipesIn('input')]);
});

afterAll(async () => {
  await engine?.close();
});

test('the engine rates with the judges alone (the learned models were removed; the report keeps the field)', () => {
  expect(engine.info.models).toEqual({});
  expect(engine.info.executionProvider).toBe('cpu');
});

describe('flags on generated footage', () => {
  const cases = recipesIn('quality').filter((n) => RECIPES[n].expect.flags && !RECIPES[n].expect.knownMiss);
  for (const n of recipesIn('quality').filter((r) => RECIPES[r].expect.knownMiss)) test.todo(`${n}: ${RECIPES[n].expect.knownMiss}`);
  test.each(cases)('%s', (name) => {
    const clip = rated.get(name)!;
    expect(clip.error).toBeNull();
    expect(clip.status).toBe('rated');
    expect(clip.flags).toEqual(RECIPES[name].expect.flags);
    // Reports are self-consistent: a flagged clip has a segment and is not "usable".
    if (clip.flags.length) {
      expect(clip.verdict).not.toBe('usable');
      expect(clip.segments.length).toBeGreaterThan(0);
    } else {
      expect(clip.verdict).toBe('usable');
      expect(clip.segments).toEqual([]);
    }
    for (const f of FLAGS) expect(clip.scores![f]).toBeGreaterThanOrEqual(0);
    expect(clip.framesAnalyzed).toBeGreaterThan(0);
  });

  const verdicts = recipesIn('quality').filter((n) => RECIPES[n].expect.verdictIn);
  test.each(verdicts)('%s has an acceptable verdict', (name) => {
    expect(RECIPES[name].expect.verdictIn).toContain(rated.get(name)!.verdict);
  });

  const cameras = recipesIn('quality').filter((n) => RECIPES[n].expect.camera);
  test.each(cameras)('%s has the right camera style', (name) => {
    expect(rated.get(name)!.camera).toBe(RECIPES[name].expect.camera);
  });

  test('a good-then-blurry clip is flagged only from the blur onwards', () => {
    const clip = rated.get('good-then-blurry')!;
    const [start, end] = RECIPES['good-then-blurry'].expect.segment!;
    expect(clip.segments).toHaveLength(1);
    expect(clip.segments[0].flags).toEqual(['blurry']);
    expect(Math.abs(clip.segments[0].startSec - start)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(clip.segments[0].endSec - end)).toBeLessThanOrEqual(0.5);
    const firstWindow = clip.windows![0];
    expect(firstWindow.scores.blurry).toBeLessThan(0.3);
    expect(clip.worstFrameSec).toBeGreaterThanOrEqual(start);
  });

  test('quality orders clean footage above degraded footage', () => {
    const q = (n: string) => rated.get(n)!.quality!;
    for (const bad of ['defocus', 'motion-blur', 'dark', 'bright', 'shaky']) expect(q('sharp-pan')).toBeGreaterThan(q(bad) + 30);
    expect(q('good-then-blurry')).toBeGreaterThan(q('defocus'));
  });

  test('windows cover the clip in ~1 s steps', () => {
    const clip = rated.get('sharp-pan')!;
    expect(clip.windows!.length).toBe(3);
    expect(clip.windows![0].startSec).toBe(0);
    expect(clip.windows![2].endSec).toBeCloseTo(clip.media!.durationSec, 1);
  });

  test('log footage: rated in log mode the flat clip is fine; in standard mode the under-exposed log clip is still found dark', async () => {
    const std = await engine.rate([{ key: 'x', path: clipPath('log-flat') }], { settings: { footageMode: 'standard' } });
    expect(std.clips[0].flags).not.toContain('bright');
    expect(rated.get('log-flat')!.flags).toEqual([]);
    expect(rated.get('log-under')!.flags).toEqual(['dark']);
  });

  test('log footage 3.5 stops over is found only in log mode: as standard footage it reads as well exposed', async () => {
    expect(rated.get('log-over')!.flags).toEqual(['bright']);
    const std = await engine.rate([{ key: 'x', path: clipPath('log-over') }], { settings: { footageMode: 'standard' } });
    expect(std.clips[0].flags).toEqual([]);
  });
});

test('a per-clip footage mode overrides the batch mode for that clip only', async () => {
  const path = clipPath('log-over');
  const asLog = await engine.rate([{ key: 'l', path }], { settings: { footageMode: 'log' } });
  const asStd = await engine.rate([{ key: 's', path }], { settings: { footageMode: 'standard' } });
  // The two modes must judge this clip differently (bright only as log), or the test below would prove nothing.
  expect(asLog.clips[0].scores).not.toEqual(asStd.clips[0].scores);
  const mixed = await engine.rate([{ key: 'l', path, footageMode: 'log' }, { key: 's', path }], { settings: { footageMode: 'standard' } });
  expect(mixed.clips[0].scores).toEqual(asLog.clips[0].scores);
  expect(mixed.clips[1].scores).toEqual(asStd.clips[0].scores);
});

describe('unusual inputs rate correctly', () => {
  test('rotation tag: dimensions as displayed', () => {
    const m = rated.get('rotated')!.media!;
    expect(m.rotation).toBe(90);
    expect([m.width, m.height]).toEqual([360, 640]);
  });
  test('variable frame rate is detected', () => {
    expect(rated.get('vfr')!.media!.variableFrameRate).toBe(true);
    expect(rated.get('sharp-pan')!.media!.variableFrameRate).toBe(false);
  });
  test('HDR from the transfer tag', () => {
    expect(rated.get('hdr-pq')!.media).toMatchObject({ hdr: true, colorTransfer: 'smpte2084' });
    expect(rated.get('hdr-hlg')!.media).toMatchObject({ hdr: true, colorTransfer: 'arib-std-b67' });
    expect(rated.get('sharp-pan')!.media!.hdr).toBe(false);
  });
  test('10-bit sources', () => {
    expect(rated.get('prores-10bit')!.media!.pixelFormat).toMatch(/10/);
    expect(rated.get('hevc-10bit')!.media!.pixelFormat).toMatch(/10/);
  });
  test('a single frame is rated from that frame', () => {
    expect(rated.get('one-frame')!.framesAnalyzed).toBe(1);
  });
  test('a sparse hour-long file is sampled within the frame budget', () => {
    const c = rated.get('sparse-long')!;
    expect(c.media!.durationSec).toBeGreaterThan(3000);
    expect(c.framesAnalyzed).toBeLessThanOrEqual(engine.settings.tuning.maxSampledFrames);
  });
  test('8K frames are scaled down inside ffmpeg', () => {
    expect(rated.get('huge-8k')!.media!.width).toBe(7680);
  });
});

describe('bad inputs: a clear error each, and the batch completes', () => {
  const cases = recipesIn('input').filter((n) => RECIPES[n].expect.error);
  test.each(cases)('%s', (name) => {
    const clip = rated.get(name)!;
    expect(clip.status).toBe('error');
    expect(clip.error!.code).toBe(RECIPES[name].expect.error);
    expect(clip.error!.message.length).toBeGreaterThan(10);
    expect(clip.verdict).toBeNull();
    expect(clip.flags).toEqual([]);
  });

  test('missing file, folder, and good clips around them in one batch', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-dir-'));
    const report = await engine.rate([
      { key: 'a', path: clipPath('sharp-steady') },
      { key: 'b', path: path.join(dir, 'gone.mp4') },
      { key: 'c', path: dir },
      { key: 'd', path: clipPath('empty') },
      { key: 'e', path: clipPath('sharp-steady') },
    ]);
    expect(report.clips.map((c) => c.error?.code ?? c.verdict)).toEqual(['usable', 'missing', 'not-a-file', 'empty', 'usable']);
  });
});

describe('timeout and cancel', () => {
  test('a clip over the per-clip limit is stopped with a timeout error, and the next clip still rates', async () => {
    const report = await engine.rate(
      [
        { key: 'slow', path: clipPath('huge-8k') },
        { key: 'ok', path: clipPath('sharp-steady') },
      ],
      { settings: { clipTimeoutSec: 0.05, concurrency: 1 } },
    );
    expect(report.clips[0].error?.code).toBe('timeout');
    expect(report.clips[0].error?.message).toMatch(/0\.05 s/);
    // The limit applies per clip, so the short clip may time out too on a slow machine; it never
    // inherits the first one's state.
    expect(['usable', 'timeout']).toContain(report.clips[1].verdict ?? report.clips[1].error?.code);
  });

  test('cancel: running and queued clips end as cancelled, finished ones keep their result', async () => {
    const ac = new AbortController();
    const names = ['sharp-steady', 'sharp-pan', 'defocus', 'dark', 'bright', 'shaky'];
    const seen: Progress[] = [];
    const report = await engine.rate(
      names.map((n) => ({ key: n, path: clipPath(n) })),
      {
        settings: { concurrency: 1 },
        signal: ac.signal,
        onProgress: (p) => seen.push(p),
        onResult: (key) => {
          if (key === 'sharp-steady') ac.abort();
        },
      },
    );
    expect(report.clips[0].verdict).toBe('usable');
    for (const c of report.clips.slice(1)) expect(c.error?.code).toBe('cancelled');
    expect(seen.some((p) => p.stage === 'decoding')).toBe(true);
  });

  test('progress reaches the whole batch with an ETA', async () => {
    const seen: Progress[] = [];
    await engine.rate(
      ['sharp-pan', 'dark'].map((n) => ({ key: n, path: clipPath(n) })),
      { onProgress: (p) => seen.push(p) },
    );
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ batchFraction: 1, clipsDone: 2, clipCount: 2, etaSec: 0 });
    expect(new Set(seen.map((p) => p.stage))).toEqual(new Set(['probing', 'decoding', 'analysing', 'done']));
  });
});

describe('thumbnails', () => {
  test('a JPEG of the requested frame', async () => {
    const jpeg = await engine.thumbnail(clipPath('sharp-pan'), 1.5, 160);
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });
  test('a missing file rejects with a plain message', async () => {
    await expect(engine.thumbnail('/nonexistent/clip.mp4', 0, 160)).rejects.toThrow(/does not exist/);
  });
});
