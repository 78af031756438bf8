// Finds a Node.js runtime for the engine. Editors rarely have Node installed, so the packaged
// extension may carry one; otherwise a path set in Settings, then `node` on PATH, then the usual
// install folders (Premiere started from the Dock/Start menu often has a minimal PATH).

import type { SpawnFn } from './childProcessTransport';

export const MIN_NODE_MAJOR = 18;

export interface NodeSearchEnv {
  platform: string;
  arch: string;
  env: Record<string, string | undefined>;
  /** True when a regular file exists at the path. */
  isFile(path: string): boolean;
  join(...parts: string[]): string;
  pathDelimiter: string;
}

export type NodeSource = 'configured' | 'bundled' | 'path' | 'common';

export interface NodeCandidate {
  path: string;
  source: NodeSource;
}

/** Every place to look, best first. */
export function nodeCandidates(configuredPath: string, extensionPath: string | null, sys: NodeSearchEnv): NodeCandidate[] {
  const win = sys.platform === 'win32';
  const exe = win ? 'node.exe' : 'node';
  const out: NodeCandidate[] = [];
  if (configuredPath.trim()) out.push({ path: configuredPath.trim(), source: 'configured' });
  if (extensionPath) {
    // The registry's node-<platform>-<arch> packages keep the binary in bin/ (node.exe on Windows too).
    const pkg = `node-${sys.platform === 'win32' ? 'win' : sys.platform}-${sys.arch}`;
    for (const rel of [['node', 'bin', exe], ['node', exe], ['node_modules', pkg, 'bin', exe]]) {
      out.push({ path: sys.join(extensionPath, ...rel), source: 'bundled' });
    }
  }
  const pathVar = sys.env.PATH ?? sys.env.Path ?? '';
  for (const dir of pathVar.split(sys.pathDelimiter)) {
    if (dir) out.push({ path: sys.join(dir, exe), source: 'path' });
  }
  const common = win
    ? [sys.env.ProgramFiles, sys.env['ProgramFiles(x86)']].filter(Boolean).map((d) => sys.join(d as string, 'nodejs', exe))
    : ['/opt/homebrew/bin/node', '/usr/local/bin/node', '/usr/bin/node'];
  for (const p of common) out.push({ path: p, source: 'common' });
  return out;
}

export const NO_NODE_MESSAGE =
  `ClipTriage needs Node.js ${MIN_NODE_MAJOR} or newer to run its rating engine, and none was found. ` +
  'Install the LTS version from nodejs.org and restart Premiere, or set the path to the node program in Settings → Engine.';

/** Parses `node --version` output ("v20.11.1") into its major version. */
export function parseNodeMajor(versionText: string): number | null {
  const m = /^v?(\d+)\./.exec(versionText.trim());
  return m ? Number(m[1]) : null;
}

/** Runs `node --version` (argument array, no shell) and resolves with its output, or null. */
export function readNodeVersion(spawn: SpawnFn, nodePath: string, timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    let out = '';
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (v: string | null): void => {
      if (!settled) {
        settled = true;
        if (timer) clearTimeout(timer);
        resolve(v);
      }
    };
    try {
      const child = spawn(nodePath, ['--version'], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (c) => {
        out += c;
      });
      child.on('error', () => settle(null));
      child.on('exit', (code) => settle(code === 0 ? out.trim() : null));
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle(null);
      }, timeoutMs);
    } catch {
      settle(null);
    }
  });
}

/**
 * The first candidate that exists and is new enough. Rejects with a message that tells the editor
 * what to do (too-old runtimes are named, so an outdated install is not a mystery).
 */
export async function findNodeRuntime(
  configuredPath: string,
  extensionPath: string | null,
  sys: NodeSearchEnv,
  spawn: SpawnFn,
): Promise<NodeCandidate> {
  const tooOld: string[] = [];
  const seen = new Set<string>();
  for (const c of nodeCandidates(configuredPath, extensionPath, sys)) {
    if (seen.has(c.path)) continue;
    seen.add(c.path);
    if (!sys.isFile(c.path)) {
      if (c.source === 'configured') {
        throw new Error(`The Node.js path set in Settings (${c.path}) does not exist. Fix it in Settings → Engine, or clear it to search automatically.`);
      }
      continue;
    }
    const version = await readNodeVersion(spawn, c.path);
    const major = version ? parseNodeMajor(version) : null;
    if (major !== null && major >= MIN_NODE_MAJOR) return c;
    tooOld.push(`${c.path} (${version ?? 'does not run'})`);
  }
  if (tooOld.length) {
    throw new Error(`${NO_NODE_MESSAGE} Found but not usable: ${tooOld.join(', ')}.`);
  }
  throw new Error(NO_NODE_MESSAGE);
}
