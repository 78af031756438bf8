// The engine over a WebSocket to the dev harness, which runs the same engine process and relays
// its NDJSON lines one message each. Used when the panel runs in a plain browser (npm start).
// `/engine?priority=low` asks the harness for an engine started with --priority=low.

/// <reference lib="dom" />
import type { Request } from '../../extension/contracts/protocol';
import { TransportBase } from './transport';

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

export class WebSocketTransport extends TransportBase {
  private socket: SocketLike | null = null;
  private stopping = false;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly createSocket: SocketFactory = (u) => new WebSocket(u) as unknown as SocketLike,
  ) {
    super();
  }

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
        this.receive(typeof ev.data === 'string' ? ev.data : String(ev.data));
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

  stop(): void {
    if (!this.socket || this.closed || this.stopping) return;
    this.stopping = true;
    this.socket.close(1000, 'panel closed the engine');
  }
}
