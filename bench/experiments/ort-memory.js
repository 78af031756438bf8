'use strict';
// Experiment: what the learned blur model costs in resident memory, by ORT arena setting and batch
// size. Each configuration runs in its own process (peak RSS = process.resourceUsage().maxRSS).
// usage: node bench/experiments/ort-memory.js [models/blur.onnx]

const path = require('path');
const { execFileSync } = require('child_process');

const file = process.argv[2] && process.argv[2] !== 'child' ? process.argv[2] : path.join(__dirname, '..', '..', 'models', 'blur.onnx');

async function child(arena, batch, model) {
  const ort = require('onnxruntime-node');
  const base = process.resourceUsage().maxRSS / 1024;
  const s = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: 2, interOpNumThreads: 1,
    enableCpuMemArena: arena,
  });
  const input = new ort.Tensor('float32', new Float32Array(batch * 216 * 384).fill(0.5), [batch, 1, 216, 384]);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 8; i++) await s.run({ [s.inputNames[0]]: input });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / (8 * batch);
  console.log(JSON.stringify({ arena, batch, baseMB: +base.toFixed(1), peakMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1), msPerFrame: +ms.toFixed(2) }));
}

if (process.argv[2] === 'child') {
  child(process.argv[3] === '1', Number(process.argv[4]), process.argv[5]).catch((e) => { console.error(e); process.exit(1); });
} else {
  for (const arena of [true, false]) {
    for (const batch of [8, 4, 1]) {
      process.stdout.write(execFileSync(process.execPath, [__filename, 'child', arena ? '1' : '0', String(batch), file]));
    }
  }
}
