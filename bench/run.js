#!/usr/bin/env node
'use strict';
// ClipTriage benchmark: rating speed against the decode floor and the seed tutorial's pipeline,
// memory, and scaling with clip length and clip count. Not part of `npm test`.
//
//   npm run bench                # full run (first run also generates ~90 s of 1080p clips, cached)
//   npm run bench:quick          # reduced run, under a minute once its clips exist
//   node bench/run.js [--quick] [--no-build] [--experiments] [--no-camera] [--install-seed] [--seed-frames N]
//
// --experiments: also the engine's decode settings one by one and the decode-strategy experiments
// (ffmpeg alone), which take about as long again: research, not the measurement.
//
// --install-seed: when run as root, installs Debian's python3-torch and python3-torchvision with
// apt-get if the seed comparison needs them (otherwise the bench says what to install).
//
// Everything is measured in one run on the same files. Progress goes to stderr, the report to
// stdout, and the last stdout line is one JSON object with the headline figures.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, timed, haveGnuTime } = require('./lib/proc');
const { ensureClips, cacheRoot, FPS } = require('./lib/clips');
const decode = require('./lib/decode');
const seed = require('./lib/seed');
const { timeAnalysers } = require('./lib/analysis');
const { keyframePathSection, cameraSection, hardwareNote, cameraDir } = require('./lib/sections');

const ROOT = path.join(__dirname, '..');
const ENGINE_DIR = path.join(ROOT, 'build', 'extension');
const SEED_CACHE = path.join(__dirname, '.cache');

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const BUILD = !argv.includes('--no-build');
// Off unless asked for, so the full run stays under ~5 min (216 s here with the camera formats
// cached); `--no-experiments` is still accepted.
const EXPERIMENTS = argv.includes('--experiments');
const INSTALL_SEED = argv.includes('--install-seed');
// Camera formats (4K H.264 and HEVC 10-bit) are part of the full run; --quick leaves them out.
const CAMERA = !QUICK && !argv.includes('--no-camera');
const seedFramesArg = argv.indexOf('--seed-frames');
const SEED_FRAMES = seedFramesArg >= 0 ? Number(argv[seedFramesArg + 1]) : QUICK ? 8 : 32;
const SEED_BATCH = QUICK ? 4 : 8;
// Headline floor and rating are measured this many times, interleaved, and the fastest of each is
// kept: on a shared machine the minimum is the figure least disturbed by other tenants.
const repeatArg = argv.indexOf('--repeat');
const REPEAT = Math.max(1, repeatArg >= 0 ? Number(argv[repeatArg + 1]) : QUICK ? 1 : 2);

