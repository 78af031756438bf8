// Rate on import (watch mode): when the setting is on, the host script tells the panel about
// clips added to the project (a CSXS event, host-scripts/src/watch.ts); they are queued and rated
// in the background, one clip at a time, by an engine of their own that runs at low OS priority
// (--priority=low) with one decode process, so editing stays fluid. Nothing starts while a Rate
// bin/Clear batch runs (the editor's own batch goes first). The queue is persisted (watchQueue.ts).

import { IMPORT_EVENT_TYPE } from '../../host-scripts/contract';
import type { ImportEventData } from '../../host-scripts/contract';
import type { DeepPartial, EngineSettings } from '../../extension/contracts/settings';
import type { BatchHandle } from '../engine/batchRun';
import type { EngineClient } from '../engine/engineClient';
import type { HostClient } from '../host/hostClient';
import { parseFootageTag } from './footage';
import { plural } from './format';
import { ratedBy, toClipRating } from './ratingSession';
import type { PanelSettings, KeyValueStorage } from './settings';
import { toApplyOptions, toEngineSettings } from './settings';
import { Store } from './store';
import { counts, enqueue, entryFromListing, loadQueue, nextWaiting, saveQueue, update, WatchEntry, WatchQueue } from './watchQueue';

export interface WatchState {
  /** The host is watching imports (the setting is on and the host script bound the event). */
  watching: boolean;
  queue: WatchQueue;
  /** The clip being rated now and how far it has got. */
  current: { nodeId: string; fraction: number } | null;
  /** A plain-words problem with watch mode itself (binding failed, storage full…). */
  problem: string | null;
}

/** What the engine gets for a background clip: one clip at a time, one decoder. */
export function backgroundEngineSettings(s: PanelSettings): DeepPartial<EngineSettings> {
  return { ...toEngineSettings(s), concurrency: 1, tuning: { decodeProcesses: 1 } };
}

/** CEP hands a CSXSEvent's JSON data over as text or already parsed (test/premiere-sim/readings.ts). */
export function importEventData(data: unknown): ImportEventData | null {
  let d = data;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return null;
    }
  }
  const x = d as ImportEventData;
  return x && x.v === 1 && Array.isArray(x.nodeIds) && x.nodeIds.every((n) => typeof n === 'string') ? x : null;
}

export interface WatchDeps {
  host: HostClient;
  /** The low-priority engine (its own process). */
  engine: EngineClient;
  getSettings(): PanelSettings;
  storage: KeyValueStorage | null;
  /** True while the editor's own Rate/Clear runs. */
  mainBusy(): boolean;
  now?(): number;
}

export class WatchSession {
  readonly store: Store<WatchState>;
  private batch: BatchHandle | null = null;
  private running = false;
  private disposed = false;
  /** Cancel was pressed while a clip was in hand: it is dropped, not put back. */
  constructor(private readonly deps: WatchDeps) {
    this.store = new Store<WatchState>({ watching: false, queue: loadQueue(deps.storage), current: null, problem: null });
  }

  get state(): WatchState {
    return this.store.get();
  }

  static readonly EVENT_TYPE = IMPORT_EVENT_TYPE;

  private setQueue(fn: (q: WatchQueue) => WatchQueue): void {
    const queue = fn(this.state.queue);
    this.store.set({ queue });
    if (this.deps.storage && !saveQueue(this.deps.storage, queue)) this.store.set({ problem: 'The queue could not be saved (storage full?): it would be lost on a reload.' });
  }

  /** Binds or unbinds the host's import event; the setting's value. */
  async setEnabled(on: boolean): Promise<void> {
    try {
      const r = await this.deps.host.watchImports(on);
      this.store.set({ watching: r.watching, problem: null });
    } catch (err) {
      this.store.set({ watching: false, problem: `Rate new clips is not available: ${(err as Error).message}` });
    }
    if (on) this.pump();
  }

  /** The CSXS event's listener. Events while switched off are ignored. */
  async onImportEvent(data: unknown): Promise<void> {
    if (!this.state.watching || this.disposed) return;
    const d = importEventData(data);
    if (!d || !d.nodeIds.length) return;
    let listing;
    try {
      listing = await this.deps.host.listClipsById(d.nodeIds);
    } catch (err) {
      this.store.set({ problem: `Could not read the imported clips: ${(err as Error).message}` });
      return;
    }
    const now = (this.deps.now ?? Date.now)();
    // A clip that already carries a rating (copied in from a rated project) is not rated again.
    const fresh = listing.clips.filter((c) => !c.previousRating).map((c) => entryFromListing(c, now));
    if (fresh.length) this.setQueue((q) => enqueue(q, fresh));
    this.pump();
  }

  pause(): void {
    if (this.state.queue.paused) return;
    this.setQueue((q) => ({ ...q, paused: true }));
    // The clip in hand goes back to waiting (its done handler sees the pause).
    this.batch?.cancel();
  }

  resume(): void {
    this.setQueue((q) => ({ ...q, paused: false }));
    this.pump();
  }

