// Wires the engine for a real CEP panel: Node's child_process/fs/path through CEP's require, the
// Node runtime search, and the engine script inside the installed extension.

import { ChildProcessTransport, SpawnFn } from './childProcessTransport';
import { findNodeRuntime, NodeSearchEnv } from './nodeRuntime';
import type { TransportFactory } from './transport';

interface NodeFs {
  statSync(p: string): { isFile(): boolean };
}
interface NodePath {
  join(...parts: string[]): string;
  delimiter: string;
}
interface NodeProcess {
  platform: string;
  arch: string;
  env: Record<string, string | undefined>;
}

/** Where the engine's server script sits inside the installed extension. */
export const ENGINE_SERVER_RELATIVE = ['build', 'extension', 'server.js'];

export function cepEngineTransportFactory(
  nodeRequire: (m: string) => unknown,
  extensionPath: string,
  configuredNodePath: () => string,
  /** Extra server arguments (['--priority=low'] for the engine that rates on import). */
  args: string[] = [],
): TransportFactory {
  const cp = nodeRequire('child_process') as { spawn: SpawnFn };
  const fs = nodeRequire('fs') as NodeFs;
  const path = nodeRequire('path') as NodePath;
  const proc = nodeRequire('process') as NodeProcess;
  const isFile = (p: string): boolean => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  const sys: NodeSearchEnv = { platform: proc.platform, arch: proc.arch, env: proc.env, isFile, join: path.join, pathDelimiter: path.delimiter };
  const serverPath = path.join(extensionPath, ...ENGINE_SERVER_RELATIVE);
  // The search runs `node --version`; remember the answer per configured path.
  let found: { configured: string; path: string } | null = null;
  const resolveNode = async (): Promise<string> => {
    if (!isFile(serverPath)) {
      throw new Error(`The rating engine is missing from the extension (${serverPath}). Reinstall ClipTriage.`);
    }
    const configured = configuredNodePath();
    if (found && found.configured === configured && isFile(found.path)) return found.path;
    const c = await findNodeRuntime(configured, extensionPath, sys, cp.spawn);
    found = { configured, path: c.path };
    return c.path;
  };
  return () => new ChildProcessTransport({ spawn: cp.spawn, nodePath: resolveNode, serverPath, cwd: extensionPath, args });
}
