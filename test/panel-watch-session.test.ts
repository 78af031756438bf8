// The watch session against the real host script in the simulator and a real low-priority engine
// process: clips imported while paused wait; on Resume a clip removed meanwhile is skipped, one
// rated meanwhile (Rate bin) is not rated again, a good one is rated and written; nothing starts
// while the editor's own batch runs; Cancel drops what waits.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChildProcessTransport, SpawnFn } from '../panel/engine/childProcessTransport';
import { EngineClient } from '../panel/engine/engineClient';
import { createHostCall } from '../panel/host/hostCall';
import { HostClient } from '../panel/host/hostClient';
import { DEFAULT_PANEL_SETTINGS } from '../panel/state/settings';
import { WatchSession } from '../panel/state/watchSession';
import { clipPath, ensureClips } from './fixtures/clips';
import { callOk, col, OPTIONS, rating, simWithHost } from './host-helpers';
import type { PremiereSim } from './premiere-sim';

jest.setTimeout(90000);
const SERVER = path.resolve(__dirname, '..', 'build', 'extension', 'server.js');
let cacheDir: string;
let sim: PremiereSim;
let watch: WatchSession;
let busy = false;

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

async function until(cond: () => boolean, ms = 30000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const statusOf = (name: string) => watch.state.queue.entries.find((e) => e.name === name);

beforeAll(() => ensureClips(['sharp-steady', 'defocus']));

beforeEach(async () => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-watch-session-'));
  sim = simWithHost({ items: [{ bin: 'Imports', children: [] }] });
  const host = new HostClient(createHostCall(async (script) => sim.evalScript(script)));
  const engine = new EngineClient(() => new ChildProcessTransport({ spawn: spawn as unknown as SpawnFn, nodePath: process.execPath, serverPath: SERVER, args: ['--priority=low'], env: { ...process.env, XDG_CACHE_HOME: cacheDir } }));
  busy = false;
  watch = new WatchSession({ host, engine, getSettings: () => DEFAULT_PANEL_SETTINGS, storage: memoryStorage(), mainBusy: () => busy });
  sim.onCsxsEvent((e) => void watch.onImportEvent(e.data));
  await watch.setEnabled(true);
  expect(watch.state.watching).toBe(true);
});

afterEach(() => {
  watch.dispose();
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test('paused imports wait; on Resume the removed one is skipped, the one rated meanwhile is not rated again, the rest are rated', async () => {
  watch.pause();
  sim.importClips([
    { clip: 'Keep', path: clipPath('sharp-steady') },
    { clip: 'Deleted', path: clipPath('defocus') },
    { clip: 'Rated by Rate bin', path: clipPath('defocus') },
  ], 'Imports');
  await until(() => watch.state.queue.entries.length === 3);
  expect(watch.state.queue.entries.every((e) => e.status === 'waiting')).toBe(true);
  // Meanwhile: the editor deletes one clip and rates another with Rate bin.
  sim.deleteItem('Deleted');
  callOk(sim, 'applyRatings', { ratings: [rating(sim, 'Rated by Rate bin')], options: OPTIONS });
  watch.resume();
  await until(() => watch.state.queue.entries.every((e) => e.status !== 'waiting' && e.status !== 'rating'));
  expect(statusOf('Keep')).toMatchObject({ status: 'rated', verdict: 'usable' });
  expect(col(sim, 'Keep', 'ClipTriageUsability')).toBe('Usable');
  expect(statusOf('Deleted')).toMatchObject({ status: 'skipped', message: expect.stringMatching(/removed from the project/) });
  expect(statusOf('Rated by Rate bin')).toMatchObject({ status: 'skipped', message: expect.stringMatching(/Already rated \(Unusable\)/) });
  expect(col(sim, 'Rated by Rate bin', 'ClipTriageUsability')).toBe('Unusable'); // Rate bin's rating stands
});

test("nothing starts while the editor's own batch runs; Cancel drops what waits", async () => {
  busy = true;
  sim.importClips([{ clip: 'A', path: clipPath('sharp-steady') }, { clip: 'B', path: clipPath('defocus') }], 'Imports');
  await until(() => watch.state.queue.entries.length === 2);
  await new Promise((r) => setTimeout(r, 500));
  expect(watch.state.queue.entries.map((e) => e.status)).toEqual(['waiting', 'waiting']);
  watch.cancel();
  busy = false;
  watch.pump();
  await new Promise((r) => setTimeout(r, 300));
  expect(watch.state.queue.entries.map((e) => [e.name, e.status, e.message])).toEqual([
    ['A', 'skipped', 'Not rated: cancelled.'],
    ['B', 'skipped', 'Not rated: cancelled.'],
  ]);
  expect(col(sim, 'A', 'ClipTriageUsability')).toBeUndefined();
});