  /** Drops every clip still waiting and stops the one being rated. */
  cancel(): void {
    this.setQueue((q) => ({ ...q, entries: q.entries.map((e) => (e.status === 'waiting' ? { ...e, status: 'skipped' as const, message: 'Not rated: cancelled.' } : e)) }));
    this.cancelled = true;
    this.batch?.cancel();
  }

  /** Removes finished entries from the list. */
  clearFinished(): void {
    this.setQueue((q) => ({ ...q, entries: q.entries.filter((e) => e.status === 'waiting' || e.status === 'rating') }));
  }

  private cancelled = false;

  /** Starts the next clip when nothing stands in the way. Call again whenever that may change. */
  pump(): void {
    if (this.running || this.disposed || !this.state.watching || this.state.queue.paused || this.deps.mainBusy()) return;
    const next = nextWaiting(this.state.queue);
    if (!next) return;
    this.running = true;
    this.cancelled = false;
    this.rateOne(next)
      .catch((err: Error) => this.finish(next.nodeId, { status: 'error', message: `Could not rate this clip: ${err.message}` }))
      .finally(() => {
        this.running = false;
        this.batch = null;
        this.store.set({ current: null });
        this.pump();
      });
  }

  private finish(nodeId: string, patch: Partial<WatchEntry>): void {
    this.setQueue((q) => update(q, nodeId, patch));
  }

  private async rateOne(entry: WatchEntry): Promise<void> {
    this.finish(entry.nodeId, { status: 'rating', message: null });
    this.store.set({ current: { nodeId: entry.nodeId, fraction: 0 } });
    // The project may have changed since the import: removed, or rated by Rate bin meanwhile.
    const now = await this.deps.host.listClipsById([entry.nodeId]);
    const clip = now.clips[0];
    if (!clip) {
      const s = now.skipped[0];
      return this.finish(entry.nodeId, { status: 'skipped', message: s?.reason === 'removed' ? 'Not rated: removed from the project before its turn.' : `Not rated: ${s?.message ?? 'not a clip that can be rated'}.` });
    }
    if (clip.previousRating) return this.finish(entry.nodeId, { status: 'skipped', message: `Already rated (${clip.previousRating.usability}) before its turn.` });
    // Pause or Cancel pressed while Premiere was asked.
    if (this.cancelled) return this.finish(entry.nodeId, { status: 'skipped', message: 'Not rated: cancelled.' });
    if (this.state.queue.paused) return this.finish(entry.nodeId, { status: 'waiting' });
    const settings = this.deps.getSettings();
    const mode = parseFootageTag(clip.footageTag).mode;
    let report = null as null | Parameters<typeof toClipRating>[1];
    this.batch = this.deps.engine.rate([mode ? { key: clip.nodeId, path: clip.mediaPath, footageMode: mode } : { key: clip.nodeId, path: clip.mediaPath }], backgroundEngineSettings(settings), {
      onProgress: (p) => this.store.set({ current: { nodeId: entry.nodeId, fraction: p.fraction } }),
      onResult: (_key, c) => {
        report = c;
      },
    });
    const summary = await this.batch.done;
    if (!report || report.status !== 'rated') {
      if (summary.cancelled && this.state.queue.paused && !this.cancelled) return this.finish(entry.nodeId, { status: 'waiting' });
      if (summary.cancelled) return this.finish(entry.nodeId, { status: 'skipped', message: 'Not rated: cancelled.' });
      const message = report?.error?.message ?? summary.failure ?? 'The engine gave no result for this clip.';
      return this.finish(entry.nodeId, { status: 'error', message });
    }
    const rating = toClipRating(clip.nodeId, report, ratedBy(this.deps.engine.engineInfo));
    if (!rating) return this.finish(entry.nodeId, { status: 'error', message: 'The engine gave no verdict for this clip.' });
    const out = (await this.deps.host.applyRatings({ ratings: [rating], options: toApplyOptions(settings) })).outcomes[0];
    if (!out || !out.ok) return this.finish(entry.nodeId, { status: 'error', verdict: rating.verdict, quality: rating.quality, message: `Rated, but not written to Premiere: ${out?.message ?? 'no answer'}` });
    this.finish(entry.nodeId, { status: 'rated', verdict: rating.verdict, quality: Math.round(rating.quality), message: out.warning ?? null });
  }

  /** One line for the panel: "Rate new clips: 2 waiting · rating B001 (40 %)". */
  summary(): string {
    const c = counts(this.state.queue);
    const parts: string[] = [];
    if (c.waiting) parts.push(`${c.waiting} waiting`);
    const cur = this.state.current && this.state.queue.entries.find((e) => e.nodeId === this.state.current!.nodeId);
    if (cur) parts.push(`rating ${cur.name} (${Math.round(this.state.current!.fraction * 100)} %)`);
    if (c.rated) parts.push(`${plural(c.rated, 'clip')} rated`);
    if (c.error) parts.push(`${c.error} failed`);
    if (this.state.queue.paused) parts.push('paused');
    if (!parts.length) parts.push(this.state.watching ? 'watching for new clips' : 'off');
    return parts.join(' · ');
  }

  dispose(): void {
    this.disposed = true;
    this.batch?.cancel();
    this.deps.engine.dispose();
  }
}
