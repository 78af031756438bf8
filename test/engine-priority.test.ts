// The engine for rating on import runs below normal OS priority, and so does every ffmpeg it
// starts: `node server.js --priority=low`, checked on the real processes (Linux: /proc).
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { priorityFromArgs } from '../extension/util/priority';
import { clipPath, ensureClips } from './fixtures/clips';

jest.setTimeout(60000);
const SERVER = path.resolve(__dirname, '..', 'build', 'extension', 'server.js');
const LOW = os.constants.priority.PRIORITY_BELOW_NORMAL;

function niceOfChildren(pid: number): Array<{ cmd: string; nice: number }> {
  // /proc rather than ps: a minimal CI image has no procps.
  const out: Array<{ cmd: string; nice: number }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so split after its closing parenthesis.
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      out.push({ cmd: stat.slice(stat.indexOf('(') + 1, close), nice: os.getPriority(Number(entry)) });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

async function startEngine(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += String(d);
      if (buf.includes('"ready"')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`engine exited ${code}`)));
  });
  return child;
}

/** Rates a clip and samples the engine's child processes until one ffmpeg/ffprobe is seen. */
async function decoderNice(engine: ChildProcess, clip: string): Promise<number[]> {
  engine.stdin!.write(JSON.stringify({ type: 'rate', id: 'r1', items: [{ key: 'k', path: clip }], settings: { noCache: true } }) + '\n');
  const seen: number[] = [];
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && seen.length < 3) {
    for (const c of niceOfChildren(engine.pid!)) if (/ff(mpeg|probe)/.test(c.cmd)) seen.push(c.nice);
    await new Promise((r) => setTimeout(r, 15));
  }
  return seen;
}

beforeAll(() => ensureClips(['good-then-blurry']));

const linux = process.platform === 'linux' ? test : test.skip;

linux('--priority=low: the engine and its decoders run below normal priority', async () => {
  const engine = await startEngine(['--priority=low']);
  try {
    expect(os.getPriority(engine.pid!)).toBe(LOW);
    const nice = await decoderNice(engine, clipPath('good-then-blurry'));
    expect(nice.length).toBeGreaterThan(0);
    expect(nice.every((n) => n === LOW)).toBe(true);
  } finally {
    engine.kill('SIGKILL');
  }
});

linux('without it, the engine keeps the priority it was started with', async () => {
  const engine = await startEngine([]);
  try {
    expect(os.getPriority(engine.pid!)).toBe(os.getPriority(process.pid));
  } finally {
    engine.kill('SIGKILL');
  }
});

test('the argument is read in both spellings, and only "low" lowers', () => {
  expect(priorityFromArgs(['--priority=low'])).toBe('low');
  expect(priorityFromArgs(['--priority', 'low'])).toBe('low');
  expect(priorityFromArgs(['--priority=high'])).toBe('normal');
  expect(priorityFromArgs([])).toBe('normal');
});
