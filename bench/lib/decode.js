'use strict';
// The decode floor and the decode-strategy experiments. The floor asks the engine's own sampler
// (build/extension/media/sampler.js) for its plan — decoder flags, filter graph, sizes, rates — and
// runs exactly that ffmpeg decode with both outputs sent to a null sink: every frame the engine
// decodes, scaled and converted exactly as the engine does, minus the pipe and the analysis. If
// the engine's sampling changes, the floor follows it.

const path = require('path');
const { timed, run } = require('./proc');

function engineModules(engineDir) {
  return {
    settings: require(path.join(engineDir, 'contracts', 'settings.js')),
    probe: require(path.join(engineDir, 'media', 'probe.js')),
    sampler: require(path.join(engineDir, 'media', 'sampler.js')),
  };
}

async function enginePlan(engineDir, bins, clip, overrides = {}) {
  const m = engineModules(engineDir);
  const settings = m.settings.resolveSettings(overrides);
  const probed = await m.probe.probeMedia(bins, clip);
  return { plan: m.sampler.planSampling(probed, settings), probed };
}

const base = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error'];
const nullOut = (label) => ['-map', label, '-an', '-sn', '-dn', '-f', 'null', '-'];

/** ffmpeg args for the engine's plan with both outputs to null (optionally with changes). */
function floorArgs(plan, clip, { extraInput = [], graph = plan.filterGraph } = {}) {
  return [...base, ...plan.inputArgs, ...extraInput, '-i', clip, '-filter_complex', graph, ...nullOut('[a]'), ...nullOut('[m]')];
}

async function ffmpegTimed(ffmpeg, args) {
  const r = await timed(ffmpeg, args);
  if (r.code !== 0) throw new Error(`ffmpeg failed (${r.code}): ${r.stderr.slice(-400)}\nargs: ${args.join(' ')}`);
  return { wallSec: r.wallSec, cpuSec: r.cpuSec, maxRssMB: r.maxRssMB };
}

async function measureFloor(ffmpeg, plan, clip) {
  return ffmpegTimed(ffmpeg, floorArgs(plan, clip));
}

/**
 * Decode-strategy variants, each a full ffmpeg command decoding `clip` to null. They all produce
 * the analysis stream at the engine's analysisWidth; the ones marked `motion` also produce the
 * engine's motion stream (or a burst substitute). Returns [{ name, about, args }].
 */
function variants(plan, clip) {
  const aw = plan.analysisWidth, ah = plan.analysisHeight, mw = plan.motionWidth, mh = plan.motionHeight;
  const conv = /in_range=[^,\[]*/.exec(plan.filterGraph)[0];
  const graphWith = (flags) => plan.filterGraph.replace(/flags=area/g, `flags=${flags}`);
  const out = [
    { name: 'engine fixed-rate plan', about: 'the engine\'s fixed-rate plan: full decode, fps filter, area scale', args: floorArgs(plan, clip) },
    { name: 'decode only', about: 'every frame decoded, no filters, no scaling', args: [...base, '-threads', '0', '-i', clip, '-an', '-f', 'null', '-'] },
    { name: 'fast_bilinear', about: 'engine plan, scaler flags=fast_bilinear instead of area', args: floorArgs(plan, clip, { graph: graphWith('fast_bilinear') }) },
    { name: '-skip_loop_filter all', about: 'engine plan, deblocking skipped (changes pixels: blocking can read as detail)', args: floorArgs(plan, clip, { extraInput: ['-skip_loop_filter', 'all'] }) },
    { name: '-threads 1', about: 'engine plan on one decoder thread (for clip-level parallelism: compare CPU s)', args: [...base, '-threads', '1', '-i', clip, '-filter_complex', plan.filterGraph, ...nullOut('[a]'), ...nullOut('[m]')] },
    {
      name: 'keyframes only',
      about: '-skip_frame nokey: only I-frames are decoded, analysis stream only (no motion stream)',
      args: [...base, '-threads', '0', '-skip_frame', 'nokey', '-i', clip, '-filter_complex',
        `[0:v]scale=${aw}:${ah}:flags=area:${conv},format=rgb24[a]`, ...nullOut('[a]')],
    },
    {
      name: 'keyframes only, fast_bilinear, no deblock',
      about: 'keyframes only + fast_bilinear + -skip_loop_filter all',
      args: [...base, '-threads', '0', '-skip_frame', 'nokey', '-skip_loop_filter', 'all', '-i', clip, '-filter_complex',
        `[0:v]scale=${aw}:${ah}:flags=fast_bilinear:${conv},format=rgb24[a]`, ...nullOut('[a]')],
    },
    {
      name: 'keyframes only, fast_bilinear',
      about: 'as above with the fast_bilinear scaler',
      args: [...base, '-threads', '0', '-skip_frame', 'nokey', '-i', clip, '-filter_complex',
        `[0:v]scale=${aw}:${ah}:flags=fast_bilinear:${conv},format=rgb24[a]`, ...nullOut('[a]')],
    },
  ];
  // I and P frames only (B-frames skipped: nothing references them in x264/camera streams without
  // B-pyramid refs, and the rest still decode): analysis at the engine's rate picked from them,
  // motion from every decoded frame (~7.5 fps at 30 fps with 3 B-frames; uneven spacing, so the
  // shake analysis would have to use frame timestamps instead of n / motionFps).
  const rateA = /fps=fps=[0-9.]+/.exec(plan.filterGraph);
  out.push({
    name: 'I+P only (-skip_frame bidir)',
    about: 'B-frames skipped; analysis stream at the engine rate, motion stream = every I/P frame',
    args: [...base, '-threads', '0', '-skip_frame', 'bidir', '-i', clip, '-filter_complex',
      `[0:v]split=2[s0][s1];[s0]${rateA ? rateA[0] + ',' : ''}scale=${aw}:${ah}:flags=area:${conv},format=rgb24[a];` +
      `[s1]scale=${mw}:${mh}:flags=area:${conv},format=gray[m]`, ...nullOut('[a]'), '-vsync', '0', ...nullOut('[m]')],
  });
  out.push({
    name: 'I+P only, no deblock',
    about: 'as above + -skip_loop_filter all',
    args: [...base, '-threads', '0', '-skip_frame', 'bidir', '-skip_loop_filter', 'all', '-i', clip, '-filter_complex',
      `[0:v]split=2[s0][s1];[s0]${rateA ? rateA[0] + ',' : ''}scale=${aw}:${ah}:flags=area:${conv},format=rgb24[a];` +
      `[s1]scale=${mw}:${mh}:flags=area:${conv},format=gray[m]`, ...nullOut('[a]'), '-vsync', '0', ...nullOut('[m]')],
  });
  return out;
}

module.exports = { enginePlan, measureFloor, floorArgs, variants, ffmpegTimed };
