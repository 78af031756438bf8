// Watch mode's pure parts: the persisted queue (what survives a reload, what a damaged store
// gives), the import event's data under both CEP readings, and the background engine settings.
import { DEFAULT_PANEL_SETTINGS } from '../panel/state/settings';
import { enqueue, entryFromListing, KEEP_FINISHED, loadQueue, saveQueue, update, WATCH_STORAGE_KEY, WatchQueue } from '../panel/state/watchQueue';
import { backgroundEngineSettings, importEventData } from '../panel/state/watchSession';
import type { ClipListing } from '../host-scripts/contract';

const listing = (id: string): ClipListing => ({ nodeId: id, name: `Clip ${id}`, mediaPath: `/m/${id}.mov`, treePath: 'Imports', durationSec: 2, colorLabel: 1, previousRating: null, footageTag: null });

function memoryStorage(): { getItem(k: string): string | null; setItem(k: string, v: string): void; data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

test('a clip already waiting or being rated is not queued twice; a finished one is queued again', () => {
  let q: WatchQueue = { entries: [], paused: false };
  q = enqueue(q, [entryFromListing(listing('a'), 1), entryFromListing(listing('b'), 1), entryFromListing(listing('a'), 1)]);
  expect(q.entries.map((e) => e.nodeId)).toEqual(['a', 'b']);
  q = update(q, 'a', { status: 'rating' });
  q = enqueue(q, [entryFromListing(listing('a'), 2)]);
  expect(q.entries.filter((e) => e.nodeId === 'a')).toHaveLength(1);
  q = update(q, 'a', { status: 'rated', verdict: 'usable', quality: 90 });
  q = enqueue(q, [entryFromListing(listing('a'), 3)]);
  expect(q.entries.map((e) => [e.nodeId, e.status])).toEqual([['b', 'waiting'], ['a', 'waiting']]);
});

test('the queue survives a reload: an interrupted rating waits again, the pause is kept', () => {
  const storage = memoryStorage();
  let q: WatchQueue = enqueue({ entries: [], paused: true }, [entryFromListing(listing('a'), 1), entryFromListing(listing('b'), 1)]);
  q = update(q, 'a', { status: 'rating' });
  expect(saveQueue(storage, q)).toBe(true);
  const back = loadQueue(storage);
  expect(back.paused).toBe(true);
  expect(back.entries.map((e) => [e.nodeId, e.status])).toEqual([['a', 'waiting'], ['b', 'waiting']]);
});

test('a damaged store gives an empty queue or drops only the damaged entries', () => {
  const storage = memoryStorage();
  storage.setItem(WATCH_STORAGE_KEY, '{not json');
  expect(loadQueue(storage)).toEqual({ entries: [], paused: false });
  storage.setItem(WATCH_STORAGE_KEY, JSON.stringify({ entries: [{ nodeId: 'x' }, 7, { nodeId: 'y', mediaPath: '/y.mov', status: 'bogus', quality: 'high' }] }));
  const q = loadQueue(storage);
  expect(q.entries.map((e) => [e.nodeId, e.status, e.quality])).toEqual([['y', 'waiting', null]]);
  expect(loadQueue(null).entries).toEqual([]);
  expect(saveQueue({ getItem: () => null, setItem: () => { throw new Error('full'); } }, q)).toBe(false);
});

test('finished entries are trimmed oldest first; waiting ones never', () => {
  let q: WatchQueue = { entries: [], paused: false };
  const n = KEEP_FINISHED + 10;
  q = enqueue(q, Array.from({ length: n }, (_, i) => entryFromListing(listing(String(i)), i)));
  for (let i = 0; i < n - 1; i++) q = update(q, String(i), { status: 'rated' });
  expect(q.entries.filter((e) => e.status === 'rated')).toHaveLength(KEEP_FINISHED);
  expect(q.entries[0].nodeId).toBe('9');
  expect(q.entries.some((e) => e.status === 'waiting' && e.nodeId === String(n - 1))).toBe(true);
});

test('the import event data is read whether CEP hands it over as text or parsed', () => {
  const d = { v: 1, documentID: 'doc', nodeIds: ['1', '2'] };
  expect(importEventData(JSON.stringify(d))).toEqual(d);
  expect(importEventData(d)).toEqual(d);
  expect(importEventData('nope')).toBeNull();
  expect(importEventData({ v: 2, nodeIds: [] })).toBeNull();
  expect(importEventData({ v: 1, nodeIds: [3] })).toBeNull();
});

test('background rating: one clip at a time, one decode process, the editor’s analysis settings', () => {
  const s = { ...DEFAULT_PANEL_SETTINGS, sampleFps: 4 };
  expect(backgroundEngineSettings(s)).toMatchObject({ concurrency: 1, tuning: { decodeProcesses: 1 }, sampleFps: 4 });
});
