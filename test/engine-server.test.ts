// The engine protocol server end to end: spawn build/extension/server.js, speak NDJSON over stdio.

import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as os from 'os';
import * as fs from 'fs';
import * as path from 'path';
import type { EngineEvent, EventOf } from '../extension/contracts/protocol';
import { PROTOCOL_VERSION } from '../extension/contracts/protocol';
import { clipPath, ensureClips } from './fixtures/clips';
import { SERVER } from './fixtures/process';

class EngineProcess {
  readonly events: EngineEvent[] = [];
  readonly rawLines: string[] = [];
  stderr = '';
  private waiters: Array<() => void> = [];
  readonly proc: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;

  constructor() {
    this.proc = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let buf = '';
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (d: string) => {
      buf += d;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.rawLines.push(line);
        this.events.push(JSON.parse(line) as EngineEvent);
        this.waiters.splice(0).forEach((w) => w());
      }
    });
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((r) => this.proc.on('close', (code) => r(code)));
  }

  send(obj: unknown): void {
    this.proc.stdin.write((typeof obj === 'string' ? obj : JSON.stringify(obj)) + '\n');
  }

  /** Waits for the first event (from index `from`) matching `pred`. */
  async next<T extends EngineEvent['type']>(type: T, pred: (e: EventOf<T>) => boolean = () => true, from = 0): Promise<EventOf<T>> {
    for (;;) {
      const hit = this.events.slice(from).find((e) => e.type === type && pred(e as EventOf<T>));
      if (hit) return hit as EventOf<T>;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  of<T extends EngineEvent['type']>(type: T, id?: string): EventOf<T>[] {
    return this.events.filter((e) => e.type === type && (id === undefined || (e as { id?: string }).id === id)) as EventOf<T>[];
  }
}

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-srv-cache-'));
let engine: EngineProcess;

beforeAll(async () => {
  await ensureClips(['sharp-steady', 'sharp-pan', 'defocus', 'dark', 'bright', 'shaky', 'smooth-pan', 'empty']);
  engine = new EngineProcess();
  await engine.next('ready');
});

afterAll(async () => {
  if (engine.proc.exitCode === null) engine.proc.kill('SIGKILL');
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test('ready comes first and names the engine', () => {
  const ready = engine.events[0] as EventOf<'ready'>;
  expect(ready.type).toBe('ready');
  expect(ready.protocol).toBe(PROTOCOL_VERSION);
  expect(ready.engine.version).toMatch(/^\d+\.\d+\.\d+/);
});

test('malformed and invalid requests get error events, and the engine keeps serving', async () => {
  const from = engine.events.length;
  engine.send('this is not json');
  engine.send('{"type":"rate"');
  engine.send({ type: 'explode', id: 'x' });
  engine.send({ type: 'rate', id: 'bad-items', items: [{ key: 1 }] });
  engine.send([1, 2, 3]);
  engine.send({ type: 'cancel', id: 'never-started' });
  engine.send({ type: 'thumbnail', id: 't', path: 'x.mp4', timeSec: -1 });
  await engine.next('error', (e) => e.id === 't', from);
  const errors = engine.events.slice(from).filter((e) => e.type === 'error') as EventOf<'error'>[];
  expect(errors.map((e) => e.id)).toEqual([null, null, 'x', 'bad-items', null, 'never-started', 't']);
  for (const e of errors) expect(e.message.length).toBeGreaterThan(5);
  expect(engine.proc.exitCode).toBeNull();
});

test('rate: progress with batch fraction and ETA, one result per item by key, then done', async () => {
  const items = [
    { key: 'node-1', path: clipPath('sharp-pan') },
    { key: 'node-2', path: clipPath('defocus') },
    { key: 'node-3', path: clipPath('empty') },
  ];
  engine.send({ type: 'rate', id: 'r1', items, settings: { cacheDir, concurrency: 2 } });
  const done = await engine.next('done', (e) => e.id === 'r1');
  expect(done).toMatchObject({ cancelled: false, rated: 2, errors: 1, cached: 0 });
  const results = engine.of('result', 'r1');
  expect(results.map((r) => r.key).sort()).toEqual(['node-1', 'node-2', 'node-3']);
  const byKey = Object.fromEntries(results.map((r) => [r.key, r.clip]));
  expect(byKey['node-1'].verdict).toBe('usable');
  expect(byKey['node-2'].flags).toEqual(['blurry']);
  expect(byKey['node-3'].error?.code).toBe('empty');
  const progress = engine.of('progress', 'r1');
  expect(progress.length).toBeGreaterThan(3);
  for (const p of progress) {
    expect(p.batchFraction).toBeGreaterThanOrEqual(0);
    expect(p.batchFraction).toBeLessThanOrEqual(1);
    expect(p.clipCount).toBe(3);
  }
  expect(progress[progress.length - 1]).toMatchObject({ batchFraction: 1, clipsDone: 3, etaSec: 0 });
  // The done event follows every result of its run.
  const idx = (e: EngineEvent) => engine.events.indexOf(e);
  for (const r of results) expect(idx(r)).toBeLessThan(idx(done));

  // The same items again come from the cache.
  engine.send({ type: 'rate', id: 'r1-again', items, settings: { cacheDir } });
  const again = await engine.next('done', (e) => e.id === 'r1-again');
  expect(again).toMatchObject({ rated: 2, errors: 1, cached: 2 });
});

test('cancel mid-batch: done says cancelled, unfinished clips come back as cancelled, next run works', async () => {
  const names = ['sharp-steady', 'sharp-pan', 'dark', 'bright', 'shaky', 'smooth-pan'];
  const from = engine.events.length;
  engine.send({ type: 'rate', id: 'big', items: names.map((n) => ({ key: n, path: clipPath(n) })), settings: { noCache: true, concurrency: 1 } });
  await engine.next('result', (e) => e.id === 'big', from);
  engine.send({ type: 'cancel', id: 'big' });
  const done = await engine.next('done', (e) => e.id === 'big', from);
  expect(done.cancelled).toBe(true);
  const results = engine.of('result', 'big');
  expect(results).toHaveLength(names.length);
  expect(results[0].clip.status).toBe('rated');
  const cancelled = results.filter((r) => r.clip.error?.code === 'cancelled');
  expect(cancelled.length).toBeGreaterThanOrEqual(names.length - 2);
  expect(done.rated + done.errors).toBe(names.length);

  engine.send({ type: 'rate', id: 'after', items: [{ key: 'k', path: clipPath('sharp-steady') }], settings: { noCache: true } });
  const after = await engine.next('done', (e) => e.id === 'after');
  expect(after).toMatchObject({ cancelled: false, rated: 1 });
});

test('a second rate with a running id is refused; queued runs can be cancelled before they start', async () => {
  const from = engine.events.length;
  const items = [{ key: 'a', path: clipPath('sharp-pan') }];
  engine.send({ type: 'rate', id: 'dup', items, settings: { noCache: true } });
  engine.send({ type: 'rate', id: 'dup', items, settings: { noCache: true } });
  engine.send({ type: 'rate', id: 'queued', items, settings: { noCache: true } });
  engine.send({ type: 'cancel', id: 'queued' });
  const err = await engine.next('error', (e) => e.id === 'dup', from);
  expect(err.message).toMatch(/already running/);
  const queuedDone = await engine.next('done', (e) => e.id === 'queued', from);
  expect(queuedDone).toMatchObject({ cancelled: true, rated: 0 });
  await engine.next('done', (e) => e.id === 'dup', from);
  expect(engine.of('result', 'queued')).toHaveLength(0);
});

test('settings out of range fall back to defaults instead of failing every clip', async () => {
  const settings = { noCache: true, sampleFps: -3, concurrency: 'many', thresholds: null, footageMode: 'sepia' };
  engine.send({ type: 'rate', id: 'odd-settings', items: [{ key: 'd', path: clipPath('defocus') }], settings });
  await engine.next('done', (e) => e.id === 'odd-settings');
  const [r] = engine.of('result', 'odd-settings');
  expect(r.clip.flags).toEqual(['blurry']);
});

test('thumbnail: a JPEG data URL, or null with a reason', async () => {
  engine.send({ type: 'thumbnail', id: 'th1', path: clipPath('sharp-pan'), timeSec: 1, width: 160 });
  engine.send({ type: 'thumbnail', id: 'th2', path: '/no/such/clip.mp4', timeSec: 0 });
  const ok = await engine.next('thumbnail', (e) => e.id === 'th1');
  expect(ok.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
  expect(Buffer.from(ok.dataUrl!.split(',')[1], 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  const bad = await engine.next('thumbnail', (e) => e.id === 'th2');
  expect(bad.dataUrl).toBeNull();
  expect(bad.error).toMatch(/does not exist/);
});

test('stdout carried only protocol lines; shutdown exits cleanly', async () => {
  engine.send({ type: 'shutdown' });
  expect(await engine.exited).toBe(0);
  for (const l of engine.rawLines) expect(() => JSON.parse(l)).not.toThrow();
  expect(engine.rawLines.length).toBe(engine.events.length);
});

test('closing stdin (the panel went away) stops the engine', async () => {
  const e = new EngineProcess();
  await e.next('ready');
  e.proc.stdin.end();
  expect(await e.exited).toBe(0);
});
