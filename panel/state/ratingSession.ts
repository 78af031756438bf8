// What happens when the editor presses Rate: list the clips from Premiere, rate them with the
// engine, and write each result back into Premiere a few clips at a time (`applyChunkSize` per
// host call) while the batch runs, showing how many are written. Clear goes in chunks too.
// One operation at a time: a second Rate (or Clear) while one runs is refused with a notice, so two
// batches can never interleave their writes.

import type { RateItem } from '../../extension/contracts/protocol';
import type { ClipReport } from '../../extension/contracts/report';
import type { ClipRating, ClipWriteOutcome, ListClipsResult, Scope } from '../../host-scripts/contract';
import type { BatchHandle, BatchProgress, BatchSummary } from '../engine/batchRun';
import type { EngineClient, EngineStatus } from '../engine/engineClient';
import { HostClient, HostError } from '../host/hostClient';
import { plural, VERDICT_WORDS } from './format';
import { clearInChunks, listAll, revealNotice } from './hostBatches';
import { parseFootageTag } from './footage';
import { ratedBy, toClipRating } from './clipRating';
import { ResultRow, rowFromListing, skipMessage } from './results';
import { runClearSelects, runMakeSelects } from './selectsSession';
import type { PanelSettings } from './settings';
import { toApplyOptions, toEngineSettings } from './settings';
import { Store } from './store';
import { applyTakeGroups } from './takeGroups';
import { ThumbnailQueue } from './thumbnails';

export type Phase = 'idle' | 'listing' | 'rating' | 'cancelling' | 'clearing' | 'selecting' | 'clearingSelects';

export interface Notice {
  kind: 'info' | 'warn' | 'error';
  text: string;
  /** Offer a button that opens the settings (e.g. to set the Node.js path). */
  openSettings?: boolean;
}

export interface SessionState {
  phase: Phase;
  scope: Scope | null;
  rows: ResultRow[];
  progress: BatchProgress | null;
  notice: Notice | null;
  engine: EngineStatus;
  /** Rows being written to Premiere right now. */
  writing: number;
  /** Ratings of this batch Premiere has answered for (written or refused)… */
  written: number;
  /** …out of this many handed to the writer so far (every clip rated until now). */
  toWrite: number;
  /** While clearing: clips done out of the total. */
  clearProgress: { done: number; total: number } | null;
  /** While making selects: clips done out of the total. */
  selectsProgress: { done: number; total: number } | null;
}

export { ratedBy, toClipRating };

export const INITIAL_STATE: SessionState = {
  phase: 'idle',
  scope: null,
  rows: [],
  progress: null,
  notice: null,
  engine: { state: 'stopped' },
  writing: 0,
  written: 0,
  toWrite: 0,
  clearProgress: null,
  selectsProgress: null,
};

export class RatingSession {
  readonly store = new Store<SessionState>(INITIAL_STATE);
  private batch: BatchHandle | null = null;
  private selectsAbort: AbortController | null = null;
  private applyQueue: ClipRating[] = [];
  private applying: Promise<void> = Promise.resolve();
  private readonly thumbnails: ThumbnailQueue;
  private disposed = false;

  constructor(
    private readonly host: HostClient,
    private readonly engine: EngineClient,
    private readonly getSettings: () => PanelSettings,
  ) {
    engine.onStatus((status) => this.store.set({ engine: status }));
    this.thumbnails = new ThumbnailQueue(
      engine,
      (key) => this.state.rows.find((r) => r.key === key)?.report ?? undefined,
      (key, url) => this.updateRow(key, (r) => ({ ...r, thumbnail: url })),
    );
  }

  get state(): SessionState {
    return this.store.get();
  }

  private refuseWhileBusy(): boolean {
    const { phase, progress } = this.state;
    if (phase === 'idle') return false;
    const what =
      phase === 'clearing'
        ? 'Clearing ratings is still running.'
        : phase === 'selecting' || phase === 'clearingSelects'
          ? `${phase === 'selecting' ? 'Making' : 'Clearing'} selects is still running.`
        : progress
          ? `A rating is already running (${progress.clipsDone} of ${plural(progress.clipCount, 'clip')} done).`
          : 'A rating is already running.';
    this.store.set({ notice: { kind: 'warn', text: `${what} Wait for it to finish, or press Cancel first.` } });
    return true;
  }

