// One logical rating batch, possibly spread over several engine processes: when the engine dies
// mid-batch the client starts a fresh one and the batch re-sends only the clips that have no
// result yet, so finished clips are never rated twice. A clip that was being rated at two crashes
// is reported as an error and skipped, so one poisonous file cannot loop the batch forever.

import type { EventOf, RateItem, Stage } from '../../extension/contracts/protocol';
import type { ClipReport, EngineInfo } from '../../extension/contracts/report';
import type { DeepPartial, EngineSettings } from '../../extension/contracts/settings';
import type { EngineTransport, TransportClosed } from './transport';

export interface ClipActivity {
  key: string;
  path: string;
  stage: Stage;
  clipFraction: number;
}

/** Progress of a whole logical batch, across engine restarts. */
export interface BatchProgress {
  clipsDone: number;
  clipCount: number;
  /** 0..1 */
  fraction: number;
  etaSec: number | null;
  active: ClipActivity[];
}

export interface BatchSummary {
  cancelled: boolean;
  rated: number;
  errors: number;
  cached: number;
  elapsedSec: number;
  restarts: number;
  /** Keys that got no result (cancelled or given up on). */
  unfinished: string[];
  /** Why the batch stopped early, in plain words (engine could not be restarted…). */
  failure: string | null;
}

export interface BatchHandlers {
  onProgress?(progress: BatchProgress): void;
  onResult?(key: string, clip: ClipReport): void;
  /** The engine died; a fresh one is being started and the batch will resume. */
  onRestart?(message: string, attempt: number): void;
}

export interface BatchHandle {
  readonly id: string;
  readonly done: Promise<BatchSummary>;
  cancel(): void;
}

/** What a batch needs of the engine client: a ready engine, a way to send and to kill it, its limits. */
export interface BatchEngine {
  readonly options: { maxRestartsPerBatch: number; restartDelayMs: number; cancelGraceMs: number };
  ensureReady(): Promise<EngineInfo>;
  send(request: Parameters<EngineTransport['send']>[0]): void;
  kill(): void;
}

