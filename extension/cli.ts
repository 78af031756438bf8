// `cliptriage rate <files|folders…>`: rates clips in-process with the same engine the panel uses.
// stdout carries the table (or the JSON report with --json); progress and warnings go to stderr.
// Exit 0 when the run completed (per-clip errors are in the report), 2 for bad usage, 1 for a
// fatal error, 130 when interrupted.

import * as fs from 'fs';
import * as path from 'path';
import { FOOTAGE_MODES } from './contracts/settings';
import type { DeepPartial, EngineSettings, FootageMode } from './contracts/settings';
import { collectClips } from './cli/collect';
import { ProgressReporter } from './cli/progress';
import { formatTable, printable } from './cli/table';
import { createEngine, ENGINE_VERSION } from './index';
import { DEFAULT_SELECTS_SETTINGS, SELECTS_MIN_SEC_RANGE } from './contracts/selects';
import { writeSelectsFile } from './cli/selects';
import { selectsFormatOf } from './selects/selectsFile';
import { writeFileAtomic } from './util/atomic';
import { sidecarPaths, writeSidecar } from './xmp/sidecar';

export const USAGE = `Usage: cliptriage rate [options] <files or folders…>

Rates video clips for blur, exposure (dark / bright) and camera shake. Folders are searched
recursively for video files. Prints a table; --json prints the report (cliptriage.report/1).

Options:
  --json              print the JSON report to stdout instead of the table
  --out FILE          also write the JSON report to FILE
  --xmp               write a .xmp sidecar next to each rated clip (merged into an existing one)
  --selects FILE      write the usable stretches to FILE: .edl (CMX3600, imports into Premiere
                      and Resolve) or .csv
  --selects-min SEC   shortest usable stretch that becomes a select (default 2)
  --fps N             frames per second sampled for blur/exposure (default 2)
  --no-cache          ignore and do not update the result cache
  --cache-dir DIR     cache folder (default: the user cache folder)
  --mode MODE         footage: auto | standard | log | hdr (default auto: HDR from its transfer tag)
  --concurrency N     clips rated at once (default 2)
  --timeout SEC       give up on a clip after SEC seconds (default 300)
  --hw-decode H       hardware decoding: auto | off | an ffmpeg hwaccel name (default auto;
                      each clip is checked against software first, the report says what it used)
  -h, --help          show this help

Examples:
  cliptriage rate ~/Footage/Day1
  cliptriage rate --json --out report.json A001.mov A002.mov
`;

class UsageError extends Error {}

interface Options {
  json: boolean;
  out: string | null;
  xmp: boolean;
  selects: string | null;
  selectsMinSec: number;
  help: boolean;
  paths: string[];
  settings: DeepPartial<EngineSettings>;
  /** Options that no longer do anything, said on stderr. */
  notes: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, out: null, xmp: false, selects: null, selectsMinSec: DEFAULT_SELECTS_SETTINGS.minSec, help: false, paths: [], settings: {}, notes: [] };
  const args = argv.slice();
  if (args[0] === 'rate') args.shift();
  else if (args.length && !args[0].startsWith('-')) throw new UsageError(`unknown command "${args[0]}" (try: cliptriage rate <folder>)`);
  const value = (flag: string) => {
    const v = args.shift();
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const number = (flag: string, min: number, max: number) => {
    const v = Number(value(flag));
    if (!Number.isFinite(v) || v < min || v > max) throw new UsageError(`${flag} must be a number between ${min} and ${max}`);
    return v;
  };
  let literal = false;
  while (args.length) {
    const a = args.shift()!;
    if (literal || !a.startsWith('-') || a === '-') {
      o.paths.push(a);
      continue;
    }
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (inline !== undefined) args.unshift(inline);
    switch (flag) {
      case '--':
        literal = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--out':
        o.out = value(flag);
        break;
      case '--xmp':
        o.xmp = true;
        break;
      case '--selects':
        o.selects = value(flag);
        if (!selectsFormatOf(o.selects)) throw new UsageError('--selects FILE must end in .edl or .csv');
        break;
      case '--selects-min':
        o.selectsMinSec = number(flag, SELECTS_MIN_SEC_RANGE.min, SELECTS_MIN_SEC_RANGE.max);
        break;
      case '--fps':
        o.settings.sampleFps = number(flag, 0.05, 60);
        break;
      // The learned models were removed (README, "Learned models"); scripts that still pass these run on.
      case '--cpu':
      case '--no-models':
      case '--models':
        o.notes.push(`${a} is ignored: the learned models were removed (the judges alone rate; see the README)`);
        break;
      case '--no-cache':
        o.settings.noCache = true;
        break;
      case '--cache-dir':
        o.settings.cacheDir = path.resolve(value(flag));
        break;
      case '--mode': {
        const m = value(flag);
        if (!(FOOTAGE_MODES as readonly string[]).includes(m)) throw new UsageError('--mode must be auto, standard, log or hdr');
        o.settings.footageMode = m as FootageMode;
        break;
      }
      case '--concurrency':
        o.settings.concurrency = Math.round(number(flag, 1, 64));
        break;
      case '--timeout':
        o.settings.clipTimeoutSec = number(flag, 1, 86400);
        break;
      case '--hw-decode': {
        const h = value(flag);
        if (!/^[a-z0-9_]{1,32}$/.test(h)) throw new UsageError('--hw-decode must be auto, off or an ffmpeg hwaccel name (videotoolbox, d3d11va, dxva2, cuda, vaapi, …)');
        o.settings.hwDecode = h;
        break;
      }
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return o;
}

export async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cliptriage: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!opts.paths.length) {
    process.stderr.write(`cliptriage: nothing to rate: give files or folders\n\n${USAGE}`);
    return 2;
  }

  const ac = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\ncliptriage: stopping (finished clips are cached; run again to resume)…\n');
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const clips = await collectClips(opts.paths);
    if (!clips.length) {
      process.stderr.write('cliptriage: no video files found\n');
    }
    const engine = await createEngine(opts.settings);
    for (const w of [...opts.notes, ...engine.warnings]) process.stderr.write(`cliptriage: note: ${w}\n`);
    const progress = new ProgressReporter(process.stderr);
    const report = await engine.rate(
      clips.map((p) => ({ key: p, path: p })),
      { signal: ac.signal, onProgress: (p) => progress.update(p) },
    );
    progress.end();
    await engine.close();
    if (interrupted) return 130;

    let failed = false;
    if (opts.xmp) {
      const rated = report.clips.filter((c) => c.status === 'rated');
      const names = sidecarPaths(rated.map((c) => c.path));
      for (const c of rated) {
        const r = await writeSidecar(c, names.get(c.path)!, ENGINE_VERSION);
        if (!r.written) process.stderr.write(`cliptriage: sidecar for ${printable(c.path)}: ${r.message}\n`);
      }
    }
    if (opts.selects && !(await writeSelectsFile(report, opts.selects, opts.selectsMinSec, process.stderr))) failed = true;
    const json = JSON.stringify(report, null, 2) + '\n';
    if (opts.out) {
      try {
        const out = path.resolve(opts.out);
        await fs.promises.mkdir(path.dirname(out), { recursive: true });
        await writeFileAtomic(out, json);
      } catch (e) {
        process.stderr.write(`cliptriage: cannot write ${opts.out}: ${(e as Error).message}\n`);
        failed = true;
      }
    }
    await write(process.stdout, opts.json ? json : formatTable(report.clips));
    return failed ? 1 : 0;
  } catch (e) {
    process.stderr.write(`cliptriage: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** Writes and waits for the data to drain, so a piped report is complete when the process exits. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', resolve);
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