  /** Starts rating the selection or the project. Returns false when refused. */
  rate(scope: Scope): boolean {
    if (this.disposed || this.refuseWhileBusy()) return false;
    // The phase changes synchronously, before any await, so a double click cannot start two batches.
    this.store.set({ phase: 'listing', scope, notice: null, progress: null, written: 0, toWrite: 0 });
    this.runBatch(scope).catch((err: Error) => {
      // A bug must not leave the panel stuck in "rating" with every button refused.
      this.batch = null;
      this.store.set({ phase: 'idle', progress: null, notice: { kind: 'error', text: `Rating stopped unexpectedly: ${err.message}` } });
    });
    return true;
  }

  private async runBatch(scope: Scope): Promise<void> {
    let listing: ListClipsResult;
    try {
      listing = await listAll(this.host, scope);
    } catch (err) {
      // The host script's own refusals ("Nothing is selected…") are already plain words.
      const text = err instanceof HostError ? err.message : `Could not read the project: ${(err as Error).message}`;
      this.store.set({ phase: 'idle', notice: { kind: err instanceof HostError ? 'warn' : 'error', text } });
      return;
    }
    const rows = listing.clips.map(rowFromListing);
    const skipped: ResultRow[] = listing.skipped.map((s) => ({
      ...rowFromListing({ nodeId: s.nodeId, name: s.name, mediaPath: '', treePath: s.treePath, durationSec: null, colorLabel: 0, previousRating: null, footageTag: null }),
      status: 'skipped',
      message: s.message ? `Skipped: ${s.message}` : skipMessage(s.reason),
    }));
    if (rows.length === 0) {
      this.store.set({
        phase: 'idle',
        rows: skipped,
        notice: {
          kind: 'info',
          text:
            scope === 'selection'
              ? skipped.length
                ? 'Nothing to rate in the selection: the selected items are not video clips.'
                : 'Nothing selected. Select clips or bins in the Project panel, then press Rate bin.'
              : 'This project has no video clips to rate.',
        },
      });
      return;
    }
    this.store.set({ phase: 'rating', rows: rows.concat(skipped), progress: { clipsDone: 0, clipCount: rows.length, fraction: 0, etaSec: null, active: [] } });
    const settings = this.getSettings();
    const items: RateItem[] = listing.clips.map((c) => {
      const mode = parseFootageTag(c.footageTag).mode;
      return mode ? { key: c.nodeId, path: c.mediaPath, footageMode: mode } : { key: c.nodeId, path: c.mediaPath };
    });
    let handle: BatchHandle;
    try {
      handle = this.engine.rate(items, toEngineSettings(settings), {
        onProgress: (p) => this.onProgress(p),
        onResult: (key, clip) => this.onResult(key, clip),
        onRestart: (message, attempt) =>
          this.store.set({
            notice: {
              kind: 'warn',
              text: `${message} Restarting the engine (attempt ${attempt}) and carrying on with the clips not yet rated.`,
            },
          }),
      });
    } catch (err) {
      this.store.set({ phase: 'idle', notice: { kind: 'error', text: (err as Error).message } });
      return;
    }
    this.batch = handle;
    const summary = await handle.done;
    this.batch = null;
    await this.flushApply(true);
    // Still in the batch's phase, so no other Rate or Clear writes meanwhile.
    const takes = this.getSettings().groupTakes && !summary.cancelled && !summary.failure && summary.rated > 1 ? await this.groupTakes() : null;
    this.finishBatch(summary, takes);
  }

  /** Groups the batch's takes and writes the Take group column; returns what to add to the notice. */
  private async groupTakes(): Promise<{ text: string; problem: boolean }> {
    const t = await applyTakeGroups(this.host, this.state.rows, this.getSettings());
    this.store.set({ rows: t.rows });
    const note = t.grouped ? ` ${plural(t.grouped, 'take')} in ${plural(t.groups, 'take group')}.` : '';
    const problems = t.problems.length ? ` Take groups not written for ${plural(t.problems.length, 'clip')}: ${t.problems[0]}` : '';
    return { text: note + problems, problem: problems !== '' };
  }

  private onProgress(p: BatchProgress): void {
    const active = new Set(p.active.map((a) => a.key));
    this.store.set((s) => ({
      progress: p,
      rows: s.rows.some((r) => (r.status === 'queued' && active.has(r.key)) || (r.status === 'rating' && !active.has(r.key)))
        ? s.rows.map((r) =>
            r.status === 'queued' && active.has(r.key)
              ? { ...r, status: 'rating' }
              : r.status === 'rating' && !active.has(r.key)
                ? { ...r, status: 'queued' }
                : r,
          )
        : s.rows,
    }));
  }

