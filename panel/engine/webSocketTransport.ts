// The engine over a WebSocket to the dev harness, which runs the same engine process and relays
// its NDJSON lines one message each. Used when the panel runs in a plain browser (npm start).

/// <reference lib="dom" />
import type { EngineEvent, Request } from '../../extension/contracts/protocol';
import { EngineTransport, Listeners, TransportClosed, parseEvent } from './transport';

/** The part of the WebSocket API used here (the browser's, or the `ws` package's in Node tests). */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string) => SocketLike;

const OPEN = 1;

export class WebSocketTransport implements EngineTransport {
  private socket: SocketLike | null = null;
  private stopping = false;
  private closed = false;
  private readonly events = new Listeners<EngineEvent>();
  private readonly logs = new Listeners<string>();
  private readonly closes = new Listeners<TransportClosed>();

  constructor(
    private readonly url: string,
    private readonly createSocket: SocketFactory = (u) => new WebSocket(u) as unknown as SocketLike,
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let opened = false;
      const socket = this.createSocket(this.url);
      this.socket = socket;
      socket.onopen = () => {
        opened = true;
        resolve();
      };
      socket.onmessage = (ev) => {
        const text = typeof ev.data === 'string' ? ev.data : String(ev.data);
        const event = parseEvent(text);
        if (event) this.events.emit(event);
        else this.logs.emit(text);
      };
      socket.onerror = () => {
        if (!opened) reject(new Error(`Could not connect to the engine bridge at ${this.url}.`));
      };
      socket.onclose = (ev) => {
        if (this.closed) return;
        this.closed = true;
        if (!opened) {
          reject(new Error(`The engine bridge at ${this.url} refused the connection.`));
          return;
        }
        this.closes.emit({
          expected: this.stopping,
          message: ev.reason ? `The rating engine connection closed: ${ev.reason}` : `The rating engine connection closed (code ${ev.code}).`,
        });
      };
    });
  }

  send(request: Request): void {
    if (!this.socket || this.socket.readyState !== OPEN) throw new Error('The rating engine is not connected.');
    this.socket.send(JSON.stringify(request));
  }

  onEvent(listener: (event: EngineEvent) => void): void {
    this.events.add(listener);
  }

  onLog(listener: (text: string) => void): void {
    this.logs.add(listener);
  }

  onClose(listener: (closed: TransportClosed) => void): void {
    this.closes.add(listener);
  }

  stop(): void {
    if (!this.socket || this.closed || this.stopping) return;
    this.stopping = true;
    this.socket.close(1000, 'panel closed the engine');
  }
}
