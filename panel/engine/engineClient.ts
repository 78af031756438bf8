// The typed engine client: starts the engine through a transport, matches replies to requests by
// id, and runs one rating batch at a time (`BatchRun`, which survives the engine dying mid-batch:
// a crash, a kill, a decoder taking the process down).

import { PROTOCOL_VERSION } from '../../extension/contracts/protocol';
import type { EngineEvent, RateItem } from '../../extension/contracts/protocol';
import type { EngineInfo } from '../../extension/contracts/report';
import type { DeepPartial, EngineSettings } from '../../extension/contracts/settings';
import { BatchEngine, BatchHandle, BatchHandlers, BatchRun, newRequestId } from './batchRun';
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

interface Pending<T> {
  resolve(value: T): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class EngineClient implements BatchEngine {
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
          const id = newRequestId('thumb');
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