  private onResult(key: string, clip: ClipReport): void {
    this.updateRow(key, (r) => ({
      ...r,
      report: clip,
      status: clip.status === 'rated' ? 'rated' : 'error',
      message: clip.status === 'error' ? clip.error?.message ?? 'This clip could not be rated.' : null,
    }));
    const rating = toClipRating(key, clip, ratedBy(this.engine.engineInfo));
    if (rating) {
      this.applyQueue.push(rating);
      this.store.set((s) => ({ toWrite: s.toWrite + 1 }));
      void this.flushApply(false);
      const row = this.state.rows.find((r) => r.key === key);
      if (row) this.thumbnails.push(row.key, row.mediaPath);
    }
  }

  private updateRow(key: string, fn: (r: ResultRow) => ResultRow): void {
    this.store.set((s) => ({ rows: s.rows.map((r) => (r.key === key ? fn(r) : r)) }));
  }

  /**
   * Writes queued ratings in chunks of `applyChunkSize`, one host call at a time (ExtendScript runs
   * on Premiere's UI thread). With `all`, also writes the last partial chunk.
   */
  private flushApply(all: boolean): Promise<void> {
    this.applying = this.applying.then(async () => {
      const size = this.getSettings().applyChunkSize;
      while (this.applyQueue.length >= size || (all && this.applyQueue.length > 0)) {
        const chunk = this.applyQueue.splice(0, size);
        await this.applyChunk(chunk);
      }
    });
    return this.applying;
  }

  private async applyChunk(chunk: ClipRating[]): Promise<void> {
    this.store.set((s) => ({ writing: s.writing + chunk.length }));
    let outcomes: ClipWriteOutcome[];
    try {
      outcomes = (await this.host.applyRatings({ ratings: chunk, options: toApplyOptions(this.getSettings()) })).outcomes;
    } catch (err) {
      const message = `Rated, but writing to Premiere failed: ${(err as Error).message}`;
      outcomes = chunk.map((c) => ({ nodeId: c.nodeId, ok: false, message }));
    }
    const byKey = new Map(outcomes.map((o) => [o.nodeId, o]));
    for (const c of chunk) {
      if (!byKey.has(c.nodeId)) byKey.set(c.nodeId, { nodeId: c.nodeId, ok: false, message: 'Premiere did not confirm the write.' });
    }
    this.store.set((s) => ({
      writing: Math.max(0, s.writing - chunk.length),
      written: s.written + chunk.length,
      rows: s.rows.map((r) => {
        const o = byKey.get(r.key);
        if (!o) return r;
        if (!o.ok) return { ...r, writeFailed: true, message: o.message?.startsWith('Rated') ? o.message : `Rated, but not written to Premiere: ${o.message ?? 'unknown reason'}` };
        return { ...r, writeFailed: false, labelKept: !!o.labelKept };
      }),
    }));
  }

