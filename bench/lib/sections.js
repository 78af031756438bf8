'use strict';
// Benchmark sections beyond the headline: where the keyframe path's CPU goes, the camera formats
// (4K H.264, 4K HEVC 10-bit), and what the hardware-decoding path would do on editors' machines.

const path = require('path');
const decode = require('./decode');
const seed = require('./seed');
const { burstCost } = require('./burstCost');
const { ensureCameraClips } = require('./cameraClips');
const { log, out, f1, f2, table } = require('./report');

/** Keyframe path: engine plan CPU against keyframes-only + burst frames. Returns the figures. */
async function keyframePathSection(engineDir, bins, clip, name, floorCpu) {
  const { plan, probed } = await decode.enginePlan(engineDir, bins, clip);
  if (plan.mode !== 'keyframes' || floorCpu === null) return null;
  log(`${name}: keyframe path CPU breakdown`);
  const b = await burstCost(engineDir, bins, clip, plan, probed, floorCpu);
  out(`## Keyframe path: where the CPU goes (${name}, CPU seconds of ffmpeg alone)`);
  out();
  table(['decode', 'CPU s', '× reference'], [
    [`keyframes only (${b.keyframes} keyframes, one decoder, -skip_frame nokey): ${f1(b.keyframeCpu * 1000)} CPU-ms each`, f2(b.keyframesOnlyCpu), ''],
    [`burst frames themselves (${b.bursts} bursts × ${b.burstFrames} frames from their keyframe, each decoded alone less ${f1(b.openCpu * 1000)} CPU-ms to open the input: ${b.perBurst.map((c) => f2(c)).join(' + ')})`, f2(b.burstFramesCpu), ''],
    ['reference: keyframes + burst frames', f2(b.reference), '1.00'],
    [`engine plan with every input probing its stream (before: each probe decodes the file's first frame)`, f2(b.withProbeCpu), f2(b.ratioWithProbe)],
    [`engine plan now (${b.processes} processes, MP4/MOV inputs skip the probe)`, f2(b.floorCpu), f2(b.ratio)],
  ]);
  out(`target: engine plan ≤ 1.2 × reference — ${b.ratio <= 1.2 ? 'met' : 'NOT met'} (${f2(b.ratio)}); what is left is each burst's own decoder set-up, seek and B-frame reorder delay`);
  out();
  return b;
}

/**
 * The camera formats: floor, rating, seed-style, ratios. `rateInChild(files, settings)` rates in
 * a child process; `seedInfo` is the timed seed inference (null when skipped). Returns the rows.
 */
async function cameraSection(engineDir, bins, dir, rateInChild, seedInfo, seedSkipped) {
  const clips = await ensureCameraClips(dir, bins.ffmpeg, log);
  const rows = [];
  const results = [];
  let engineDecode = null;
  for (const c of clips) {
    if (c.skipped) {
      rows.push([c.name, '—', 'skipped', '', '', '', '', '', '', '']);
      out(`camera format ${c.name}: SKIPPED — ${c.skipped}`);
      continue;
    }
    log(`${c.name}: floor, engine cold, seed-style decode`);
    const { plan, probed } = await decode.enginePlan(engineDir, bins, c.file);
    const floor = await decode.measureFloor(bins.ffmpeg, plan, c.file, engineDir);
    const rate = await rateInChild([c.file], { noCache: true, concurrency: 1 });
    engineDecode = rate.decode;
    const frames = Math.round(probed.media.durationSec * (probed.media.fps || 30));
    const dec = await seed.timeDecodeAll(bins.ffmpeg, c.file);
    const seedSec = seedInfo ? dec.wallSec + frames * seedInfo.secPerFrame : null;
    const r = {
      id: c.id,
      name: c.name,
      durationSec: probed.media.durationSec,
      mode: plan.mode,
      floorSec: floor.wallSec,
      floorCpu: floor.cpuSec,
      rateSec: rate.rateSec,
      rateCpu: rate.rateCpuSec,
      seedDecodeSec: dec.wallSec,
      seedSec,
      decode: rate.clips[0].decode,
      encodedBy: c.encodedBy,
      rssMB: rate.treePeakRssMB,
    };
    results.push(r);
    rows.push([
      c.name, f1(r.durationSec), `${plan.mode} (${plan.chunks.length} proc.)`,
      `${f2(r.floorSec)} (${f2(r.floorCpu)})`, `${f2(r.rateSec)} (${f2(r.rateCpu)})`, f2(r.rateSec / r.floorSec),
      f1(r.durationSec / r.rateSec), seedSec === null ? `decode alone ${f1(dec.wallSec)}` : f1(seedSec), seedSec === null ? '—' : f1(seedSec / r.rateSec), f1(r.rssMB),
    ]);
  }
  out('## Camera formats (cold, one clip; generated at bench time)');
  out();
  table(['clip', 'video s', 'sampling', 'floor s (CPU s)', 'rate s (CPU s)', 'rate/floor', 'realtime ×', 'seed s', 'seed/rate', 'tree peak RSS MB'], rows);
  for (const r of results) out(`  ${r.name}: encoded by ${r.encodedBy}; decoded here by ${r.decode}`);
  if (!seedInfo) out(`  seed s: the seed-style pipeline was skipped (${seedSkipped}); "decode alone" is its decode of every frame at 224×224, which it cannot go below`);
  out();
  hardwareNote(engineDecode);
  return results;
}

/** What the hardware path would do on a Mac or PC, and what it did here. */
function hardwareNote(engineDecode) {
  out('What the hardware path would do (hwDecode: auto, the default): on a Mac the bundled ffmpeg has');
  out('VideoToolbox (H.264, HEVC); on Windows D3D11VA and DXVA2 (H.264, HEVC, VP9) and NVDEC. Each clip of');
  out('at least 10 s has its first second decoded with the hardware decoder and in software; when every');
  out('picture is identical and the hardware decode was faster, every ffmpeg input of the plan decodes');
  out('with -hwaccel, frames come back to memory and the CPU only scales and analyses — the decode');
  out('floor above is then mostly GPU time. Anything else decodes in software, and the report says why.');
  out(`On this machine: engine.decode = ${engineDecode ? JSON.stringify(engineDecode) : 'unknown'} (no GPU: nothing measured in hardware).`);
  out();
}

module.exports = { keyframePathSection, cameraSection, hardwareNote, cameraDir: (root) => path.join(root, 'camera-v1') };
