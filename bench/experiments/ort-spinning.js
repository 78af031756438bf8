'use strict';
// Experiment: does onnxruntime's intra-op thread spinning burn CPU the decoder needs?
// Runs the engine's blur model on frame-sized batches, with gaps between runs like the engine's
// (frames arrive from ffmpeg every few ms), and reports wall and process CPU per run with
// spinning on (ORT's default) and off (session config session.intra_op.allow_spinning = 0).
// usage: node bench/experiments/ort-spinning.js [models/blur.onnx]

const path = require('path');
const ort = require('onnxruntime-node');

const file = process.argv[2] || path.join(__dirname, '..', '..', 'models', 'blur.onnx');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function trial(spin) {
  const s = await ort.InferenceSession.create(file, {
    executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: 2, interOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: spin ? '1' : '0' } } },
  });
  const input = new ort.Tensor('float32', new Float32Array(8 * 216 * 384).fill(0.5), [8, 1, 216, 384]);
  await s.run({ [s.inputNames[0]]: input });
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let busy = 0;
  for (let i = 0; i < 10; i++) {
    const b0 = process.hrtime.bigint();
    await s.run({ [s.inputNames[0]]: input });
    busy += Number(process.hrtime.bigint() - b0) / 1e6;
    await sleep(50); // the engine waits for the next 8 frames (4 s of video at 2 fps) from ffmpeg
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  await s.release();
  return { spin, msPerBatch: busy / 10, cpuMsPerBatch: (c.user + c.system) / 1000 / 10, wallMs: wall };
}

(async () => {
  for (const spin of [true, false, true, false]) console.log(JSON.stringify(await trial(spin)));
})().catch((e) => { console.error(e); process.exit(1); });
