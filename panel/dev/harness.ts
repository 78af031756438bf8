// The dev harness server: serves the built panel to a normal browser with a CEP shim, bridges the
// panel's evalScript calls to the Premiere simulator (which runs the real host .jsx) and the
// panel's engine connection to a real engine process, both over WebSockets.
//
// Security: it listens on 127.0.0.1 only, answers only requests addressed to that host (DNS
// rebinding), and accepts WebSocket connections and control requests only from its own origin —
// a web page elsewhere cannot drive the engine or the simulated project.

import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { WebSocket, WebSocketServer } from 'ws';
import { CEP_SHIM_JS } from './cepShim';
import { harnessPageHtml } from './harnessPage';

/** The simulated Premiere the harness drives (adapter over test/premiere-sim). */
export interface SimulatedHost {
  /** Runs an evalScript string the way Premiere would and returns its result string. */
  evalScript(script: string): string;
  /** A JSON view of the project for the harness page and the tests. */
  snapshot(): unknown;
  /** Events the host script dispatches (CSXSEvent), for the page's CSInterface listeners. */
  onEvent?(listener: (event: { type: string; data: unknown }) => void): () => void;
  /** The editor importing a clip (the harness's Import clip button); returns its name, or null when there is none left. */
  importClip?(): string | null;
}

export interface HarnessOptions {
  host: SimulatedHost;
  /** Folder with the built panel (index.html, bundle.js, styles.css). */
  panelDir: string;
  /** The engine's server script. */
  engineServer: string;
  /** Node runtime for the engine; defaults to the one running the harness. */
  nodePath?: string;
  /** Extra environment for the engine (e.g. a cache folder). */
  engineEnv?: Record<string, string>;
  /** 0 picks a free port. */
  port?: number;
  log?(line: string): void;
}

/** What crossed the engine bridge, for tests that check resume-after-crash and no interleaving. */
export interface BridgeRecord {
  at: number;
  pid: number;
  dir: 'to-engine' | 'from-engine';
  type: string;
  id?: string | null;
  key?: string;
  keys?: string[];
}

