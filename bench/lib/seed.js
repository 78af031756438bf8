'use strict';
// The seed tutorial's pipeline, for comparison: decode EVERY frame, scale it to 224×224 and run it
// through ResNeXt50-32x4d (the tutorial ran two such models per frame — blur and exposure; we time
// one, so the seed figure is a lower bound). The decode of every frame at 224×224 is measured in
// full; inference is timed on a subset of real decoded frames and extrapolated to the clip's frame
// count, because the full run would take minutes per clip on this machine.

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { run, timed } = require('./proc');

const SIZE = 224;
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

const SEED_PACKAGES = ['python3-torch', 'python3-torchvision'];
const INSTALL_HINT = `install Debian's ${SEED_PACKAGES.join(' and ')} (\`sudo apt-get install ${SEED_PACKAGES.join(" ")}\`), or run \`npm run bench -- --install-seed\` as root`;

/** apt-get install of the seed's packages (root only); resolves null on success, else why not. */
async function installSeedPackages(log) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return '--install-seed needs root (apt-get); run it with sudo, or install the packages yourself';
  log(`--install-seed: apt-get install -y ${SEED_PACKAGES.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    let r = await run('apt-get', ['install', '-y', '--no-install-recommends', ...SEED_PACKAGES], { env });
    if (r.code !== 0) {
      // A fresh machine often has no package lists yet.
      await run('apt-get', ['update'], { env });
      r = await run('apt-get', ['install', '-y', '--no-install-recommends', ...SEED_PACKAGES], { env });
    }
    return r.code === 0 ? null : `apt-get install failed (${r.code}): ${r.stderr.trim().slice(-300)}`;
  } catch (e) {
    return `apt-get could not be run (${e.message}): not a Debian/Ubuntu machine?`;
  }
}

/**
 * Exports the model into `cacheDir` once; returns { file } or { skipped: reason }. With
 * `install` (--install-seed) missing packages are installed with apt-get first (root only).
 */
async function ensureSeedModel(cacheDir, log, { install = false } = {}) {
  const file = path.join(cacheDir, 'seed-resnext50_32x4d.onnx');
  if (fs.existsSync(file)) return { file };
  fs.mkdirSync(cacheDir, { recursive: true });
  const python = process.env.CLIPTRIAGE_PYTHON || '/usr/bin/python3';
  const exportModel = async () => {
    log(`exporting the seed model (ResNeXt50-32x4d, random weights) with ${python} — once, cached`);
    try {
      return await run(python, [path.join(__dirname, '..', 'export_seed_model.py'), file]);
    } catch (e) {
      return { code: -1, stderr: e.message };
    }
  };
  let r = await exportModel();
  if ((r.code === 3 || r.code === -1) && install) {
    const failed = await installSeedPackages(log);
    if (failed) return { skipped: `python3-torch/python3-torchvision are not installed and ${failed}` };
    r = await exportModel();
  }
  if (r.code === -1) return { skipped: `${python} could not be run (${r.stderr}); ${INSTALL_HINT}` };
  if (r.code === 3) return { skipped: `python3-torch/python3-torchvision are not installed (${r.stderr.trim()}); ${INSTALL_HINT}` };
  if (r.code !== 0 || !fs.existsSync(file)) return { skipped: `the seed model export failed: ${r.stderr.trim().slice(-400)}` };
  return { file };
}

/** Reads the first `count` frames of `clip` at 224×224 RGB (the tutorial's resize; aspect ignored). */
function readFrames(ffmpeg, clip, count) {
  return new Promise((resolve, reject) => {
    const bytes = SIZE * SIZE * 3;
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', clip, '-frames:v', String(count),
      '-vf', `scale=${SIZE}:${SIZE}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.on('error', reject);
    child.on('close', () => {
      const all = Buffer.concat(chunks);
      const frames = [];
      for (let off = 0; off + bytes <= all.length; off += bytes) frames.push(all.subarray(off, off + bytes));
      if (!frames.length) reject(new Error(`no frames decoded from ${clip}`));
      else resolve(frames);
    });
  });
}

/** HWC uint8 → NCHW float32, ImageNet-normalised (what the tutorial's transforms did). */
function toTensorData(frames) {
  const plane = SIZE * SIZE;
  const data = new Float32Array(frames.length * 3 * plane);
  frames.forEach((f, n) => {
    const base = n * 3 * plane;
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) data[base + c * plane + i] = (f[i * 3 + c] / 255 - MEAN[c]) / STD[c];
    }
  });
  return data;
}

/**
 * Times inference of `sampleFrames` frames of `clip` in batches of `batch` on the CPU provider
 * with `threads` intra-op threads (one warm-up batch first). Returns seconds per frame.
 */
async function timeInference(ffmpeg, modelFile, clip, { sampleFrames, batch, threads }) {
  const ort = require('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelFile, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  const frames = await readFrames(ffmpeg, clip, sampleFrames + batch);
  const runBatch = async (fs_) => {
    const t = new ort.Tensor('float32', toTensorData(fs_), [fs_.length, 3, SIZE, SIZE]);
    await session.run({ [session.inputNames[0]]: t });
  };
  await runBatch(frames.slice(0, batch)); // warm-up: first run allocates and plans
  const timed = frames.slice(batch, batch + sampleFrames);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < timed.length; i += batch) await runBatch(timed.slice(i, i + batch));
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  await session.release?.();
  // CPU seconds of this process (all ORT threads): the figure a busy machine does not distort.
  return { secPerFrame: sec / timed.length, cpuSecPerFrame: (cpu.user + cpu.system) / 1e6 / timed.length, framesTimed: timed.length };
}

/** Wall time of ffmpeg decoding every frame of `clip` scaled to 224×224 RGB, to a null sink. */
async function timeDecodeAll(ffmpeg, clip) {
  const r = await timed(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-threads', '0', '-i', clip,
    '-vf', `scale=${SIZE}:${SIZE}`, '-pix_fmt', 'rgb24', '-f', 'null', '-']);
  if (r.code !== 0) throw new Error(`seed decode failed: ${r.stderr.slice(-300)}`);
  return { wallSec: r.wallSec, cpuSec: r.cpuSec };
}

module.exports = { ensureSeedModel, timeInference, timeDecodeAll };
