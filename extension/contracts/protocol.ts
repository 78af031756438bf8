// The engine protocol: newline-delimited JSON, one message per line, over the engine process's
// stdin (requests) and stdout (events). The dev harness carries the very same messages over a
// WebSocket. stderr is free-form log text and never part of the protocol.

import type { ClipReport, EngineInfo } from './report';
import type { DeepPartial, EngineSettings, FootageMode } from './settings';

export const PROTOCOL_VERSION = 1 as const;

/** One clip to rate. `key` is the caller's handle (e.g. a Premiere nodeId), echoed back. */
export interface RateItem {
  key: string;
  path: string;
  /** This clip's footage mode (e.g. one log clip in a bin of standard ones); the batch setting otherwise. */
  footageMode?: FootageMode;
}

export type Request =
  | { type: 'rate'; id: string; items: RateItem[]; settings?: DeepPartial<EngineSettings> }
  | { type: 'cancel'; id: string }
  | { type: 'thumbnail'; id: string; path: string; timeSec: number; width?: number }
  | { type: 'shutdown' };

export type Stage = 'queued' | 'probing' | 'decoding' | 'analysing' | 'cached' | 'done';

export type EngineEvent =
  /** Sent once when the engine is up. */
  | { type: 'ready'; protocol: typeof PROTOCOL_VERSION; engine: EngineInfo }
  | {
      type: 'progress';
      id: string;
      key: string;
      path: string;
      stage: Stage;
      /** 0..1 for this clip. */
      clipFraction: number;
      /** 0..1 for the batch (by media duration where known). */
      batchFraction: number;
      /** Seconds left in the batch, estimated; null until it can be estimated. */
      etaSec: number | null;
      clipsDone: number;
      clipCount: number;
    }
  | { type: 'result'; id: string; key: string; clip: ClipReport }
  | {
      type: 'done';
      id: string;
      cancelled: boolean;
      rated: number;
      errors: number;
      cached: number;
      elapsedSec: number;
    }
  | { type: 'thumbnail'; id: string; path: string; timeSec: number; dataUrl: string | null; error?: string }
  /** A request the engine could not accept (bad JSON, unknown type, a second rate with the same id…). */
  | { type: 'error'; id: string | null; message: string };

export type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;
