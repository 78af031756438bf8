'use strict';
// Per-frame cost of the engine's JavaScript analysers on real decoded frames of a bench clip, in
// this process (no decode in the timing): tells how much of the rating time is analysis, and so how
// far pipelining can hide it behind decoding, and whether it stays small when decoding gets
// cheaper (keyframe sampling).

const path = require('path');
const { spawn } = require('child_process');

function rawFrames(ffmpeg, clip, w, h, pixFmt, fps, count) {
  const bpp = pixFmt === 'gray' ? 1 : 3;
  const bytes = w * h * bpp;
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', clip, '-vf', `fps=${fps},scale=${w}:${h}:flags=area`,
      '-frames:v', String(count), '-f', 'rawvideo', '-pix_fmt', pixFmt, 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.on('error', reject);
    child.on('close', () => {
      const all = Buffer.concat(chunks);
      const out = [];
      for (let o = 0; o + bytes <= all.length; o += bytes) out.push(all.subarray(o, o + bytes));
      resolve(out);
    });
  });
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

async function timeAnalysers(engineDir, bins, clip, plan, probed, { frames = 20, reps = 3 } = {}) {
  const { resolveSettings } = require(path.join(engineDir, 'contracts', 'settings.js'));
  const { EdgeWidthBlurAnalyzer } = require(path.join(engineDir, 'analyze', 'edgeWidth.js'));
  const { ExposureAnalyzer } = require(path.join(engineDir, 'analyze', 'exposure.js'));
  const { CameraPathTracker } = require(path.join(engineDir, 'analyze', 'shake.js'));
  const settings = resolveSettings({});
  const ctx = { media: probed.media, footageMode: 'standard', settings };
  const rgb = await rawFrames(bins.ffmpeg, clip, plan.analysisWidth, plan.analysisHeight, 'rgb24', plan.analysisFps, frames);
  const gray = await rawFrames(bins.ffmpeg, clip, plan.motionWidth, plan.motionHeight, 'gray', plan.motionFps, frames * 5);
  const fr = rgb.map((b, i) => ({ timeSec: i / plan.analysisFps, width: plan.analysisWidth, height: plan.analysisHeight, rgb: b }));
  const out = {};
  const list = [['edge width (blur)', new EdgeWidthBlurAnalyzer()], ['exposure', new ExposureAnalyzer()]];
  for (const [name, a] of list) {
    await a.analyze(fr.slice(0, 2), ctx); // warm-up (JIT)
    let best = Infinity;
    for (let r = 0; r < reps; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < fr.length; i += 8) await a.analyze(fr.slice(i, i + 8), ctx);
      best = Math.min(best, ms(t0) / fr.length);
    }
    out[name] = { msPerFrame: best, size: `${plan.analysisWidth}×${plan.analysisHeight}` };
  }
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const tr = new CameraPathTracker(settings.tuning.shakeMaxShiftFraction);
    const t0 = process.hrtime.bigint();
    gray.forEach((g, i) => tr.push({ timeSec: i / plan.motionFps, width: plan.motionWidth, height: plan.motionHeight, gray: g }));
    tr.samples(settings);
    best = Math.min(best, ms(t0) / gray.length);
  }
  out['shake (motion)'] = { msPerFrame: best, size: `${plan.motionWidth}×${plan.motionHeight}`, motion: true };
  return out;
}

module.exports = { timeAnalysers };
