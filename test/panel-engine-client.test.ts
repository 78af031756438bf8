// The panel's engine client against the REAL engine process (node build/extension/server.js over
// stdio, the same path CEP takes): rating, progress, cancel, thumbnails, and recovery when the
// engine is killed mid-batch — finished clips are never sent again, and a clip that takes the
// engine down twice is skipped with a plain-words error.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Request } from '../extension/contracts/protocol';
import type { ClipReport } from '../extension/contracts/report';
import { cepEngineTransportFactory } from '../panel/engine/cepEngine';
import { ChildProcessTransport, SpawnFn } from '../panel/engine/childProcessTransport';
import { BatchAlreadyRunningError, EngineClient, EngineStatus } from '../panel/engine/engineClient';
import { clipPath, ensureClips } from './fixtures/clips';

const SERVER = path.resolve(__dirname, '..', 'build', 'extension', 'server.js');
const CLIPS = ['sharp-steady', 'defocus', 'dark', 'shaky', 'good-then-blurry', 'bright', 'sharp-pan', 'motion-blur'];

let cacheHome: string;
const transports: RecordingTransport[] = [];

/** The real child-process transport, keeping a list of what the client sent (the test observes, nothing is faked). */
class RecordingTransport extends ChildProcessTransport {
  readonly sent: Request[] = [];
  send(request: Request): void {
    this.sent.push(request);
    super.send(request);
  }
}

