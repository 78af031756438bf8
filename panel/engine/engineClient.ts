// The typed engine client: starts the engine through a transport, matches replies to requests by
// id, and runs one rating batch at a time. When the engine dies mid-batch (crash, kill, a decoder
// taking the process down) it starts a fresh engine and re-sends only the clips that have no
// result yet, so finished clips are never rated twice. A clip that was being rated at two crashes
// is reported as an error and skipped, so one poisonous file cannot loop the batch forever.

import { PROTOCOL_VERSION } from '../../extension/contracts/protocol';
import type { EngineEvent, EventOf, RateItem, Stage } from '../../extension/contracts/protocol';
import type { ClipReport, EngineInfo } from '../../extension/contracts/report';
import type { DeepPartial, EngineSettings } from '../../extension/contracts/settings';
import { EngineTransport, Listeners, TransportClosed, TransportFactory } from './transport';

export interface EngineClientOptions {
  /** How long a starting engine may take to say `ready` (model loading included). */
  readyTimeoutMs: number;
  /** Engine restarts allowed within one batch before the batch gives up. */
  maxRestartsPerBatch: number;
  /** After Cancel, how long the engine gets to wind down before it is killed. */
  cancelGraceMs: number;
  /** Pause before restarting a crashed engine. */
  restartDelayMs: number;
  /** How long a thumbnail request may take. */
  thumbnailTimeoutMs: number;
}

export const DEFAULT_CLIENT_OPTIONS: EngineClientOptions = {
  readyTimeoutMs: 30000,
  maxRestartsPerBatch: 3,
  cancelGraceMs: 2000,
  restartDelayMs: 300,
  thumbnailTimeoutMs: 20000,
};

export type EngineStatus =
  | { state: 'stopped' }
  | { state: 'starting' }
  | { state: 'ready'; info: EngineInfo }
  | { state: 'failed'; message: string };

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

