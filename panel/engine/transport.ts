// One engine connection, whatever carries it: a child process speaking NDJSON over stdio (CEP), or
// a WebSocket to the dev harness, which bridges to the same engine process. The engine client sits
// on top of this interface and never knows which one it has.

import type { EngineEvent, Request } from '../../extension/contracts/protocol';

export interface TransportClosed {
  /** True when we asked for it (stop()); false for a crash, a kill or a dropped connection. */
  expected: boolean;
  /** Plain words: exit code/signal, socket close reason… */
  message: string;
}

export interface EngineTransport {
  /** Starts the engine / opens the connection. Rejects with a plain-words Error when it cannot. */
  start(): Promise<void>;
  send(request: Request): void;
  onEvent(listener: (event: EngineEvent) => void): void;
  /** Lines that are not protocol messages (e.g. a crash trace), for diagnostics. */
  onLog(listener: (text: string) => void): void;
  onClose(listener: (closed: TransportClosed) => void): void;
  /** Ends the engine (kills the process / closes the socket). Idempotent. */
  stop(): void;
}

export type TransportFactory = () => EngineTransport;

/** Parses one protocol line; anything that isn't an object with a string `type` is rejected. */
export function parseEvent(line: string): EngineEvent | null {
  try {
    const value = JSON.parse(line) as unknown;
    if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
      return value as EngineEvent;
    }
  } catch {
    // not JSON: reported as a log line by the caller
  }
  return null;
}

/** A tiny typed listener list (the panel has no EventEmitter in the browser). */
export class Listeners<T> {
  private readonly list: Array<(value: T) => void> = [];
  add(listener: (value: T) => void): () => void {
    this.list.push(listener);
    return () => {
      const i = this.list.indexOf(listener);
      if (i >= 0) this.list.splice(i, 1);
    };
  }
  emit(value: T): void {
    for (const l of this.list.slice()) l(value);
  }
}

/** The listener plumbing every transport shares; subclasses emit, the client subscribes. */
export abstract class TransportBase implements EngineTransport {
  protected readonly events = new Listeners<EngineEvent>();
  protected readonly logs = new Listeners<string>();
  protected readonly closes = new Listeners<TransportClosed>();

  abstract start(): Promise<void>;
  abstract send(request: Request): void;
  abstract stop(): void;

  onEvent(listener: (event: EngineEvent) => void): void {
    this.events.add(listener);
  }

  onLog(listener: (text: string) => void): void {
    this.logs.add(listener);
  }

  onClose(listener: (closed: TransportClosed) => void): void {
    this.closes.add(listener);
  }

  /** Routes one received protocol line: an event to the event listeners, anything else to the log. */
  protected receive(line: string): void {
    const event = parseEvent(line);
    if (event) this.events.emit(event);
    else this.logs.emit(line);
  }
}