function newClient(serverPath = SERVER): EngineClient {
  return new EngineClient(
    () => {
      const t = new RecordingTransport({
        spawn: spawn as unknown as SpawnFn,
        nodePath: process.execPath,
        serverPath,
        // A fresh cache per test file: every clip is really analysed.
        env: { ...process.env, XDG_CACHE_HOME: cacheHome },
      });
      transports.push(t);
      return t;
    },
    { restartDelayMs: 100, cancelGraceMs: 3000 },
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const items = (names: string[]) => names.map((n) => ({ key: `key-${n}`, path: clipPath(n) }));
const rateRequests = () => transports.flatMap((t) => t.sent.filter((r): r is Extract<Request, { type: 'rate' }> => r.type === 'rate'));

beforeAll(async () => {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build:engine\` first.`);
  await ensureClips(CLIPS);
  cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-panel-engine-'));
});

let client: EngineClient | null = null;
afterEach(() => {
  client?.dispose();
  client = null;
  transports.length = 0;
  // Each test starts with an empty cache so clips take real analysis time.
  fs.rmSync(cacheHome, { recursive: true, force: true });
  fs.mkdirSync(cacheHome, { recursive: true });
});
afterAll(() => fs.rmSync(cacheHome, { recursive: true, force: true }));

describe('engine client over a real engine process', () => {
  it('rates a batch: ready, progress, one result per clip, then done', async () => {
    client = newClient();
    const statuses: EngineStatus['state'][] = [];
    client.onStatus((s) => statuses.push(s.state));
    const results = new Map<string, ClipReport>();
    let progressEvents = 0;
    const batch = client.rate(items(['sharp-steady', 'defocus', 'dark']), { sampleFps: 2 }, {
      onResult: (k, c) => results.set(k, c),
      onProgress: (p) => {
        progressEvents++;
        expect(p.clipCount).toBe(3);
        expect(p.fraction).toBeGreaterThanOrEqual(0);
        expect(p.fraction).toBeLessThanOrEqual(1);
      },
    });
    const summary = await batch.done;
    expect(summary).toMatchObject({ cancelled: false, rated: 3, errors: 0, restarts: 0, unfinished: [], failure: null });
    expect(statuses.slice(0, 2)).toEqual(['starting', 'ready']);
    expect(progressEvents).toBeGreaterThan(0);
    expect(results.get('key-sharp-steady')?.verdict).toBe('usable');
    expect(results.get('key-defocus')?.flags).toContain('blurry');
    expect(results.get('key-dark')?.flags).toContain('dark');
    expect(client.engineInfo?.version).toMatch(/\d+\.\d+/);
  });

  it('refuses a second batch while one runs', async () => {
    client = newClient();
    const batch = client.rate(items(['sharp-steady', 'defocus']), {});
    expect(() => client!.rate(items(['dark']), {})).toThrow(BatchAlreadyRunningError);
    await batch.done;
    // …and accepts one once the first is done.
    const next = await client.rate(items(['dark']), {}).done;
    expect(next.rated).toBe(1);
  });

  it('restarts a killed engine and resumes with only the clips that have no result', async () => {
    client = newClient();
    const resultsBeforeKill: string[] = [];
    const results: string[] = [];
    let killed = false;
    const restarts: string[] = [];
    const batch = client.rate(items(CLIPS), { sampleFps: 8 }, {
      onResult: (k) => {
        results.push(k);
        if (!killed && results.length === 2) {
          killed = true;
          resultsBeforeKill.push(...results);
          process.kill(transports[0].pid as number, 'SIGKILL');
        }
      },
      onRestart: (message) => restarts.push(message),
    });
    const summary = await batch.done;
    expect(killed).toBe(true);
    expect(restarts).toHaveLength(1);
    expect(restarts[0]).toMatch(/SIGKILL/);
    expect(summary).toMatchObject({ cancelled: false, restarts: 1, unfinished: [], failure: null });
    expect(new Set(results)).toEqual(new Set(items(CLIPS).map((i) => i.key)));
    expect(results).toHaveLength(CLIPS.length); // nothing reported twice
    const reqs = rateRequests();
    expect(reqs).toHaveLength(2);
    expect(transports).toHaveLength(2);
    const resent = reqs[1].items.map((i) => i.key);
    for (const k of resultsBeforeKill) expect(resent).not.toContain(k);
    expect(resent.length).toBe(CLIPS.length - resultsBeforeKill.length);
  });

  it('skips a clip that was being rated when the engine died twice', async () => {
    client = newClient();
    const poison = 'key-shaky';
    let kills = 0;
    const results = new Map<string, ClipReport>();
    const batch = client.rate(items(['shaky', 'sharp-steady', 'dark']), { sampleFps: 8 }, {
      onProgress: (p) => {
        const t = transports[transports.length - 1];
        if (kills < 2 && p.active.some((a) => a.key === poison) && t.pid && transports.length === kills + 1) {
          kills++;
          process.kill(t.pid, 'SIGKILL');
        }
      },
      onResult: (k, c) => results.set(k, c),
    });
    const summary = await batch.done;
    expect(kills).toBe(2);
    expect(summary.restarts).toBe(2);
    expect(results.get(poison)?.status).toBe('error');
    expect(results.get(poison)?.error?.message).toMatch(/stopped twice while rating this clip/);
    expect(results.get('key-sharp-steady')?.status).toBe('rated');
    expect(results.get('key-dark')?.status).toBe('rated');
  });

  it('cancels promptly and reports what was left unrated', async () => {
    client = newClient();
    let cancelledAt = 0;
    const batch = client.rate(items(CLIPS), { sampleFps: 8 }, {
      onResult: () => {
        if (!cancelledAt) {
          cancelledAt = Date.now();
          batch.cancel();
        }
      },
    });
    const summary = await batch.done;
    const took = Date.now() - cancelledAt;
    expect(summary.cancelled).toBe(true);
    expect(summary.unfinished.length).toBeGreaterThan(0);
    expect(summary.rated + summary.errors + summary.unfinished.length).toBe(CLIPS.length);
    // Cancel either wound the engine down or, past the grace period, killed it: never a full batch.
    expect(took).toBeLessThan(client.options.cancelGraceMs + 5000);
  });

  it('fetches a worst-frame thumbnail as an image data URL', async () => {
    client = newClient();
    const url = await client.thumbnail(clipPath('dark'), 1, 160);
    expect(url).toMatch(/^data:image\/(jpeg|png);base64,/);
    await expect(client.thumbnail(path.join(cacheHome, 'missing.mp4'), 1, 160)).rejects.toThrow();
  });

  it('stops the engine process when the panel goes away', async () => {
    client = newClient();
    await client.ensureReady();
    const pid = transports[0].pid as number;
    expect(() => process.kill(pid, 0)).not.toThrow();
    client.dispose();
    const end = Date.now() + 10000;
    while (Date.now() < end && isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(pid)).toBe(false);
  });

  it('fails a batch with plain words when the engine cannot start', async () => {
    client = newClient(path.join(cacheHome, 'no-such-server.js'));
    const summary = await client.rate(items(['dark']), {}).done;
    expect(summary.failure).toMatch(/rating engine/i);
    expect(summary.unfinished).toEqual(['key-dark']);
  });
});

describe('engine start-up as CEP does it (Node modules through require, extension folder layout)', () => {
  const ROOT = path.resolve(__dirname, '..');

  it('finds the engine inside the extension folder and a configured Node, and rates', async () => {
    client = new EngineClient(cepEngineTransportFactory(require, ROOT, () => process.execPath));
    const summary = await client.rate(items(['sharp-steady']), {}).done;
    expect(summary).toMatchObject({ rated: 1, failure: null });
  });

  it('says what to fix when the configured Node path is wrong', async () => {
    client = new EngineClient(cepEngineTransportFactory(require, ROOT, () => path.join(cacheHome, 'no', 'node')));
    const summary = await client.rate(items(['sharp-steady']), {}).done;
    expect(summary.failure).toMatch(/Node\.js path set in Settings .* does not exist/);
  });

  it('says to reinstall when the engine is missing from the extension', async () => {
    client = new EngineClient(cepEngineTransportFactory(require, cacheHome, () => process.execPath));
    const summary = await client.rate(items(['sharp-steady']), {}).done;
    expect(summary.failure).toMatch(/rating engine is missing from the extension .* Reinstall ClipTriage/);
  });
});
