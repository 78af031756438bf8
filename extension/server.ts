// The engine protocol server (extension/contracts/protocol.ts): NDJSON requests on stdin, events
// on stdout, one JSON object per line. stdout carries protocol lines only; logs go to stderr.
// A malformed line gets an `error` event; nothing a client sends can crash the engine.
// Rate requests run one after another (queued), each cancellable while queued or running.
//
//   node build/extension/server.js [--priority=low]
//
// `serve()` is exported so other transports (the dev harness's WebSocket) can drive the same loop.

import * as readline from 'readline';
import type { Readable } from 'stream';
import { EngineEvent, PROTOCOL_VERSION, RateItem, Request } from './contracts/protocol';
import type { DeepPartial, EngineSettings } from './contracts/settings';
import { createEngine, Engine } from './index';
import { priorityFromArgs, setEnginePriority } from './util/priority';

export interface ServeOptions {
  input: Readable;
  send(event: EngineEvent): void;
  log?(message: string): void;
  settings?: DeepPartial<EngineSettings>;
}

interface Run {
  id: string;
  items: RateItem[];
  settings?: DeepPartial<EngineSettings>;
  ac: AbortController;
}

export interface Server {
  engine: Engine;
  /** Resolves when the client asked for shutdown or closed its input. */
  closed: Promise<void>;
}

