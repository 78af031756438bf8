// The result cache: instant re-rate of unchanged clips, re-analysis of changed ones, torn entries
// treated as misses, atomic writes; and a soak (cold, cached, after touching some files) that must
// give identical results and re-analyse only the touched files. `npm run soak` runs it at 200 clips.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ClipReport } from '../extension/contracts/report';
import { createEngine, Engine } from '../extension/index';
import { writeFileAtomic } from '../extension/util/atomic';
import { clipPath, ensureClips } from './fixtures/clips';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cache-'));
const cacheDir = path.join(tmp, 'cache');
let engine: Engine;

/** A copy of a fixture made unique by an MP4 `free` box, so copies do not share a fingerprint. */
function uniqueCopy(recipe: string, dest: string, tag: string): void {
  const body = Buffer.from(`cliptriage-soak:${tag}`);
  const box = Buffer.alloc(8);
  box.writeUInt32BE(8 + body.length, 0);
  box.write('free', 4, 'latin1');
  fs.writeFileSync(dest, Buffer.concat([fs.readFileSync(clipPath(recipe)), box, body]));
}

// Touching a file moves its modification time, which is the take signature's capture time when
// the container has none: that changes with the touch, nothing else may.
const strip = (c: ClipReport) => ({ ...c, cached: undefined, signature: c.signature ? { ...c.signature, capturedAt: undefined } : c.signature });
const cacheFiles = () => (fs.existsSync(cacheDir) ? (fs.readdirSync(cacheDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')) : []);

beforeAll(async () => {
  await ensureClips(['sharp-pan', 'defocus', 'sharp-steady']);
  engine = await createEngine({ cacheDir });
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('unchanged clips come from the cache with identical results; a touched clip is re-analysed', async () => {
  const a = path.join(tmp, 'a.mp4');
  const b = path.join(tmp, 'b.mp4');
  fs.copyFileSync(clipPath('sharp-pan'), a);
  fs.copyFileSync(clipPath('defocus'), b);
  const items = [
    { key: 'a', path: a },
    { key: 'b', path: b },
  ];
  const cold = await engine.rate(items);
  expect(cold.clips.map((c) => c.cached ?? false)).toEqual([false, false]);
  const warm = await engine.rate(items);
  expect(warm.clips.map((c) => c.cached)).toEqual([true, true]);
  expect(warm.clips.map(strip)).toEqual(cold.clips.map(strip));

  const later = new Date(Date.now() + 5000);
  fs.utimesSync(a, later, later);
  const touched = await engine.rate(items);
  expect(touched.clips.map((c) => c.cached ?? false)).toEqual([false, true]);
  expect(strip(touched.clips[0])).toEqual(strip(cold.clips[0]));

  // Settings that change results are part of the key; those that do not are not.
  const stricter = await engine.rate(items, { settings: { sensitivity: { blurry: 1.4 } } });
  expect(stricter.clips.map((c) => c.cached ?? false)).toEqual([false, false]);
  const faster = await engine.rate(items, { settings: { concurrency: 2, clipTimeoutSec: 99 } });
  expect(faster.clips.map((c) => c.cached)).toEqual([true, true]);
});

test('a torn or foreign cache entry is a miss, and is replaced by a whole one', async () => {
  const c = path.join(tmp, 'c.mp4');
  fs.copyFileSync(clipPath('sharp-steady'), c);
  const before = new Set(cacheFiles());
  await engine.rate([{ key: 'c', path: c }]);
  const [entry] = cacheFiles().filter((f) => !before.has(f));
  const file = path.join(cacheDir, entry);
  const whole = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, whole.slice(0, whole.length >> 1));
  const r1 = await engine.rate([{ key: 'c', path: c }]);
  expect(r1.clips[0].cached ?? false).toBe(false);
  expect(r1.clips[0].verdict).toBe('usable');
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).key).toBe(path.basename(entry, '.json'));
  fs.writeFileSync(file, JSON.stringify({ format: 'something-else' }));
  expect((await engine.rate([{ key: 'c', path: c }])).clips[0].cached ?? false).toBe(false);
  const r3 = await engine.rate([{ key: 'c', path: c }]);
  expect(r3.clips[0].cached).toBe(true);
  expect((fs.readdirSync(cacheDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('temporary files a killed writer left behind are swept once they are stale', async () => {
  const shard = path.join(cacheDir, 'ab');
  fs.mkdirSync(shard, { recursive: true });
  const stale = path.join(shard, '.abcd.json.123.deadbeef.tmp');
  const fresh = path.join(shard, '.abce.json.124.deadbeef.tmp');
  fs.writeFileSync(stale, '{"half":');
  fs.writeFileSync(fresh, '{"half":');
  const old = new Date(Date.now() - 3600 * 1000);
  fs.utimesSync(stale, old, old);
  const e = await createEngine({ cacheDir });
  const d = path.join(tmp, 'd.mp4');
  fs.copyFileSync(clipPath('sharp-steady'), d);
  fs.utimesSync(d, old, old); // a new fingerprint, so the engine writes an entry
  await e.rate([{ key: 'd', path: d }]);
  for (let i = 0; i < 100 && fs.existsSync(stale); i++) await new Promise((r) => setTimeout(r, 20));
  expect(fs.existsSync(stale)).toBe(false);
  expect(fs.existsSync(fresh)).toBe(true); // may belong to a writer that is still running
  fs.unlinkSync(fresh);
  await e.close();
});

test('atomic write: the target is replaced whole, and a failed write leaves nothing behind', async () => {
  const f = path.join(tmp, 'atomic', 'x.json');
  fs.mkdirSync(path.dirname(f));
  await writeFileAtomic(f, 'one');
  await writeFileAtomic(f, 'two');
  expect(fs.readFileSync(f, 'utf8')).toBe('two');
  // Renaming over a directory fails: the old content stays and no temporary file is left.
  const d = path.join(tmp, 'atomic', 'dir');
  fs.mkdirSync(d);
  await expect(writeFileAtomic(d, 'three')).rejects.toThrow();
  expect(fs.readdirSync(path.dirname(f)).sort()).toEqual(['dir', 'x.json']);
});

test('soak: cold, cached, then after touching a few files — identical results, only the touched re-analysed', async () => {
  const n = Number(process.env.CLIPTRIAGE_SOAK_CLIPS || 18);
  const dir = path.join(tmp, 'soak');
  fs.mkdirSync(dir);
  const kinds = ['sharp-steady', 'defocus', 'sharp-pan'];
  const items = Array.from({ length: n }, (_, i) => {
    const p = path.join(dir, `clip-${String(i).padStart(3, '0')}.mp4`);
    uniqueCopy(kinds[i % kinds.length], p, String(i));
    return { key: String(i), path: p };
  });
  const soakEngine = await createEngine({ cacheDir: path.join(tmp, 'soak-cache'), concurrency: 2 });
  try {
    const cold = await soakEngine.rate(items);
    expect(cold.clips.every((c) => c.status === 'rated' && !c.cached)).toBe(true);
    cold.clips.forEach((c, i) => expect(c.flags).toEqual(kinds[i % kinds.length] === 'defocus' ? ['blurry'] : []));
    const cached = await soakEngine.rate(items);
    expect(cached.clips.every((c) => c.cached)).toBe(true);
    expect(cached.clips.map(strip)).toEqual(cold.clips.map(strip));

    const touched = new Set(Array.from({ length: Math.min(10, n) }, (_, k) => Math.floor((k * n) / Math.min(10, n))));
    const later = new Date(Date.now() + 10000);
    for (const i of touched) fs.utimesSync(items[i].path, later, later);
    const third = await soakEngine.rate(items);
    third.clips.forEach((c, i) => expect({ i, cached: c.cached ?? false }).toEqual({ i, cached: !touched.has(i) }));
    expect(third.clips.map(strip)).toEqual(cold.clips.map(strip));
  } finally {
    await soakEngine.close();
  }
});
