'use strict';
// The decode floor and the decode-strategy experiments. The floor asks the engine's own sampler
// (build/extension/media/sampler.js) for its plan — processes, decoder flags, filter graphs,
// sizes, rates — and runs exactly those ffmpeg processes, as many side by side as the engine
// does, with every output sent to a null sink: every frame the engine decodes, scaled and
// converted exactly as the engine does, minus the pipes and the analysis. If the engine's
// sampling changes, the floor follows it.

const path = require('path');
const { timed } = require('./proc');

function engineModules(engineDir) {
  return {
    settings: require(path.join(engineDir, 'contracts', 'settings.js')),
    probe: require(path.join(engineDir, 'media', 'probe.js')),
    sampler: require(path.join(engineDir, 'media', 'sampler.js')),
  };
}

/** The engine's plan for `clip` (with its keyframe lookup for cutting long decodes into parts). */
async function enginePlan(engineDir, bins, clip, overrides = {}) {
  const m = engineModules(engineDir);
  const settings = m.settings.resolveSettings(overrides);
  const probed = await m.probe.probeMedia(bins, clip);
  return { plan: await m.sampler.planDecode(bins, probed, settings), probed };
}

const base = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error'];
const nullOut = (label) => ['-map', label, '-an', '-sn', '-dn', '-f', 'null', '-'];

/** The labels a chunk's graph ends in: [a], [m] for a motion stream, [m0]… for bursts. */
function chunkLabels(chunk) {
  return ['[a]', ...(chunk.motionStream ? ['[m]'] : []), ...chunk.burstStartsSec.map((_, i) => `[m${i}]`)];
}

/** ffmpeg args for one chunk of a plan with every output to null (optionally changed). */
function chunkArgs(chunk, clip, { extraInput = [], graph = chunk.filterGraph, inputArgs = chunk.inputArgs } = {}) {
  return [...base, ...inputArgs, ...extraInput, '-i', clip, '-filter_complex', graph, ...chunkLabels(chunk).flatMap(nullOut)];
}

async function ffmpegTimed(ffmpeg, args) {
  const r = await timed(ffmpeg, args);
  if (r.code !== 0) throw new Error(`ffmpeg failed (${r.code}): ${r.stderr.slice(-400)}\nargs: ${args.join(' ')}`);
  return { wallSec: r.wallSec, cpuSec: r.cpuSec, maxRssMB: r.maxRssMB };
}

/**
 * Runs what the engine decodes, as the engine does: the skip-frames check when the plan had one
 * (its two decodes side by side, with the same checksums), then the plan's processes,
 * plan.concurrency at a time. Wall and summed CPU.
 */
async function measureFloor(ffmpeg, plan, clip, engineDir) {
  const t0 = process.hrtime.bigint();
  let next = 0;
  let cpuSec = 0;
  let maxRssMB = 0;
  if (plan.skipCheckSec) {
    const { skipCheckInputArgs } = require(path.join(engineDir, 'media', 'skipCheck.js'));
    const check = (skip) => ffmpegTimed(ffmpeg, [...base, ...skipCheckInputArgs(skip, plan.skipCheckSec), '-i', clip, '-map', '0:v:0', '-an', '-vsync', '0', '-f', 'framecrc', '-']);
    for (const r of await Promise.all([check('noref'), check('bidir')])) {
      cpuSec = r.cpuSec === null || cpuSec === null ? null : cpuSec + r.cpuSec;
      maxRssMB = Math.max(maxRssMB, r.maxRssMB || 0);
    }
  }
  const worker = async () => {
    while (next < plan.chunks.length) {
      const r = await ffmpegTimed(ffmpeg, chunkArgs(plan.chunks[next++], clip));
      cpuSec = r.cpuSec === null || cpuSec === null ? null : cpuSec + r.cpuSec;
      maxRssMB = Math.max(maxRssMB, r.maxRssMB || 0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.chunks.length) }, worker));
  return { wallSec: Number(process.hrtime.bigint() - t0) / 1e9, cpuSec, maxRssMB };
}

/**
 * Decode-strategy variants, each one ffmpeg command decoding the whole of `clip` to null, from a
 * one-process fixed-rate plan that decodes every frame (`fullPlan`: skipFrames none,
 * decodeProcesses 1). They all produce the analysis stream at the engine's analysisWidth; those
 * with a motion stream produce the engine's. Returns [{ name, about, args }].
 */
function variants(fullPlan, clip) {
  const chunk = fullPlan.chunks[0];
  const aw = fullPlan.analysisWidth, ah = fullPlan.analysisHeight;
  const conv = /in_range=[^,\[]*/.exec(chunk.filterGraph)[0];
  const graphWith = (flags) => chunk.filterGraph.replace(/flags=area/g, `flags=${flags}`);
  const threads1 = chunk.inputArgs.map((a, i) => (chunk.inputArgs[i - 1] === '-threads' ? '1' : a));
  const keyframesOnly = (extra, flags) => [...base, '-threads', '0', '-skip_frame', 'nokey', ...extra, '-i', clip, '-filter_complex',
    `[0:v]scale=${aw}:${ah}:flags=${flags}:${conv},format=rgb24[a]`, ...nullOut('[a]')];
  return [
    { name: 'full decode, fixed-rate', about: 'every frame decoded; the fixed-rate sampler\'s filters (select, area scale), one process', args: chunkArgs(chunk, clip) },
    { name: 'decode only', about: 'every frame decoded, no filters, no scaling', args: [...base, '-threads', '0', '-i', clip, '-an', '-f', 'null', '-'] },
    { name: 'fast_bilinear', about: 'full decode, scaler flags=fast_bilinear instead of area', args: chunkArgs(chunk, clip, { graph: graphWith('fast_bilinear') }) },
    { name: '-skip_loop_filter all', about: 'full decode, deblocking skipped (changes pixels: blocking can read as detail)', args: chunkArgs(chunk, clip, { extraInput: ['-skip_loop_filter', 'all'] }) },
    { name: '-threads 1', about: 'full decode on one decoder thread (for parts side by side: compare CPU s)', args: chunkArgs(chunk, clip, { inputArgs: threads1 }) },
    { name: '-skip_frame noref', about: 'frames nothing references are not decoded (the engine\'s default for full decodes; bit-exact)', args: chunkArgs(chunk, clip, { extraInput: ['-skip_frame', 'noref'] }) },
    { name: '-skip_frame bidir', about: 'no B-frame decoded (exact where P-frames never reference B-frames, as in x264)', args: chunkArgs(chunk, clip, { extraInput: ['-skip_frame', 'bidir'] }) },
    { name: '-skip_frame bidir, no deblock', about: 'as above + -skip_loop_filter all', args: chunkArgs(chunk, clip, { extraInput: ['-skip_frame', 'bidir', '-skip_loop_filter', 'all'] }) },
    { name: 'keyframes only', about: '-skip_frame nokey: only I-frames are decoded, analysis stream only (no motion stream)', args: keyframesOnly([], 'area') },
    { name: 'keyframes only, fast_bilinear', about: 'as above with the fast_bilinear scaler', args: keyframesOnly([], 'fast_bilinear') },
    { name: 'keyframes only, fast_bilinear, no deblock', about: 'keyframes only + fast_bilinear + -skip_loop_filter all', args: keyframesOnly(['-skip_loop_filter', 'all'], 'fast_bilinear') },
  ];
}

module.exports = { enginePlan, measureFloor, variants, ffmpegTimed };
