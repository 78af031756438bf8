// The engine as a child process of the panel (CEP, Node enabled): `node server.js`, requests as
// NDJSON on its stdin, events on its stdout, free-form logs on stderr. Spawned with an argument
// array (never a shell), killed when the panel goes away.

import type { Request } from '../../extension/contracts/protocol';
import { LineSplitter } from './ndjson';
import { TransportBase } from './transport';

/** The slice of Node's ChildProcess this transport uses (typed here: the panel has no @types/node). */
export interface ChildLike {
  pid?: number;
  stdin: { write(data: string): boolean; end(): void; on(event: 'error', cb: (err: Error) => void): unknown } | null;
  stdout: ReadableLike | null;
  stderr: ReadableLike | null;
  on(event: 'exit', cb: (code: number | null, signal: string | null) => void): unknown;
  on(event: 'error', cb: (err: Error & { code?: string }) => void): unknown;
  on(event: 'spawn', cb: () => void): unknown;
  kill(signal?: string): boolean;
}

interface ReadableLike {
  setEncoding(encoding: string): unknown;
  on(event: 'data', cb: (chunk: string) => void): unknown;
  on(event: 'end', cb: () => void): unknown;
}

export type SpawnFn = (
  command: string,
  args: string[],
  options: { stdio: ['pipe', 'pipe', 'pipe']; windowsHide: boolean; env?: Record<string, string | undefined>; cwd?: string },
) => ChildLike;

export interface ChildProcessTransportOptions {
  spawn: SpawnFn;
  /** The Node runtime to run the engine with, or how to find it (rejects with plain words). */
  nodePath: string | (() => Promise<string>);
  /** The engine's server script (build/extension/server.js). */
  serverPath: string;
  /** Extra arguments for the server, e.g. ['--priority=low'] for the engine that rates on import. */
  args?: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** How long a stopped engine gets to exit before it is killed hard. */
  killGraceMs?: number;
}

export class ChildProcessTransport extends TransportBase {
  private child: ChildLike | null = null;
  private stopping = false;
  private exited = false;
  private stderrTail = '';
  private killTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: ChildProcessTransportOptions) {
    super();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const nodePath = typeof this.opts.nodePath === 'string' ? this.opts.nodePath : await this.opts.nodePath();
    return this.spawnEngine(nodePath);
  }

  private spawnEngine(nodePath: string): Promise<void> {
    return new Promise((resolve, reject) => {
      let started = false;
      let child: ChildLike;
      try {
        child = this.opts.spawn(nodePath, [this.opts.serverPath, ...(this.opts.args ?? [])], {
          stdio: ['pipe', 'pipe', 'pipe'],
          windowsHide: true,
          env: this.opts.env,
          cwd: this.opts.cwd,
        });
      } catch (err) {
        reject(new Error(`Could not start the rating engine with ${nodePath}: ${(err as Error).message}`));
        return;
      }
      this.child = child;
      const out = new LineSplitter((line) => this.receive(line));
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk) => out.push(chunk));
      child.stdout?.on('end', () => out.end());
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk) => {
        this.stderrTail = (this.stderrTail + chunk).slice(-2000);
        this.logs.emit(chunk);
      });
      // A write to a dead engine's stdin raises EPIPE here; the exit handler reports the death.
      child.stdin?.on('error', () => undefined);
      child.on('spawn', () => {
        started = true;
        resolve();
      });
      child.on('error', (err) => {
        if (!started) {
          this.exited = true;
          reject(
            new Error(
              err.code === 'ENOENT'
                ? `The Node.js runtime was not found at ${nodePath}. Check the Node.js path in Settings.`
                : `Could not start the rating engine: ${err.message}`,
            ),
          );
        }
      });
      child.on('exit', (code, signal) => {
        this.exited = true;
        if (this.killTimer) clearTimeout(this.killTimer);
        const how = signal ? `was stopped by signal ${signal}` : `exited with code ${code}`;
        const detail = this.stderrTail.trim().split('\n').slice(-3).join(' ').trim();
        this.closes.emit({
          expected: this.stopping,
          message: `The rating engine ${how}.${detail && !this.stopping ? ` Last words: ${detail}` : ''}`,
        });
      });
    });
  }

  send(request: Request): void {
    if (!this.child?.stdin || this.exited) throw new Error('The rating engine is not running.');
    this.child.stdin.write(JSON.stringify(request) + '\n');
  }

  stop(): void {
    const child = this.child;
    if (!child || this.exited || this.stopping) return;
    this.stopping = true;
    try {
      child.stdin?.write(JSON.stringify({ type: 'shutdown' }) + '\n');
      child.stdin?.end();
    } catch {
      // already gone
    }
    child.kill('SIGTERM');
    const grace = this.opts.killGraceMs ?? 1500;
    this.killTimer = setTimeout(() => {
      if (!this.exited) child.kill('SIGKILL');
    }, grace);
  }
}