export interface Harness {
  url: string;
  panelUrl: string;
  port: number;
  /** The address the server is bound to, as the OS reports it. */
  boundAddress: string;
  /** PIDs of the engine processes alive now. */
  enginePids(): number[];
  bridgeLog(): BridgeRecord[];
  /** Swaps the simulated project (tests start each case from a fresh one). */
  setHost(host: SimulatedHost): void;
  /** Environment for engines started from now on (e.g. a fresh cache folder). */
  setEngineEnv(env: Record<string, string>): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const log = opts.log ?? (() => undefined);
  let host = opts.host;
  let engineEnv = opts.engineEnv ?? {};
  const engines = new Map<number, ChildProcess>();
  const records: BridgeRecord[] = [];
  let port = 0;

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);
  const hostOk = (req: http.IncomingMessage): boolean => allowedHosts().includes(String(req.headers.host ?? ''));
  const originOk = (req: http.IncomingMessage): boolean => allowedOrigins().includes(String(req.headers.origin ?? ''));

  const server = http.createServer((req, res) => {
    if (!hostOk(req)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: the ClipTriage harness answers on 127.0.0.1 only.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const send = (status: number, type: string, body: string | Buffer): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(body);
    };
    if (req.method === 'GET' && url.pathname === '/') return send(200, CONTENT_TYPES['.html'], harnessPageHtml());
    if (req.method === 'GET' && url.pathname === '/__harness/cep-shim.js') return send(200, CONTENT_TYPES['.js'], CEP_SHIM_JS);
    if (req.method === 'GET' && url.pathname === '/__harness/state') {
      return send(200, 'application/json; charset=utf-8', JSON.stringify({ project: host.snapshot(), enginePids: Array.from(engines.keys()) }));
    }
    if (req.method === 'POST' && url.pathname === '/__harness/kill-engine') {
      // Simulates a crash (the editor's machine killing the engine): the panel must recover.
      if (!originOk(req)) return send(403, 'text/plain', 'Forbidden origin.');
      const pids = Array.from(engines.keys());
      for (const p of engines.values()) p.kill('SIGKILL');
      return send(200, 'application/json', JSON.stringify({ killed: pids }));
    }
    if (req.method === 'POST' && url.pathname === '/__harness/import') {
      if (!originOk(req)) return send(403, 'text/plain', 'Forbidden origin.');
      const name = host.importClip ? host.importClip() : null;
      return send(200, 'application/json', JSON.stringify({ imported: name }));
    }
    if (req.method === 'GET' && url.pathname.startsWith('/panel/')) {
      const rel = decodeURIComponent(url.pathname.slice('/panel/'.length)) || 'index.html';
      const file = path.resolve(opts.panelDir, rel);
      if (!file.startsWith(path.resolve(opts.panelDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return send(404, 'text/plain', 'Not found.');
      }
      let body: string | Buffer = fs.readFileSync(file);
      if (rel === 'index.html') {
        // The shim must exist before the panel's bundle looks for window.__adobe_cep__.
        body = body.toString('utf8').replace(/<\/head>/i, '<script src="/__harness/cep-shim.js"></script></head>');
      }
      return send(200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body);
    }
    send(404, 'text/plain', 'Not found.');
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!hostOk(req) || !originOk(req) || (pathname !== '/engine' && pathname !== '/host')) {
      log(`refused a WebSocket from origin ${String(req.headers.origin)} to ${pathname}`);
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const low = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('priority') === 'low';
    wss.handleUpgrade(req, socket, head, (ws) => (pathname === '/engine' ? bridgeEngine(ws, low) : bridgeHost(ws)));
  });

  const hostSockets = new Set<WebSocket>();
  let unlistenHost: (() => void) | null = null;
  /** Host-script events go to every page (CEP delivers to every listening panel). */
  const listenHost = (h: SimulatedHost): void => {
    unlistenHost?.();
    unlistenHost = h.onEvent
      ? h.onEvent((event) => {
          for (const s of hostSockets) if (s.readyState === WebSocket.OPEN) s.send(JSON.stringify({ event }));
        })
      : null;
  };
  listenHost(host);

  function bridgeHost(ws: WebSocket): void {
    hostSockets.add(ws);
    ws.on('close', () => hostSockets.delete(ws));
    ws.on('message', (data) => {
      let msg: { id: number; script: string };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      let result: string;
      try {
        result = host.evalScript(String(msg.script));
      } catch (err) {
        log(`evalScript threw: ${(err as Error).message}`);
        result = 'EvalScript error.';
      }
      ws.send(JSON.stringify({ id: msg.id, result }));
    });
  }

  /** One engine process per connection, like the child process the panel spawns in CEP. */
  function bridgeEngine(ws: WebSocket, lowPriority: boolean): void {
    const child = spawn(opts.nodePath ?? process.execPath, [opts.engineServer, ...(lowPriority ? ['--priority=low'] : [])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...engineEnv },
      windowsHide: true,
    });
    const pid = child.pid ?? -1;
    engines.set(pid, child);
    log(`engine started (pid ${pid}${lowPriority ? ', low priority' : ''})`);
    let tail = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (tail + chunk).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        record(pid, 'from-engine', line);
        if (ws.readyState === WebSocket.OPEN) ws.send(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => log(`engine ${pid}: ${chunk.trimEnd()}`));
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => {
      log(`engine failed to start: ${err.message}`);
      if (ws.readyState === WebSocket.OPEN) ws.close(1011, `engine failed to start: ${err.message}`.slice(0, 120));
    });
    child.on('exit', (code, signal) => {
      engines.delete(pid);
      log(`engine ${pid} exited (${signal ?? code})`);
      if (ws.readyState === WebSocket.OPEN) ws.close(1011, `engine exited (${signal ? `signal ${signal}` : `code ${code}`})`);
    });
    ws.on('message', (data) => {
      const line = String(data);
      record(pid, 'to-engine', line);
      if (child.exitCode === null && !child.killed) child.stdin.write(line.replace(/\n/g, ' ') + '\n');
    });
    ws.on('close', () => {
      if (child.exitCode === null) {
        child.stdin.end();
        child.kill('SIGTERM');
      }
    });
  }

  function record(pid: number, dir: BridgeRecord['dir'], line: string): void {
    try {
      const m = JSON.parse(line) as { type: string; id?: string | null; key?: string; items?: Array<{ key: string }> };
      if (m.type === 'progress') return; // too chatty to keep
      records.push({ at: Date.now(), pid, dir, type: m.type, id: m.id, key: m.key, keys: m.items?.map((i) => i.key) });
    } catch {
      records.push({ at: Date.now(), pid, dir, type: 'invalid' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const bound = server.address() as AddressInfo;
  port = bound.port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    panelUrl: `${url}panel/index.html`,
    port,
    boundAddress: bound.address,
    enginePids: () => Array.from(engines.keys()),
    bridgeLog: () => records.slice(),
    setHost: (h) => {
      host = h;
      listenHost(h);
    },
    setEngineEnv: (env) => {
      engineEnv = env;
    },
    close: async () => {
      for (const c of wss.clients) c.terminate();
      for (const p of engines.values()) p.kill('SIGKILL');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
