'use strict';
// Where the keyframe path's CPU goes: the engine's plan against what it cannot avoid decoding —
// every keyframe once (one decoder, -skip_frame nokey) plus the burst frames themselves (each
// burst's keyframe and the consecutive frames after it, each burst measured on its own).
// Everything in CPU seconds (user + sys from GNU time), which other tenants of a shared machine do
// not inflate the way they do wall time.

const decode = require('./decode');

const base = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error'];

/** The analysis branch of a keyframe plan (its scale and range conversion), from its filter graph. */
function keyBranchFilter(plan) {
  const m = /scale=\d+:\d+:flags=area:[^,]*,format=rgb24/.exec(plan.chunks[0].filterGraph);
  return m[0];
}

function motionBranchFilter(plan) {
  const m = /scale=\d+:\d+:flags=area:[^,]*,format=gray/.exec(plan.chunks[0].filterGraph);
  return m[0];
}

/**
 * Measures, for a keyframe plan of `clip`: keyframes-only CPU, the burst frames' own CPU, and the
 * plan's floor with and without ffmpeg's per-input stream probe. `engineDir` is the built engine.
 */
async function burstCost(engineDir, bins, clip, plan, probed, floorCpu) {
  const skip = plan.chunks[0].inputArgs.includes('-nofind_stream_info') ? ['-nofind_stream_info'] : [];
  const null1 = (label) => ['-map', label, '-an', '-f', 'null', '-'];
  const keyOnly = await decode.ffmpegTimed(bins.ffmpeg, [...base, '-threads', '1', '-skip_frame', 'nokey', ...skip, '-i', clip,
    '-filter_complex', `[0:v]${keyBranchFilter(plan)}[a]`, ...null1('[a]')]);
  const dur = probed.media.durationSec;
  const interval = probed.keyframes.medianIntervalSec;
  const keyframes = Math.floor(dur / interval + 1e-6) + 1;
  const starts = plan.chunks.flatMap((c) => c.burstStartsSec);
  const fps = plan.motionFps;
  const burstFrames = Math.max(3, Math.round(0.3 * fps));
  // Each burst's own frames, decoded on their own as the plan's burst inputs decode them (same
  // flags, seek and length), less what a process costs that opens the input and decodes nothing.
  // Measured per burst: a clip's first GOP can cost several times its later ones (an encoder
  // spends its buffer on the first frames), so one burst's cost does not stand for all.
  const burstSec = (burstFrames - 0.5) / fps;
  const burstRun = (start) => decode.ffmpegTimed(bins.ffmpeg, [...base, '-threads', '1', '-skip_loop_filter', 'all', ...skip, '-noaccurate_seek',
    '-ss', (skip.length ? start + probed.startSec : start).toFixed(6), '-t', burstSec.toFixed(4),
    '-i', clip, '-filter_complex', `[0:v]${motionBranchFilter(plan)}[m]`, ...null1('[m]')]);
  const openRuns = [];
  for (let i = 0; i < 3; i++) openRuns.push((await decode.ffmpegTimed(bins.ffmpeg, [...base, ...skip, '-i', clip, '-map', '0:v:0', '-c', 'copy', '-frames:v', '1', '-f', 'null', '-'])).cpuSec);
  const openCpu = Math.min(...openRuns);
  const perBurst = [];
  for (const s of starts) perBurst.push(Math.max(0, (await burstRun(s)).cpuSec - openCpu));
  const burstFramesCpu = perBurst.reduce((a, b) => a + b, 0);
  const keyframeCpu = keyOnly.cpuSec / keyframes;
  // The same plan with every input probing its stream (the engine before it skipped the probe).
  const probedPlan = (await decode.enginePlan(engineDir, bins, clip, { tuning: { skipStreamProbe: false } })).plan;
  const withProbe = await decode.measureFloor(bins.ffmpeg, probedPlan, clip, engineDir);
  const reference = keyOnly.cpuSec + burstFramesCpu;
  return {
    keyframes,
    keyframesOnlyCpu: keyOnly.cpuSec,
    keyframeCpu,
    bursts: starts.length,
    burstFrames,
    perBurst,
    openCpu,
    burstFramesCpu,
    reference,
    withProbeCpu: withProbe.cpuSec,
    floorCpu,
    ratio: floorCpu / reference,
    ratioWithProbe: withProbe.cpuSec / reference,
    processes: plan.chunks.length,
  };
}

module.exports = { burstCost };
