// The built CLI end to end: a folder of mixed footage with hostile names, --json schema, table,
// --out, --xmp sidecars that keep other tools' metadata, exit codes, and resuming after a kill.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPORT_SCHEMA } from '../extension/contracts/report';
import type { ClipReport, Report } from '../extension/contracts/report';
import { XMP_NS } from '../extension/xmp/sidecar';
import { clipPath, ensureClips, RECIPES } from './fixtures/clips';
import { CLI, runNode } from './fixtures/process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cli-'));
const footage = path.join(tmp, 'footage (day 1)');
const cacheDir = path.join(tmp, 'cache');

/** basename in the folder → expected flags, or the expected error code. */
const expected: Record<string, string[] | string> = {};

function place(recipe: string, rel: string): void {
  const dest = path.join(footage, rel);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(clipPath(recipe), dest);
  const e = RECIPES[recipe].expect;
  expected[path.basename(rel)] = e.error ?? e.flags!;
}

beforeAll(async () => {
  const names = ['sharp-steady', 'defocus', 'dark', 'shaky', 'text-as-mp4', 'empty', 'audio-only'];
  const odd = Object.keys(RECIPES).filter((n) => RECIPES[n].group === 'name');
  await ensureClips([...names, ...odd]);
  place('sharp-steady', 'A001 good.mp4');
  place('defocus', 'sub/defocus.mp4');
  place('dark', 'sub/deeper/dark.mp4');
  place('shaky', 'SHAKY.MOV');
  place('text-as-mp4', 'notes.mp4');
  place('empty', 'empty.mp4');
  place('audio-only', 'sub/voice.mp4');
  for (const n of odd) place(n, RECIPES[n].fileName);
  // Not rated: not a video name, and hidden folders.
  fs.writeFileSync(path.join(footage, 'readme.txt'), 'not footage');
  fs.mkdirSync(path.join(footage, '.hidden'));
  fs.copyFileSync(clipPath('sharp-steady'), path.join(footage, '.hidden', 'skip.mp4'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const rate = (args: string[]) => runNode(CLI, ['rate', ...args], { cwd: footage });

function byName(report: Report): Map<string, ClipReport> {
  return new Map(report.clips.map((c) => [path.basename(c.path), c]));
}

test('--json rates the folder recursively, with the right flags and plain-words errors', async () => {
  const r = await rate(['--json', '--no-cache', '.']);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.schema).toBe(REPORT_SCHEMA);
  expect(report.engine.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(typeof report.engine.executionProvider).toBe('string');
  const clips = byName(report);
  expect([...clips.keys()].sort()).toEqual(Object.keys(expected).sort());
  for (const [name, want] of Object.entries(expected)) {
    const c = clips.get(name)!;
    expect(path.isAbsolute(c.path)).toBe(true);
    expect(fs.existsSync(c.path)).toBe(true); // odd names survive exactly
    if (typeof want === 'string') {
      expect({ name, status: c.status, code: c.error?.code }).toEqual({ name, status: 'error', code: want });
      expect(c.error!.message).toMatch(/\w{4,}/);
    } else {
      expect({ name, status: c.status, flags: c.flags }).toEqual({ name, status: 'rated', flags: want });
      expect(c.media!.width).toBeGreaterThan(0);
      expect(c.quality).toBeGreaterThanOrEqual(0);
      expect(['usable', 'check', 'unusable']).toContain(c.verdict);
    }
  }
  // Nothing in a file name was ever run.
  expect(fs.existsSync(path.join(footage, 'PWNED'))).toBe(false);
  expect(fs.existsSync(path.join(tmp, 'PWNED'))).toBe(false);
  // Progress went to stderr, not into the JSON.
  expect(r.stderr).toMatch(/rating: 100%/);
});

test('table on stdout, with control characters in names escaped', async () => {
  const r = await rate(['--no-cache', '--fps', '1', footage]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^VERDICT\s+QUALITY\s+ISSUES/);
  expect(r.stdout).toContain('new\\nline.mp4');
  expect(r.stdout).toMatch(/unusable\s+\d+\s+blurry/);
  expect(r.stdout).toMatch(/ERROR\s+empty/);
  expect(r.stdout).toContain(`${Object.keys(expected).length} clip(s): 7 usable, 0 to check, 3 unusable, 3 error(s)`);
  const rows = r.stdout.trim().split('\n');
  expect(rows.length).toBe(1 + Object.keys(expected).length + 2);
});

test('--out writes the same report atomically; a missing path is a per-clip error, not a failure', async () => {
  const out = path.join(tmp, 'reports', 'report.json');
  const missing = path.join(footage, 'no such clip.mov');
  const r = await rate(['--json', '--out', out, '--no-cache', 'A001 good.mp4', missing]);
  expect(r.code).toBe(0);
  expect(fs.readFileSync(out, 'utf8')).toBe(r.stdout);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.clips.map((c) => c.error?.code ?? c.verdict)).toEqual(['usable', 'missing']);
  expect(fs.readdirSync(path.dirname(out))).toEqual(['report.json']);
});

test('exit codes for bad usage and help', async () => {
  expect((await runNode(CLI, [])).code).toBe(2);
  expect((await runNode(CLI, ['rate'])).code).toBe(2);
  expect((await runNode(CLI, ['rate', '--bogus', '.'])).code).toBe(2);
  expect((await runNode(CLI, ['rate', '--fps', 'fast', '.'])).code).toBe(2);
  expect((await runNode(CLI, ['explode'])).code).toBe(2);
  const help = await runNode(CLI, ['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/Usage: cliptriage rate/);
});

test('the removed learned models\' options are said to be ignored, and the clip is still rated', async () => {
  const r = await rate(['--models', '--cpu', '--no-cache', '--json', 'A001 good.mp4']);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/--models is ignored: the learned models were removed/);
  expect(r.stderr).toMatch(/--cpu is ignored/);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.clips.map((c) => [c.status, c.flags])).toEqual([['rated', expected['A001 good.mp4']]]);
});

describe('--xmp sidecars', () => {
  const foreign = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmp:Rating="5">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Keep me: the director's favourite take</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
`;

  test('merge into existing sidecars, idempotently, and never clobber a foreign file', async () => {
    const good = path.join(footage, 'A001 good.xmp');
    const junk = path.join(footage, 'sub', 'defocus.xmp');
    fs.writeFileSync(good, foreign);
    fs.writeFileSync(junk, 'not xml at all');
    for (let i = 0; i < 2; i++) {
      const r = await rate(['--xmp', '--cache-dir', cacheDir, '.']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/defocus\.mp4: an existing sidecar is not an XMP packet; left untouched/);
    }
    const text = fs.readFileSync(good, 'utf8');
    expect(text).toContain("Keep me: the director's favourite take");
    expect(text).toContain('xmp:Rating="5"');
    expect(text.split(`xmlns:cliptriage="${XMP_NS}"`).length - 1).toBe(1);
    expect(text).toMatch(/<cliptriage:Verdict>usable<\/cliptriage:Verdict>/);
    expect(text.trim().endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(fs.readFileSync(junk, 'utf8')).toBe('not xml at all');

    // A fresh sidecar for a hostile name carries the report as escaped data.
    const script = fs.readFileSync(path.join(footage, '"); app.quit(); (".xmp'), 'utf8');
    const json = /<cliptriage:Report>([^<]*)<\/cliptriage:Report>/.exec(script)![1];
    const clip = JSON.parse(json.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as ClipReport;
    expect(clip.path).toBe('"); app.quit(); (".mp4');
    expect(clip.verdict).toBe('usable');
    const dark = fs.readFileSync(path.join(footage, 'sub', 'deeper', 'dark.xmp'), 'utf8');
    expect(dark).toMatch(/<cliptriage:Issues><rdf:Bag><rdf:li>dark<\/rdf:li><\/rdf:Bag>/);
    // Clips that failed get no sidecar; no temporary files are left behind.
    expect(fs.existsSync(path.join(footage, 'empty.xmp'))).toBe(false);
    const leftovers = fs.readdirSync(footage, { recursive: true }) as string[];
    expect(leftovers.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

test('killed mid-run: the cache holds only whole entries and a re-run resumes from them', async () => {
  const dir = path.join(tmp, 'resume');
  const cache = path.join(tmp, 'resume-cache');
  const recipes = ['sharp-pan', 'defocus', 'dark', 'shaky', 'sharp-steady', 'defocus-mild', 'bright', 'smooth-pan'];
  await ensureClips(recipes);
  fs.mkdirSync(dir);
  recipes.forEach((n, i) => fs.copyFileSync(clipPath(n), path.join(dir, `${i}-${n}.mp4`)));

  const child = spawn(process.execPath, [CLI, 'rate', '--json', '--cache-dir', cache, '--concurrency', '1', dir], { stdio: 'ignore' });
  const entries = () => (fs.existsSync(cache) ? (fs.readdirSync(cache, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')) : []);
  await new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if (entries().length >= 2 || child.exitCode !== null) {
        clearInterval(t);
        resolve();
      }
    }, 10);
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('close', r));

  const before = entries();
  expect(before.length).toBeGreaterThanOrEqual(2);
  expect(before.length).toBeLessThan(recipes.length); // it really was stopped mid-run
  for (const f of before) expect(() => JSON.parse(fs.readFileSync(path.join(cache, f), 'utf8'))).not.toThrow();
  const r = await rate(['--json', '--cache-dir', cache, dir]);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.clips).toHaveLength(recipes.length);
  expect(report.clips.filter((c) => c.cached).length).toBe(before.length);
  report.clips.forEach((c, i) => expect(c.flags).toEqual(RECIPES[recipes[i]].expect.flags));
});