  private finishBatch(summary: BatchSummary, takes: { text: string; problem: boolean } | null = null): void {
    const unfinished = new Set(summary.unfinished);
    const rows = this.state.rows.map((r) =>
      unfinished.has(r.key)
        ? { ...r, status: 'unfinished' as const, message: summary.cancelled ? 'Not rated: the batch was cancelled.' : 'Not rated: the engine stopped before this clip.' }
        : r,
    );
    const counts = { usable: 0, check: 0, unusable: 0 };
    let writeFailures = 0;
    for (const r of rows) {
      if (r.status === 'rated' && r.report?.verdict) counts[r.report.verdict]++;
      if (r.writeFailed) writeFailures++;
    }
    const parts = (['unusable', 'check', 'usable'] as const).filter((v) => counts[v]).map((v) => `${counts[v]} ${VERDICT_WORDS[v].toLowerCase()}`);
    let text = `${summary.cancelled ? 'Cancelled after rating' : 'Rated'} ${plural(summary.rated, 'clip')}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
    if (summary.errors) text += ` ${plural(summary.errors, 'clip')} could not be rated (see the list).`;
    if (writeFailures) text += ` ${plural(writeFailures, 'rating')} could not be written to Premiere.`;
    if (summary.cached) text += ` ${summary.cached} from the cache.`;
    if (summary.restarts) text += ` The engine was restarted ${plural(summary.restarts, 'time')}; finished clips were kept.`;
    if (takes) text += takes.text;
    let notice: Notice = { kind: summary.errors || writeFailures || takes?.problem ? 'warn' : 'info', text };
    if (summary.failure) notice = { kind: 'error', text: `${summary.failure}${summary.rated ? ` (${text})` : ''}`, openSettings: /node/i.test(summary.failure) };
    this.store.set({ phase: 'idle', rows, notice, progress: null });
  }

  cancel(): void {
    if (this.state.phase === 'selecting' && this.selectsAbort) {
      this.selectsAbort.abort();
      this.store.set({ notice: { kind: 'info', text: 'Stopping after the clips being written now… their selects are kept whole.' } });
      return;
    }
    if (!this.batch || this.state.phase !== 'rating') return;
    this.store.set({ phase: 'cancelling', notice: { kind: 'info', text: 'Cancelling… clips already rated keep their ratings.' } });
    this.batch.cancel();
  }

  /**
   * Removes our ratings from the listed clips (or, with none listed, from the clips selected in
   * Premiere), a chunk per host call, and restores their labels.
   */
  async clear(): Promise<void> {
    if (this.disposed || this.refuseWhileBusy()) return;
    const listed = this.state.rows.filter((r) => r.status !== 'skipped').map((r) => r.key);
    this.store.set({ phase: 'clearing', notice: null, clearProgress: null });
    try {
      const keys = listed.length ? listed : (await listAll(this.host, 'selection')).clips.map((c) => c.nodeId);
      const outcomes = await clearInChunks(this.host, keys, this.getSettings().applyChunkSize, (done, total) =>
        this.store.set({ clearProgress: { done, total } }),
      );
      const failed = outcomes.filter((o) => !o.ok);
      const cleared = outcomes.filter((o) => o.ok && o.cleared !== false).length;
      const rows = failed.length
        ? this.state.rows.map((r) => {
            const f = failed.find((o) => o.nodeId === r.key);
            return f ? { ...r, writeFailed: true, message: `Could not clear: ${f.message ?? 'unknown reason'}` } : r;
          }).filter((r) => r.writeFailed)
        : [];
      this.store.set({
        phase: 'idle',
        rows,
        clearProgress: null,
        notice: failed.length
          ? { kind: 'warn', text: `Cleared ratings from ${plural(cleared, 'clip')}; ${failed.length} could not be cleared (see the list).` }
          : { kind: 'info', text: `Cleared ratings from ${plural(cleared, 'clip')}: labels restored, markers removed.` },
      });
    } catch (err) {
      const text = err instanceof HostError ? err.message : `Could not clear ratings: ${(err as Error).message}`;
      this.store.set({ phase: 'idle', clearProgress: null, notice: { kind: err instanceof HostError ? 'warn' : 'error', text } });
    }
  }

  /** Makes subclips of the usable stretches of the clips rated in this panel, a chunk per host call. */
  async makeSelects(): Promise<void> {
    if (this.disposed || this.refuseWhileBusy()) return;
    this.selectsAbort = new AbortController();
    this.store.set({ phase: 'selecting', notice: null, selectsProgress: null });
    try {
      await runMakeSelects(this.host, this.store, this.getSettings(), ratedBy(this.engine.engineInfo), this.selectsAbort.signal);
    } finally {
      this.selectsAbort = null;
    }
  }

  /** Removes the ClipTriage Selects bin (or only ClipTriage's subclips in it, when the editor added things). */
  async clearSelects(): Promise<void> {
    if (this.disposed || this.refuseWhileBusy()) return;
    this.store.set({ phase: 'clearingSelects', notice: null });
    await runClearSelects(this.host, this.store);
  }

  /** Shows the clip in Premiere, at its first bad stretch when it has one, and says what Premiere could not do. */
  async reveal(key: string): Promise<void> {
    const row = this.state.rows.find((r) => r.key === key);
    if (!row || row.status === 'skipped') return;
    const first = row.report?.segments[0];
    try {
      const result = await (first ? this.host.revealClip(key, first.startSec) : this.host.revealClip(key));
      const notice = revealNotice(row.name, result);
      if (notice) this.store.set({ notice });
    } catch (err) {
      this.store.set({ notice: { kind: 'error', text: `Could not show “${row.name}” in Premiere: ${(err as Error).message}` } });
    }
  }

  dismissNotice(): void {
    this.store.set({ notice: null });
  }

  dispose(): void {
    this.disposed = true;
    this.thumbnails.dispose();
    this.engine.dispose();
  }
}
