#!/usr/bin/env node
// `npm run accuracy`: rates the synthetic exams and the real camera footage with the built engine
// and prints, per set and class, how often the verdict is what an editor expects, then one JSON
// line. Not part of `npm test` (it downloads packages and takes minutes). Nothing here tunes.
//
//   npm run accuracy [-- --sets exam,held,real,dev,graphics] [--work DIR] [--shared DIR]
//
// Sets: exam (../shared/exam's photographs), held (photographs never looked at while developing),
// real (../shared/real-footage), dev (the photographs the judges were developed on: shown for
// reference, never the result), graphics (renders and illustrations, only when asked for).
// Needs apt-get/dpkg (packages), ffmpeg >= 5 on PATH (make-clips.sh uses its newer filters:
// `apt-get install ffmpeg`) and the engine built (`npm ci` builds it).

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { readLabels, scoreExam, scoreReal } = require('./score');

const root = path.resolve(__dirname, '..', '..');
const SETS = ['exam', 'held', 'real', 'dev', 'graphics'];
/** make-clips.sh makes this many clips of each photograph (good, defocus, motion, dark, bright, shaky, subject). */
const KINDS_PER_PHOTO = 7;

function parse(argv) {
  const o = { sets: SETS.slice(0, 3), work: '/tmp/cliptriage-accuracy', shared: path.resolve(root, '..', 'shared'), settings: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sets') o.sets = argv[++i].split(',');
    else if (a === '--work') o.work = path.resolve(argv[++i]);
    else if (a === '--shared') o.shared = path.resolve(argv[++i]);
    else if (a === '--no-models' || a === '--models') console.error(`accuracy: ${a} is ignored: the learned models were removed (README)`);
    else if (a === '--settings') Object.assign(o.settings, JSON.parse(argv[++i]));
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 13).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  for (const s of o.sets) if (!SETS.includes(s)) throw new Error(`unknown set ${s} (sets: ${SETS.join(', ')})`);
  return o;
}

function need(cmd, why) {
  try {
    return execFileSync(cmd, ['-version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  } catch {
    throw new Error(`${cmd} is needed ${why}`);
  }
}

/** Builds a set's clips (once; later runs reuse them) and returns its folder and labels file. */
function prepare(set, o) {
  const sh = (script, args) => execFileSync('bash', [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (set === 'real') {
    const dir = path.join(o.work, 'real');
    if (!fs.existsSync(path.join(dir, 'labels.tsv'))) sh(path.join(o.shared, 'real-footage', 'fetch.sh'), [dir]);
    return { clips: path.join(dir, 'clips'), labels: path.join(dir, 'labels.tsv') };
  }
  // Both recipes keep what they already made (packages, photos, clips), so running them again is
  // quick and brings a work folder from an older recipe up to date.
  const photos = path.join(o.work, 'photos');
  sh(path.join(__dirname, 'photo-sets.sh'), set === 'graphics' ? [photos, 'graphics'] : [photos]);
  const dir = path.join(o.work, set);
  const photoCount = fs.readdirSync(path.join(photos, set)).length;
  const labelled = fs.existsSync(path.join(dir, 'labels.tsv')) ? readLabels(fs.readFileSync(path.join(dir, 'labels.tsv'), 'utf8')).length : 0;
  if (labelled !== photoCount * KINDS_PER_PHOTO) {
    const v = need('ffmpeg', 'to build the exam clips (make-clips.sh needs ffmpeg >= 5: apt-get install ffmpeg)');
    const major = Number((/ffmpeg version n?(\d+)/.exec(v) || [])[1]);
    if (major && major < 5) throw new Error(`make-clips.sh needs ffmpeg >= 5 on PATH, found ${major} (apt-get install ffmpeg)`);
    process.stderr.write(`building the ${set} clips (a few minutes, once)…\n`);
    sh(path.join(o.shared, 'exam', 'make-clips.sh'), [path.join(photos, set), dir]);
  }
  return { clips: path.join(dir, 'clips'), labels: path.join(dir, 'labels.tsv') };
}

async function rateSet(engine, set, files) {
  const t0 = Date.now();
  const items = files.map((f) => ({ key: path.basename(f), path: f }));
  let last = 0;
  const report = await engine.rate(items, {
    onProgress: (p) => {
      if (p.clipsDone !== last && process.stderr.isTTY) process.stderr.write(`\r${set}: ${(last = p.clipsDone)}/${p.clipCount}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  return { clips: new Map(report.clips.map((c) => [path.basename(c.path), c])), sec: (Date.now() - t0) / 1000 };
}

function printExam(set, s, sec) {
  const kinds = Object.entries(s.kinds).map(([k, v]) => `${k} ${v.exact}/${v.n}`).join(', ');
  console.log(`\n${set}: exact flags ${s.exactPct}% (${s.exact}/${s.n}), false Unusable ${s.falseUnusable} of ${s.fine} fine, ${sec.toFixed(1)} s`);
  console.log(`  per kind: ${kinds}`);
  for (const m of s.misses) console.log(`  miss: ${m}`);
}

function printReal(s, sec) {
  const c = s.classes;
  console.log(`\nreal: usable with no flag ${c.usable.ok}/${c.usable.n}, fine not Unusable ${c.fine.ok}/${c.fine.n}, flagged caught ${c.flagged.ok}/${c.flagged.n}, false Unusable ${s.falseUnusable}, ${sec.toFixed(1)} s`);
  for (const m of s.misses) console.log(`  miss: ${m}`);
}

async function main() {
  const o = parse(process.argv.slice(2));
  const { createEngine } = require(path.join(root, 'build', 'extension', 'index.js'));
  const prepared = o.sets.map((set) => [set, prepare(set, o)]);
  const engine = await createEngine({ noCache: true, ...o.settings });
  const out = { engine: engine.info.version, sets: {} };
  try {
    for (const [set, { clips, labels }] of prepared) {
      const rows = readLabels(fs.readFileSync(labels, 'utf8'));
      const files = rows.map((r) => path.join(clips, r[0])).filter((f) => fs.existsSync(f));
      const { clips: got, sec } = await rateSet(engine, set, files);
      if (set === 'real') {
        const s = scoreReal(rows, got);
        printReal(s, sec);
        const c = s.classes;
        out.sets.real = { usable: [c.usable.ok, c.usable.n], fine: [c.fine.ok, c.fine.n], flagged: [c.flagged.ok, c.flagged.n], falseUnusable: s.falseUnusable, sec };
      } else {
        const s = scoreExam(rows, got);
        printExam(set, s, sec);
        out.sets[set] = { exactPct: s.exactPct, exact: s.exact, n: s.n, falseUnusable: s.falseUnusable, sec };
      }
    }
  } finally {
    await engine.close();
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(`accuracy: ${e.message}`);
  process.exit(1);
});