const { log, out, f1, f2, sum, table } = require('./lib/report');

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus.length ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memGiB: os.totalmem() / 2 ** 30,
    load: os.loadavg(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

async function buildEngine() {
  if (!BUILD) return;
  log('building the engine (tsc -p extension/tsconfig.json → build/extension)');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const r = await run(process.execPath, [tsc, '-p', path.join(ROOT, 'extension', 'tsconfig.json')]);
  if (r.code !== 0) {
    // tsc still emits JavaScript on type errors; the measurement is of what was emitted.
    log(`WARNING: the engine build reported errors (benchmarking what was emitted):\n${(r.stdout + r.stderr).slice(0, 2000)}`);
  }
  if (!fs.existsSync(path.join(ENGINE_DIR, 'index.js'))) throw new Error(`no engine build at ${ENGINE_DIR}`);
}

/** One engine rating in a child process; returns the child's report plus process-level figures. */
async function rateInChild(files, settings) {
  const job = { engineDir: ENGINE_DIR, files, settings };
  const r = await timed(process.execPath, [path.join(__dirname, 'engine-child.js'), JSON.stringify(job)], { sampleMs: 100 });
  if (r.code !== 0) throw new Error(`engine child failed (${r.code}): ${r.stderr.slice(-1500)}`);
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  const errors = res.clips.filter((c) => c.status !== 'rated');
  if (errors.length) throw new Error(`engine could not rate ${errors.length} clip(s): ${errors.map((c) => `${c.error.code}: ${c.error.message}`).join('; ')}`);
  return {
    ...res,
    processWallSec: r.wallSec,
    // CPU of the whole rating (engine + its ffprobe/ffmpeg children) minus the engine's start-up.
    rateCpuSec: r.cpuSec === null ? null : r.cpuSec - res.startupCpuSec,
    treePeakRssMB: r.peakTreeRssMB,
    frames: sum(res.clips.map((c) => c.framesAnalyzed)),
    videoSec: sum(res.clips.map((c) => c.durationSec || 0)),
  };
}

async function main() {
  const t0 = Date.now();
  const m0 = machine();
  await buildEngine();
  const { resolveBinaries } = require(path.join(ENGINE_DIR, 'media', 'ffmpeg.js'));
  const bins = resolveBinaries({ ffmpegPath: null, ffprobePath: null });
  const clips = await ensureClips(bins.ffmpeg, QUICK, log);
  const ffv = (await run(bins.ffmpeg, ['-hide_banner', '-version'])).stdout.split('\n')[0];
  const benchCache = fs.mkdtempSync(path.join(cacheRoot(), 'result-cache-'));
  const cold = { noCache: true, concurrency: 1 };

  out(`# ClipTriage benchmark${QUICK ? ' (--quick: reduced clip set)' : ''}`);
  out();
  out(`machine: ${m0.cpu}, ${m0.cores} cores, ${f1(m0.memGiB)} GiB, ${m0.platform}, Node ${m0.node}`);
  out(`load average at start: ${m0.load.map(f2).join(' ')} (1/5/15 min) — wall times on a loaded machine include other tenants; CPU seconds (GNU time${haveGnuTime ? '' : ': not available here'}) do not`);
  out(`ffmpeg: ${ffv}`);
  out(`clips: ${clips.dir} (1080p30 H.264 High, ~20 Mbit/s, CABAC, 3 B-frames)`);
  out();

  // ---------------------------------------------------------------- headline pair
  const pair = [
    { name: `short-GOP ${clips.plan.main} s (keyframe every 1 s)`, file: clips.shortGop },
    { name: `long-GOP ${clips.plan.longGop} s (keyframe every 10 s)`, file: clips.longGop },
  ];
  let engineInfo = null;
  for (const c of pair) {
    log(`${c.name}: floor, engine cold`);
    const { plan, probed } = await decode.enginePlan(ENGINE_DIR, bins, c.file);
    c.plan = plan;
    // Experiments compare strategies against a full decode in one process: the fixed-rate sampler
    // with every frame decoded.
    c.fullPlan = (await decode.enginePlan(ENGINE_DIR, bins, c.file, { tuning: { gopSampling: false, skipFrames: 'none', decodeProcesses: 1 } })).plan;
    c.durationSec = probed.media.durationSec;
    c.decodedFrames = Math.round(probed.media.durationSec * (probed.media.fps || FPS));
    for (let rep = 0; rep < REPEAT; rep++) {
      const floor = await decode.measureFloor(bins.ffmpeg, plan, c.file, ENGINE_DIR);
      const rate = await rateInChild([c.file], cold);
      if (!c.floor || floor.wallSec < c.floor.wallSec) c.floor = floor;
      if (!c.rate || rate.rateSec < c.rate.rateSec) c.rate = { ...rate, maxRssMB: Math.max(rate.maxRssMB, c.rate ? c.rate.maxRssMB : 0) };
    }
    engineInfo = engineInfo || c.rate;
  }
  out(`engine: the judges (edge width, exposure, motion); start-up ${f2(engineInfo.startupSec)} s (not counted in rating times)`);
  for (const w of engineInfo.warnings || []) out(`  engine note: ${w}`);
  for (const c of pair) {
    const p = c.plan;
    out(`engine sampling for ${c.name}: ${p.mode} (${p.reason}); ${p.chunks.length} ffmpeg process(es), ${p.concurrency} at a time; analysis ${f2(p.analysisFps)} fps at ${p.analysisWidth}×${p.analysisHeight} rgb24, motion ${f2(p.motionFps)} fps at ${p.motionWidth}×${p.motionHeight} grey`);
    out(`  first process: ffmpeg ${p.chunks[0].inputArgs.join(' ')} -i … -filter_complex "${p.chunks[0].filterGraph}"`);
  }
  out();

  // Cached: populate a fresh cache (a second cold sample), then re-rate.
  log('headline pair: cache populate + cached re-rate');
  const populate = await rateInChild(pair.map((c) => c.file), { noCache: false, cacheDir: benchCache, concurrency: 1 });
  const cached = await rateInChild(pair.map((c) => c.file), { noCache: false, cacheDir: benchCache, concurrency: 1 });
  if (!cached.clips.every((c) => c.cached)) log('WARNING: the cached re-rate did not hit the cache for every clip');

  // ---------------------------------------------------------------- seed-style
  log('seed-style: model export, decode of every frame at 224×224, inference on a subset');
  const seedModel = await seed.ensureSeedModel(SEED_CACHE, log, { install: INSTALL_SEED });
  let seedInfo = null;
  if (seedModel.file) {
    const threads = Math.max(1, os.cpus().length);
    const inf = await seed.timeInference(bins.ffmpeg, seedModel.file, clips.shortGop, { sampleFrames: SEED_FRAMES, batch: SEED_BATCH, threads });
    seedInfo = { ...inf, threads };
    for (const c of pair) {
      // --quick: both clips have the same size and frame count; decode one, reuse its time.
      const dec = QUICK && c !== pair[0] ? pair[0].seedDecode : await seed.timeDecodeAll(bins.ffmpeg, c.file);
      c.seedDecode = dec;
      c.seedDecodeSec = dec.wallSec;
      c.seedInferSec = c.decodedFrames * inf.secPerFrame;
      c.seedSec = c.seedDecodeSec + c.seedInferSec;
      c.seedCpuSec = dec.cpuSec === null ? null : dec.cpuSec + c.decodedFrames * inf.cpuSecPerFrame;
    }
  }

  out(`## Headline: two 1080p clips, cold (noCache), one clip at a time${REPEAT > 1 ? ` (fastest of ${REPEAT} interleaved runs each)` : ''}`);
  out();
  const rows = pair.map((c) => [
    c.name,
    f1(c.durationSec),
    `${c.decodedFrames} / ${c.rate.frames}`,
    `${f2(c.floor.wallSec)} (${f2(c.floor.cpuSec)})`,
    `${f2(c.rate.rateSec)} (${f2(c.rate.rateCpuSec)})`,
    f2(c.rate.rateSec / c.floor.wallSec),
    f2(c.rate.rateCpuSec / c.floor.cpuSec),
    f1(c.durationSec / c.rate.rateSec),
    c.seedSec ? f1(c.seedSec) : 'skipped',
    c.seedSec ? f1(c.seedSec / c.rate.rateSec) : '—',
    f1(c.rate.maxRssMB),
    f1(c.rate.treePeakRssMB),
  ]);
  table(['clip', 'video s', 'video frames / analysed', 'floor s (CPU s)', 'rate s (CPU s)', 'rate/floor', 'rate/floor CPU', 'realtime ×', 'seed s', 'seed/rate', 'engine peak RSS MB', 'tree peak RSS MB'], rows);
  out(`cached re-rate of both clips: ${f2(cached.rateSec)} s (${cached.clips.filter((c) => c.cached).length}/${cached.clips.length} from cache); the cold run that filled the cache: ${f2(populate.rateSec)} s (a second cold sample)`);
  if (seedInfo) {
    out(`seed-style = ffmpeg decoding every frame at 224×224 (measured in full) + ResNeXt50-32x4d inference per frame, EXTRAPOLATED from ${seedInfo.framesTimed} timed frames: ${f1(seedInfo.secPerFrame * 1000)} ms/frame wall, ${f1(seedInfo.cpuSecPerFrame * 1000)} CPU-ms/frame (onnxruntime-node CPU, batch ${SEED_BATCH}, ${seedInfo.threads} threads). The tutorial ran two such models per frame; this counts one.`);
    out(`  seed/rate by CPU seconds (load-independent): ${pair.map((c) => `${path.basename(c.file)} ${c.seedCpuSec && c.rate.rateCpuSec ? f1(c.seedCpuSec / c.rate.rateCpuSec) : '—'}`).join(', ')}`);
    out(`  per clip: ${pair.map((c) => `${path.basename(c.file)} decode ${f2(c.seedDecodeSec)} s + inference ${f1(c.seedInferSec)} s (${c.decodedFrames} frames)`).join('; ')}`);
  } else {
    out(`seed-style: SKIPPED — ${seedModel.skipped}`);
  }
  out(`decoding: engine.decode = ${JSON.stringify(engineInfo.decode)}`);
  out();

  // ---------------------------------------------------------------- keyframe path
  const kf = await keyframePathSection(ENGINE_DIR, bins, pair[0].file, pair[0].name, pair[0].floor.cpuSec);

  // ---------------------------------------------------------------- camera formats
  let camera = [];
  if (CAMERA) camera = await cameraSection(ENGINE_DIR, bins, cameraDir(cacheRoot()), rateInChild, seedInfo, seedModel.skipped);
  else {
    out('camera formats (4K H.264 100 Mbit/s, 4K HEVC 10-bit): not in --quick (or --no-camera); run `npm run bench` for them');
    out();
    hardwareNote(engineInfo.decode);
  }

  // ---------------------------------------------------------------- length scaling
  log('scaling with clip length');
  const lengths = [];
  for (const sec of clips.plan.lengths) {
    const file = clips.byLength[sec];
    const same = file === clips.shortGop ? pair[0] : null;
    const { plan } = same ? { plan: same.plan } : await decode.enginePlan(ENGINE_DIR, bins, file);
    const floor = same ? same.floor : await decode.measureFloor(bins.ffmpeg, plan, file, ENGINE_DIR);
    const rate = same ? same.rate : await rateInChild([file], cold);
    lengths.push({ sec, floor, rate });
  }
  out('## Scaling with clip length (short-GOP 1080p, cold, one clip)');
  out();
  table(['clip s', 'frames analysed', 'floor s (CPU s)', 'rate s (CPU s)', 'rate s per video s', 'engine peak RSS MB', 'tree peak RSS MB'],
    lengths.map((l) => [l.sec, l.rate.frames, `${f2(l.floor.wallSec)} (${f2(l.floor.cpuSec)})`, `${f2(l.rate.rateSec)} (${f2(l.rate.rateCpuSec)})`, f2(l.rate.rateSec / l.sec), f1(l.rate.maxRssMB), f1(l.rate.treePeakRssMB)]));

  // ---------------------------------------------------------------- clip count
  log('scaling with clip count: batch at concurrency 1 and 2');
  let batchFloorWall = 0, batchFloorCpu = 0;
  for (const f of clips.batch) {
    const { plan } = await decode.enginePlan(ENGINE_DIR, bins, f);
    const r = await decode.measureFloor(bins.ffmpeg, plan, f, ENGINE_DIR);
    batchFloorWall += r.wallSec;
    batchFloorCpu += r.cpuSec || 0;
  }
  const b1 = await rateInChild(clips.batch, { noCache: true, concurrency: 1 });
  const b2 = await rateInChild(clips.batch, { noCache: true, concurrency: 2 });
  out(`## Scaling with clip count: batch of ${clips.batch.length} × ${clips.plan.batchSec} s short-GOP 1080p clips, cold`);
  out();
  table(['run', 'rate s (CPU s)', 'per clip s', 'realtime ×', 'rate/floor', 'engine peak RSS MB', 'tree peak RSS MB'], [
    ['floor (ffmpeg, clips one after another)', `${f2(batchFloorWall)} (${f2(batchFloorCpu)})`, f2(batchFloorWall / clips.batch.length), f1(b1.videoSec / batchFloorWall), '1.00', '—', '—'],
    ['engine, concurrency 1', `${f2(b1.rateSec)} (${f2(b1.rateCpuSec)})`, f2(b1.rateSec / clips.batch.length), f1(b1.videoSec / b1.rateSec), f2(b1.rateSec / batchFloorWall), f1(b1.maxRssMB), f1(b1.treePeakRssMB)],
    ['engine, concurrency 2', `${f2(b2.rateSec)} (${f2(b2.rateCpuSec)})`, f2(b2.rateSec / clips.batch.length), f1(b2.videoSec / b2.rateSec), f2(b2.rateSec / batchFloorWall), f1(b2.maxRssMB), f1(b2.treePeakRssMB)],
  ]);
  out(`concurrency 2 vs 1: ${f2(b1.rateSec / b2.rateSec)}× faster`);
  out();

  // ---------------------------------------------------------------- decode experiments
  if (!EXPERIMENTS) {
    out('decode settings compared and decode-strategy experiments: not run (add --experiments)');
    out();
  }
  if (EXPERIMENTS && !QUICK) {
    // The engine's own decode settings, each changed alone, on the headline pair: what each choice
    // is worth end to end (the defaults are in the headline table above).
    log('engine settings compared');
    const alternatives = [
      { name: 'one ffmpeg process per clip (decodeProcesses 1)', tuning: { decodeProcesses: 1 } },
      { name: 'full decode on long-GOP files (skipFrames none)', tuning: { skipFrames: 'none' }, only: pair[1] },
      { name: 'no B-frames decoded on long-GOP files (skipFrames bidir)', tuning: { skipFrames: 'bidir' }, only: pair[1] },
    ];
    const rowsS = [];
    for (const alt of alternatives) {
      for (const c of pair) {
        if (alt.only && alt.only !== c) continue;
        const r = await rateInChild([c.file], { ...cold, tuning: alt.tuning });
        rowsS.push([alt.name, c.name, `${f2(r.rateSec)} (${f2(r.rateCpuSec)})`, `${f2(c.rate.rateSec)} (${f2(c.rate.rateCpuSec)})`, f2(r.rateSec / c.rate.rateSec), f1(r.treePeakRssMB)]);
      }
    }
    out('## Engine settings compared (cold, one clip; each row changes one setting from the defaults)');
    out();
    table(['setting', 'clip', 'rate s (CPU s)', 'defaults: rate s (CPU s)', 'time vs defaults', 'tree peak RSS MB'], rowsS);
  }

  if (EXPERIMENTS) {
    log('decode-strategy experiments');
    out('## Decode-strategy experiments (ffmpeg alone, to a null sink; what the engine could do)');
    out();
    // Long-GOP and --quick: only the strategies that differ by GOP (CPU time on a shared machine).
    const targets = QUICK ? [pair[0]] : pair;
    for (const c of targets) {
      const reduced = QUICK || c !== pair[0];
      const vs = decode.variants(c.fullPlan, c.file).filter((v) => !reduced || (QUICK ? /fixed-rate|^keyframes only$|skip_frame/ : /fixed-rate|decode only|^keyframes only$|skip_frame/).test(v.name));
      const rowsX = [];
      let ref = null;
      for (const v of vs) {
        const r = await decode.ffmpegTimed(bins.ffmpeg, v.args);
        ref = ref || r;
        rowsX.push([v.name, f2(r.wallSec), f2(r.cpuSec), f2(r.cpuSec === null ? null : ref.cpuSec / r.cpuSec), f1(c.durationSec / r.wallSec), f1(r.maxRssMB), v.about]);
      }
      out(`### ${c.name}`);
      out();
      table(['variant', 'wall s', 'CPU s', 'CPU speed-up vs full decode', 'realtime × (wall)', 'ffmpeg RSS MB', 'what'], rowsX);
    }
  }

  // ---------------------------------------------------------------- analyser cost
  log('analyser cost per frame');
  try {
    const { plan, probed } = await decode.enginePlan(ENGINE_DIR, bins, clips.shortGop, { tuning: { gopSampling: false } });
    const costs = await timeAnalysers(ENGINE_DIR, bins, clips.shortGop, plan, probed, { frames: QUICK ? 10 : 20 });
    const rowsA = Object.entries(costs).map(([name, c]) => {
      const fps = c.motion ? plan.motionFps : plan.analysisFps;
      return [name, c.size, f2(c.msPerFrame), f2(fps), f1(c.msPerFrame * fps)];
    });
    const perVideoSec = sum(Object.values(costs).map((c) => c.msPerFrame * (c.motion ? plan.motionFps : plan.analysisFps)));
    out('## JavaScript analyser cost (in this process, best of 3, frames already decoded)');
    out();
    table(['analyser', 'frame size', 'ms per frame', 'frames per video s', 'ms per video s'], [...rowsA, ['total', '', '', '', f1(perVideoSec)]]);
  } catch (e) {
    out(`analyser cost: skipped (${e.message})`);
    out();
  }

  // ---------------------------------------------------------------- summary
  const m1 = machine();
  const floorSec = sum(pair.map((c) => c.floor.wallSec));
  const rateSec = sum(pair.map((c) => c.rate.rateSec));
  const seedSec = pair.every((c) => c.seedSec) ? sum(pair.map((c) => c.seedSec)) : null;
  const videoSec = sum(pair.map((c) => c.durationSec));
  const peakRssMB = Math.max(...[...pair.map((c) => c.rate), populate, cached, b1, b2, ...lengths.map((l) => l.rate)].map((r) => r.maxRssMB));
  const floorCpu = sum(pair.map((c) => c.floor.cpuSec || 0));
  const rateCpu = sum(pair.map((c) => c.rate.rateCpuSec || 0));
  out('## Summary (headline pair)');
  out();
  out(`floor ${f2(floorSec)} s, rating ${f2(rateSec)} s, seed-style ${seedSec === null ? 'skipped' : `${f1(seedSec)} s (extrapolated)`} for ${f1(videoSec)} s of 1080p video`);
  const seedCpu = pair.every((c) => c.seedCpuSec) ? sum(pair.map((c) => c.seedCpuSec)) : null;
  out(`rate/floor ${f2(rateSec / floorSec)} (wall), ${floorCpu ? f2(rateCpu / floorCpu) : '—'} (CPU); seed/rate ${seedSec === null ? '—' : f1(seedSec / rateSec)} (wall), ${seedCpu && rateCpu ? f1(seedCpu / rateCpu) : '—'} (CPU); realtime ${f1(videoSec / rateSec)}× (wall), ${rateCpu ? f1(videoSec / (rateCpu / os.cpus().length)) : '—'}× if all ${os.cpus().length} cores were ours (video s ÷ (CPU s ÷ cores)); engine peak RSS ${f1(peakRssMB)} MB`);
  if (kf) out(`keyframe path: ${f2(kf.floorCpu)} CPU-s against ${f2(kf.reference)} for keyframes + burst frames (${f2(kf.ratio)}×; ${f2(kf.ratioWithProbe)}× with the per-input probe)`);
  for (const r of camera) out(`${r.name}: rate/floor ${f2(r.rateSec / r.floorSec)}, realtime ${f1(r.durationSec / r.rateSec)}×, seed/rate ${r.seedSec === null ? '—' : f1(r.seedSec / r.rateSec)}`);
  out(`goals: rate/floor ≤ 1.1, keyframe path ≤ 1.2 × (keyframes + burst frames) CPU, seed/rate ≥ 30, realtime ≥ 60×, memory flat in clip length`);
  out(`load average at end: ${m1.load.map(f2).join(' ')}; bench took ${f1((Date.now() - t0) / 1000)} s`);
  fs.rmSync(benchCache, { recursive: true, force: true });
  const round = (v, d = 2) => (v === null ? null : Number(v.toFixed(d)));
  out(JSON.stringify({
    floorSec: round(floorSec),
    rateSec: round(rateSec),
    seedSec: round(seedSec, 1),
    ratioToFloor: round(rateSec / floorSec),
    speedupVsSeed: seedSec === null ? null : round(seedSec / rateSec, 1),
    peakRssMB: round(peakRssMB, 1),
    realtimeX: round(videoSec / rateSec, 1),
    // Why seedSec is null (the seed pipeline could not run here), else null.
    seedSkipped: seedSec === null ? seedModel.skipped || 'seed-style figures incomplete' : null,
    decode: engineInfo.decode,
    keyframeCpuRatio: kf ? round(kf.ratio) : null,
    formats: camera.map((r) => ({ id: r.id, floorSec: round(r.floorSec), rateSec: round(r.rateSec), ratioToFloor: round(r.rateSec / r.floorSec), seedSec: round(r.seedSec, 1), speedupVsSeed: r.seedSec === null ? null : round(r.seedSec / r.rateSec, 1), realtimeX: round(r.durationSec / r.rateSec, 1) })),
  }));
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
