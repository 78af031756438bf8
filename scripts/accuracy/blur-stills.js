#!/usr/bin/env node
// `node scripts/accuracy/blur-stills.js [--photos DIR] [--work DIR] [--settings JSON]
// [--angles A,…] [--radii R,…]`: the blur judge alone, on stills, in seconds instead of the clip
// sets' minutes — for developing the judge. Each photograph of DIR (default: the dev set of
// `npm run accuracy`, /tmp/cliptriage-accuracy/photos/dev) is framed as make-clips.sh frames it
// (1280×720), then kept sharp, defocused (ffmpeg's gblur, as the exam blurs) and streaked (dblur;
// by default at 0, 45, 90 and 135° and lengths 8, 13 and 23), and scored
// by the built engine's blur analyser on frames scaled as the engine scales them. Prints the frame
// score per photograph and kind, then how many sharp frames read Blurry and how many blurred ones
// were missed. Never run it on the held photographs: they stay a split nobody tuned on.

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const { EdgeWidthBlurAnalyzer } = require(path.join(root, 'build', 'extension', 'analyze', 'edgeWidth.js'));
const { resolveSettings } = require(path.join(root, 'build', 'extension', 'contracts', 'settings.js'));

const WIDTH = 1280, HEIGHT = 720; // make-clips.sh's frame
const FRAMING = `scale=1600:900:force_original_aspect_ratio=increase,crop=1600:900,format=rgb24,crop=${WIDTH}:${HEIGHT}:220:90`;
/** The kinds of frame per photograph: sharp, defocused at five σ, streaked at each angle and length. */
function kindsOf(angles, radii) {
  return [
    ['good', ''],
    ...[2, 3, 5, 7, 9].map((s) => [`g${s}`, `gblur=sigma=${s}`]),
    ...angles.flatMap((a) => radii.map((r) => [`m${a}_${r}`, `dblur=angle=${a}:radius=${r}`])),
  ];
}
function numbers(v) {
  const n = String(v).split(',').map(Number);
  if (n.some((x) => !Number.isFinite(x))) throw new Error(`--angles and --radii take numbers separated by commas, not ${v}`);
  return n;
}

function parse(argv) {
  // The default angles are the four the judge measures along; `--angles 20,30,60,70,110,160`
  // streaks between them, where it reads less (see README, Performance and accuracy).
  const o = { photos: '/tmp/cliptriage-accuracy/photos/dev', work: '/tmp/cliptriage-blur-stills', settings: {}, angles: [0, 45, 90, 135], radii: [8, 13, 23] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--photos') o.photos = path.resolve(argv[++i]);
    else if (argv[i] === '--work') o.work = path.resolve(argv[++i]);
    else if (argv[i] === '--settings') o.settings = JSON.parse(argv[++i]);
    else if (argv[i] === '--angles') o.angles = numbers(argv[++i]);
    else if (argv[i] === '--radii') o.radii = numbers(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!fs.existsSync(o.photos)) throw new Error(`no photographs at ${o.photos}: run \`npm run accuracy -- --sets dev\` once (or pass --photos DIR)`);
  if (/held/.test(path.basename(o.photos))) throw new Error('the held photographs stay a split nobody tunes on');
  return o;
}

/** The still's frame at analysis size, as the engine's decode makes it (area scaling, full range). */
function frameOf(photo, filter, analysisWidth, cacheFile) {
  const aw = analysisWidth, ah = Math.round((HEIGHT * aw) / WIDTH / 2) * 2;
  if (!fs.existsSync(cacheFile)) {
    const vf = [FRAMING, filter, `scale=${aw}:${ah}:flags=area:out_range=pc`, 'format=rgb24'].filter(Boolean).join(',');
    const rgb = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', photo, '-frames:v', '1', '-vf', vf, '-f', 'rawvideo', '-'], { maxBuffer: 1 << 26 });
    fs.writeFileSync(cacheFile, rgb);
  }
  return { timeSec: 0, width: aw, height: ah, rgb: new Uint8Array(fs.readFileSync(cacheFile)) };
}

async function main() {
  const o = parse(process.argv.slice(2));
  const settings = resolveSettings(o.settings);
  const ctx = { media: { width: WIDTH, height: HEIGHT }, footageMode: 'standard', settings };
  const analyzer = new EdgeWidthBlurAnalyzer();
  const KINDS = kindsOf(o.angles, o.radii);
  const photos = fs.readdirSync(o.photos).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
  const cache = path.join(o.work, String(settings.analysisWidth));
  fs.mkdirSync(cache, { recursive: true });
  const on = settings.thresholds.blurry.on;
  let falseBlur = 0, missed = 0, blurred = 0;
  console.log('photo'.padEnd(16) + KINDS.map(([k]) => k.padStart(8)).join(''));
  for (const p of photos) {
    const name = p.replace(/\.[^.]+$/, '');
    const frames = KINDS.map(([k, f]) => frameOf(path.join(o.photos, p), f, settings.analysisWidth, path.join(cache, `${name}__${k}.rgb`)));
    const scores = (await analyzer.analyze(frames, ctx)).map((s) => (s.blurry === undefined ? NaN : s.blurry));
    scores.forEach((s, i) => {
      const hit = s >= on; // NaN (no evidence) is not Blurry
      if (KINDS[i][0] === 'good') falseBlur += hit;
      else (blurred++, (missed += !hit));
    });
    console.log(name.slice(0, 15).padEnd(16) + scores.map((s) => (Number.isNaN(s) ? '–' : s.toFixed(2)).padStart(8)).join(''));
  }
  console.log(`sharp frames read Blurry (score ≥ ${on}): ${falseBlur}/${photos.length}; blurred frames missed: ${missed}/${blurred}`);
}

main().catch((e) => {
  console.error(`blur-stills: ${e.message}`);
  process.exit(1);
});