export async function serve(opts: ServeOptions): Promise<Server> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`[engine] ${m}\n`));
  const engine = await createEngine(opts.settings ?? {});
  for (const w of engine.warnings) log(w);
  const runs = new Map<string, Run>();
  const queue: Run[] = [];
  let running: Promise<void> | null = null;
  let shuttingDown = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

  const send = (ev: EngineEvent) => {
    try {
      opts.send(ev);
    } catch (e) {
      log(`cannot send event: ${(e as Error).message}`);
    }
  };

  async function execute(run: Run): Promise<void> {
    const started = Date.now();
    let rated = 0, errors = 0, cached = 0;
    try {
      await engine.rate(run.items, {
        signal: run.ac.signal,
        settings: run.settings,
        onProgress: (p) => send({ type: 'progress', id: run.id, ...p }),
        onResult: (key, clip) => {
          if (clip.status === 'rated') rated++;
          else errors++;
          if (clip.cached) cached++;
          send({ type: 'result', id: run.id, key, clip });
        },
      });
    } catch (e) {
      send({ type: 'error', id: run.id, message: `rating failed: ${(e as Error).message}` });
    }
    send({ type: 'done', id: run.id, cancelled: run.ac.signal.aborted, rated, errors, cached, elapsedSec: Math.round((Date.now() - started) / 100) / 10 });
    runs.delete(run.id);
  }

  function pump(): void {
    if (running || !queue.length) return;
    const run = queue.shift()!;
    running = execute(run).finally(() => {
      running = null;
      pump();
    });
  }

  async function shutdown(): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const r of runs.values()) r.ac.abort();
    queue.length = 0;
    await running?.catch(() => undefined);
    await engine.close().catch(() => undefined);
    resolveClosed();
  }

  async function thumbnail(req: Extract<Request, { type: 'thumbnail' }>): Promise<void> {
    const base = { type: 'thumbnail' as const, id: req.id, path: req.path, timeSec: req.timeSec };
    try {
      // A thumbnail must never hang the panel: same limit as a clip.
      const limit = Math.max(10, engine.settings.clipTimeoutSec || 60) * 1000;
      const jpeg = await engine.thumbnail(req.path, req.timeSec, req.width ?? 320, AbortSignal.timeout(limit));
      send({ ...base, dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}` });
    } catch (e) {
      send({ ...base, dataUrl: null, error: (e as Error).message.split('\n')[0] });
    }
  }

  function handle(line: string): void {
    if (!line.trim()) return;
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      send({ type: 'error', id: null, message: 'not valid JSON: each line must be one JSON request' });
      return;
    }
    const problem = validate(msg);
    const id = msg && typeof msg === 'object' && typeof (msg as { id?: unknown }).id === 'string' ? (msg as { id: string }).id : null;
    if (problem) {
      send({ type: 'error', id, message: problem });
      return;
    }
    const req = msg as Request;
    if (shuttingDown && req.type !== 'shutdown') {
      send({ type: 'error', id, message: 'the engine is shutting down' });
      return;
    }
    switch (req.type) {
      case 'rate': {
        if (runs.has(req.id)) {
          send({ type: 'error', id: req.id, message: `a rate request with id "${req.id}" is already running` });
          return;
        }
        const run: Run = { id: req.id, items: req.items, settings: req.settings, ac: new AbortController() };
        runs.set(req.id, run);
        queue.push(run);
        pump();
        return;
      }
      case 'cancel': {
        const run = runs.get(req.id);
        if (!run) {
          send({ type: 'error', id: req.id, message: `no rate request with id "${req.id}" is running` });
          return;
        }
        run.ac.abort();
        const queued = queue.indexOf(run);
        if (queued >= 0) {
          // Never started: answer it the same way as a run cancelled mid-way.
          queue.splice(queued, 1);
          runs.delete(run.id);
          send({ type: 'done', id: run.id, cancelled: true, rated: 0, errors: 0, cached: 0, elapsedSec: 0 });
        }
        return;
      }
      case 'thumbnail':
        void thumbnail(req);
        return;
      case 'shutdown':
        void shutdown();
        return;
    }
  }

  const rl = readline.createInterface({ input: opts.input, crlfDelay: Infinity });
  rl.on('line', (line) => {
    try {
      handle(line);
    } catch (e) {
      send({ type: 'error', id: null, message: `internal error: ${(e as Error).message}` });
    }
  });
  rl.on('close', () => void shutdown());
  send({ type: 'ready', protocol: PROTOCOL_VERSION, engine: engine.info });
  return { engine, closed };
}

/** Checks a request's shape; returns a plain-words problem or null. */
export function validate(msg: unknown): string | null {
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return 'a request must be a JSON object';
  const m = msg as Record<string, unknown>;
  const str = (k: string) => typeof m[k] === 'string' && (m[k] as string).length > 0;
  switch (m.type) {
    case 'rate':
      if (!str('id')) return 'rate needs a non-empty string "id"';
      if (!Array.isArray(m.items)) return 'rate needs "items": [{ key, path }]';
      for (const it of m.items as unknown[]) {
        const i = it as Record<string, unknown>;
        if (!i || typeof i !== 'object' || typeof i.key !== 'string' || typeof i.path !== 'string' || !i.path) return 'every rate item needs a string "key" and a non-empty string "path"';
      }
      if (m.settings !== undefined && (typeof m.settings !== 'object' || m.settings === null || Array.isArray(m.settings))) return '"settings" must be an object';
      return null;
    case 'cancel':
      return str('id') ? null : 'cancel needs the "id" of a rate request';
    case 'thumbnail':
      if (!str('id') || !str('path')) return 'thumbnail needs string "id" and "path"';
      if (typeof m.timeSec !== 'number' || !Number.isFinite(m.timeSec) || m.timeSec < 0) return 'thumbnail needs a number "timeSec" ≥ 0';
      if (m.width !== undefined && (typeof m.width !== 'number' || m.width < 16 || m.width > 4096)) return '"width" must be a number between 16 and 4096';
      return null;
    case 'shutdown':
      return null;
    default:
      return `unknown request type ${JSON.stringify(m.type)}`;
  }
}

async function mainStdio(): Promise<void> {
  // Anything that prints must not corrupt the protocol stream.
  console.log = console.info = console.warn = console.error;
  const note = setEnginePriority(priorityFromArgs(process.argv.slice(2)));
  if (note) process.stderr.write(`[engine] ${note}\n`);
  const out = process.stdout;
  const server = await serve({ input: process.stdin, send: (ev) => out.write(JSON.stringify(ev) + '\n') });
  process.on('uncaughtException', (e) => {
    process.stderr.write(`[engine] uncaught: ${e.stack ?? e}\n`);
    out.write(JSON.stringify({ type: 'error', id: null, message: `internal error: ${e.message}` }) + '\n');
  });
  await server.closed;
  // Let stdout drain before leaving.
  out.write('', () => process.exit(0));
}

if (require.main === module) {
  mainStdio().catch((e) => {
    process.stderr.write(`[engine] failed to start: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