let idCounter = 0;
/** A request id unique within this panel session. */
export function newRequestId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${idCounter}`;
}

/** One logical batch, possibly spread over several engine processes. */
export class BatchRun {
  readonly id = newRequestId('batch');
  readonly done: Promise<BatchSummary>;
  private resolveDone!: (summary: BatchSummary) => void;
  private readonly results = new Map<string, ClipReport>();
  private readonly requestIds = new Set<string>();
  private currentRequest: string | null = null;
  /** Clips already finished when the current request was sent, and how many it carried. */
  private base = 0;
  private requestSize = 0;
  private readonly active = new Map<string, ClipActivity>();
  /** Keys that were being rated when the engine died, with how often that happened. */
  private readonly crashSuspects = new Map<string, number>();
  private restarts = 0;
  private cancelled = false;
  private finished = false;
  private cancelTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly started = Date.now();
  private cached = 0;

  constructor(
    private readonly client: BatchEngine,
    private readonly items: RateItem[],
    private readonly settings: DeepPartial<EngineSettings>,
    private readonly handlers: BatchHandlers,
    private readonly release: () => void,
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  ownsRequest(id: string): boolean {
    return this.requestIds.has(id);
  }

  begin(): void {
    if (this.items.length === 0) {
      this.finish(null);
      return;
    }
    void this.sendRemaining();
  }

  private remaining(): RateItem[] {
    return this.items.filter((it) => !this.results.has(it.key));
  }

  private async sendRemaining(): Promise<void> {
    try {
      await this.client.ensureReady();
    } catch (err) {
      if (this.finished) return;
      if (this.cancelled) return this.finish(null);
      // A restart that fails counts against the restart budget like a crash does.
      if (this.restarts > 0 && this.restarts < this.client.options.maxRestartsPerBatch) {
        this.restarts++;
        this.handlers.onRestart?.((err as Error).message, this.restarts);
        setTimeout(() => void this.sendRemaining(), this.client.options.restartDelayMs);
        return;
      }
      return this.finish((err as Error).message);
    }
    if (this.finished) return;
    if (this.cancelled) return this.finish(null);
    const items = this.remaining();
    if (items.length === 0) return this.finish(null);
    const id = `${this.id}.${this.requestIds.size}`;
    this.requestIds.add(id);
    this.currentRequest = id;
    this.base = this.results.size;
    this.requestSize = items.length;
    this.active.clear();
    try {
      this.client.send({ type: 'rate', id, items, settings: this.settings });
    } catch (err) {
      // The engine died between ready and send: the close handler restarts us.
      this.client.kill();
      this.engineDied({ expected: false, message: (err as Error).message });
    }
  }

  handle(ev: EventOf<'progress'> | EventOf<'result'> | EventOf<'done'>): void {
    if (this.finished) return;
    if (ev.type === 'progress') {
      if (ev.id !== this.currentRequest) return;
      if (!this.results.has(ev.key)) {
        // Only clips actually being worked on count as active (and as suspects if the engine dies).
        if (ev.stage === 'done' || ev.stage === 'cached' || ev.stage === 'queued') this.active.delete(ev.key);
        else this.active.set(ev.key, { key: ev.key, path: ev.path, stage: ev.stage, clipFraction: ev.clipFraction });
      }
      const total = this.items.length;
      this.handlers.onProgress?.({
        clipsDone: Math.min(total, Math.max(this.results.size, this.base + ev.clipsDone)),
        clipCount: total,
        fraction: Math.min(1, (this.base + ev.batchFraction * this.requestSize) / total),
        etaSec: ev.etaSec,
        active: Array.from(this.active.values()),
      });
      return;
    }
    if (ev.type === 'result') {
      // A result for a clip we already hold (a resumed request racing a late line) is ignored:
      // each clip is applied once.
      if (this.results.has(ev.key) || !this.items.some((it) => it.key === ev.key)) return;
      // A clip the engine abandoned because we cancelled is unfinished, not failed.
      if (ev.clip.status === 'error' && ev.clip.error?.code === 'cancelled') {
        this.active.delete(ev.key);
        return;
      }
      this.results.set(ev.key, ev.clip);
      this.active.delete(ev.key);
      if (ev.clip.cached) this.cached++;
      this.handlers.onResult?.(ev.key, ev.clip);
      this.emitCountProgress();
      return;
    }
    // done
    if (ev.id !== this.currentRequest) return;
    this.finish(null);
  }

  private emitCountProgress(): void {
    const total = this.items.length;
    this.handlers.onProgress?.({
      clipsDone: this.results.size,
      clipCount: total,
      fraction: Math.min(1, this.results.size / total),
      etaSec: null,
      active: Array.from(this.active.values()),
    });
  }

  engineDied(closed: TransportClosed): void {
    if (this.finished) return;
    if (this.cancelled) return this.finish(null);
    this.currentRequest = null;
    // The clips in flight when the engine died are suspects; a clip caught twice is skipped.
    for (const key of this.active.keys()) {
      const n = (this.crashSuspects.get(key) ?? 0) + 1;
      this.crashSuspects.set(key, n);
      if (n >= 2 && !this.results.has(key)) {
        const item = this.items.find((it) => it.key === key);
        const clip = crashedClipReport(item ? item.path : key);
        this.results.set(key, clip);
        this.handlers.onResult?.(key, clip);
      }
    }
    this.active.clear();
    if (this.restarts >= this.client.options.maxRestartsPerBatch) {
      return this.finish(`The rating engine stopped ${this.restarts + 1} times; giving up on this batch. ${closed.message}`);
    }
    this.restarts++;
    this.handlers.onRestart?.(closed.message, this.restarts);
    setTimeout(() => void this.sendRemaining(), this.client.options.restartDelayMs);
  }

  fail(message: string): void {
    this.finish(message);
  }

  cancel(): void {
    if (this.finished || this.cancelled) return;
    this.cancelled = true;
    if (!this.currentRequest) return; // between restarts: sendRemaining sees the flag
    try {
      this.client.send({ type: 'cancel', id: this.currentRequest });
    } catch {
      return this.finish(null);
    }
    // Cancel must be prompt: an engine stuck in a decoder is killed after a short grace period.
    this.cancelTimer = setTimeout(() => {
      if (this.finished) return;
      this.client.kill();
      this.finish(null);
    }, this.client.options.cancelGraceMs);
  }

  private finish(failure: string | null): void {
    if (this.finished) return;
    this.finished = true;
    if (this.cancelTimer) clearTimeout(this.cancelTimer);
    let errors = 0;
    for (const clip of this.results.values()) if (clip.status === 'error') errors++;
    const unfinished = this.remaining().map((it) => it.key);
    this.release();
    this.resolveDone({
      cancelled: this.cancelled,
      rated: this.results.size - errors,
      errors,
      cached: this.cached,
      elapsedSec: (Date.now() - this.started) / 1000,
      restarts: this.restarts,
      unfinished,
      failure,
    });
  }
}

function crashedClipReport(path: string): ClipReport {
  return {
    path,
    status: 'error',
    error: {
      code: 'internal',
      message: 'The rating engine stopped twice while rating this clip, so it was skipped. The file may be damaged.',
    },
    media: null,
    framesAnalyzed: 0,
    verdict: null,
    quality: null,
    flags: [],
    scores: null,
    segments: [],
  };
}