interface Pending<T> {
  resolve(value: T): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

let idCounter = 0;
function newId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${idCounter}`;
}

export class EngineClient {
  private transport: EngineTransport | null = null;
  private generation = 0;
  private info: EngineInfo | null = null;
  private starting: Promise<EngineInfo> | null = null;
  private readyWaiter: Pending<EngineInfo> | null = null;
  private batch: BatchRun | null = null;
  private readonly thumbnails = new Map<string, Pending<string | null>>();
  private readonly statusListeners = new Listeners<EngineStatus>();
  private readonly logListeners = new Listeners<string>();
  private disposed = false;
  readonly options: EngineClientOptions;

  constructor(
    private readonly createTransport: TransportFactory,
    options: Partial<EngineClientOptions> = {},
  ) {
    this.options = { ...DEFAULT_CLIENT_OPTIONS, ...options };
  }

  onStatus(listener: (status: EngineStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  onLog(listener: (text: string) => void): () => void {
    return this.logListeners.add(listener);
  }

  get engineInfo(): EngineInfo | null {
    return this.info;
  }

  get busy(): boolean {
    return this.batch !== null;
  }

  /** Starts the engine if it isn't running; resolves once it has said `ready`. */
  ensureReady(): Promise<EngineInfo> {
    if (this.disposed) return Promise.reject(new Error('The panel is closing.'));
    if (this.transport && this.info) return Promise.resolve(this.info);
    if (this.starting) return this.starting;
    this.statusListeners.emit({ state: 'starting' });
    this.starting = this.startTransport().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async startTransport(): Promise<EngineInfo> {
    const generation = ++this.generation;
    const transport = this.createTransport();
    this.transport = transport;
    this.info = null;
    transport.onEvent((ev) => {
      if (generation === this.generation) this.handleEvent(ev);
    });
    transport.onLog((text) => this.logListeners.emit(text));
    transport.onClose((closed) => {
      if (generation === this.generation) this.handleClose(closed);
    });
    const ready = new Promise<EngineInfo>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiter = null;
        reject(new Error(`The rating engine did not start within ${Math.round(this.options.readyTimeoutMs / 1000)} s.`));
      }, this.options.readyTimeoutMs);
      this.readyWaiter = { resolve, reject, timer };
    });
    try {
      await transport.start();
      const info = await ready;
      this.statusListeners.emit({ state: 'ready', info });
      return info;
    } catch (err) {
      if (this.readyWaiter) {
        clearTimeout(this.readyWaiter.timer);
        this.readyWaiter = null;
      }
      ready.catch(() => undefined);
      if (generation === this.generation) {
        this.transport = null;
        this.generation++;
      }
      transport.stop();
      const message = (err as Error).message;
      this.statusListeners.emit({ state: 'failed', message });
      throw err;
    }
  }

  private handleEvent(ev: EngineEvent): void {
    switch (ev.type) {
      case 'ready': {
        const waiter = this.readyWaiter;
        this.readyWaiter = null;
        if (!waiter) return;
        clearTimeout(waiter.timer);
        if (ev.protocol !== PROTOCOL_VERSION) {
          waiter.reject(
            new Error(`The rating engine speaks protocol ${String(ev.protocol)}, this panel needs ${PROTOCOL_VERSION}: reinstall ClipTriage.`),
          );
          return;
        }
        this.info = ev.engine;
        waiter.resolve(ev.engine);
        return;
      }
      case 'thumbnail': {
        const p = this.thumbnails.get(ev.id);
        if (!p) return;
        this.thumbnails.delete(ev.id);
        clearTimeout(p.timer);
        if (ev.dataUrl) p.resolve(ev.dataUrl);
        else p.reject(new Error(ev.error || 'No thumbnail for this clip.'));
        return;
      }
      case 'error': {
        const p = ev.id ? this.thumbnails.get(ev.id) : undefined;
        if (p && ev.id) {
          this.thumbnails.delete(ev.id);
          clearTimeout(p.timer);
          p.reject(new Error(ev.message));
          return;
        }
        if (this.batch && ev.id && this.batch.ownsRequest(ev.id)) {
          this.batch.fail(`The rating engine refused the batch: ${ev.message}`);
          return;
        }
        this.logListeners.emit(`engine error: ${ev.message}`);
        return;
      }
      case 'progress':
      case 'result':
      case 'done':
        if (this.batch && this.batch.ownsRequest(ev.id)) this.batch.handle(ev);
        return;
    }
  }

  private handleClose(closed: TransportClosed): void {
    this.transport = null;
    this.info = null;
    this.generation++;
    if (this.readyWaiter) {
      const w = this.readyWaiter;
      this.readyWaiter = null;
      clearTimeout(w.timer);
      w.reject(new Error(closed.message));
    }
    for (const [id, p] of this.thumbnails) {
      clearTimeout(p.timer);
      p.reject(new Error(closed.message));
      this.thumbnails.delete(id);
    }
    this.statusListeners.emit(closed.expected ? { state: 'stopped' } : { state: 'failed', message: closed.message });
    if (this.batch) this.batch.engineDied(closed);
  }

  /** Sends a request on the live engine. */
  send(request: Parameters<EngineTransport['send']>[0]): void {
    if (!this.transport) throw new Error('The rating engine is not running.');
    this.transport.send(request);
  }

  /** Kills the engine now (Cancel that did not wind down in time, panel close). */
  kill(): void {
    const t = this.transport;
    if (!t) return;
    this.transport = null;
    this.info = null;
    this.generation++;
    t.stop();
    this.statusListeners.emit({ state: 'stopped' });
  }

  /**
   * Rates `items` as one logical batch. Only one batch runs at a time: a second call while one runs
   * throws, so two batches can never interleave their writes.
   */
  rate(items: RateItem[], settings: DeepPartial<EngineSettings>, handlers: BatchHandlers = {}): BatchHandle {
    if (this.disposed) throw new Error('The panel is closing.');
    if (this.batch) throw new BatchAlreadyRunningError();
    const run = new BatchRun(this, items, settings, handlers, () => {
      if (this.batch === run) this.batch = null;
    });
    this.batch = run;
    run.begin();
    return { id: run.id, done: run.done, cancel: () => run.cancel() };
  }

  thumbnail(path: string, timeSec: number, width?: number): Promise<string | null> {
    return this.ensureReady().then(
      () =>
        new Promise<string | null>((resolve, reject) => {
          const id = newId('thumb');
          const timer = setTimeout(() => {
            this.thumbnails.delete(id);
            reject(new Error('The thumbnail took too long.'));
          }, this.options.thumbnailTimeoutMs);
          this.thumbnails.set(id, { resolve, reject, timer });
          try {
            this.send({ type: 'thumbnail', id, path, timeSec, width });
          } catch (err) {
            clearTimeout(timer);
            this.thumbnails.delete(id);
            reject(err as Error);
          }
        }),
    );
  }

  /** Stops everything for good (panel closing). */
  dispose(): void {
    this.disposed = true;
    if (this.batch) this.batch.cancel();
    this.kill();
  }
}

export class BatchAlreadyRunningError extends Error {
  constructor() {
    super('A rating is already running. Wait for it to finish or press Cancel first.');
    this.name = 'BatchAlreadyRunningError';
  }
}

/** One logical batch, possibly spread over several engine processes. */
class BatchRun {
  readonly id = newId('batch');
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
    private readonly client: EngineClient,
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
