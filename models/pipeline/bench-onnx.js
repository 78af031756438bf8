// Measures the SHIPPED analysers (extension/analyze/learned.ts → onnxruntime-node) on the held-out
// test frames written by evaluate.py: accuracy/confusion (cross-checks the Python numbers) and
// frames per second per execution provider and thread count.
//   models/pipeline/bench.sh     (compiles the engine's analyser files, then runs this)
'use strict';
const fs = require('fs');
const path = require('path');
const MODELS = path.resolve(__dirname, '..');
const BUILD = path.join(MODELS, '.work', 'tsbuild');
const { loadLearnedAnalyzers } = require(path.join(BUILD, 'extension/analyze/learned.js'));
const { resolveSettings } = require(path.join(BUILD, 'extension/contracts/settings.js'));

function loadFrames(split) {
  const dir = path.join(MODELS, '.work', 'frames', split);
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  return index.map((it) => ({ ...it, frame: { timeSec: 0, width: it.width, height: it.height, rgb: new Uint8Array(fs.readFileSync(path.join(dir, it.file))) } }));
}

const ctx = { media: { durationSec: 1, fps: 30, width: 1280, height: 720 }, footageMode: 'standard', settings: resolveSettings({}) };

async function timeIt(analyzer, frames, batch) {
  for (let i = 0; i < Math.min(batch, frames.length); i += batch) await analyzer.analyze(frames.slice(i, i + batch), ctx); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < frames.length; i += batch) await analyzer.analyze(frames.slice(i, i + batch), ctx);
  return frames.length / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function confusion(truth, pred, k) {
  const m = Array.from({ length: k }, () => new Array(k).fill(0));
  truth.forEach((t, i) => m[t][pred[i]]++);
  return m;
}
const acc = (t, p) => t.filter((x, i) => x === p[i]).length / t.length;

async function main() {
  const items = loadFrames('test');
  const frames = items.map((it) => it.frame);
  const out = { frames: frames.length, frameSize: `${frames[0].width}x${frames[0].height}`, cpu: require('os').cpus()[0].model, runs: [] };
  const configs = [
    { label: 'cpu, 1 thread', settings: { cpuOnly: true }, opts: { threads: 1 } },
    { label: 'cpu, 2 threads', settings: { cpuOnly: true }, opts: { threads: 2 } },
    { label: 'default choice (cpuOnly off)', settings: { cpuOnly: false }, opts: { threads: 2 } },
    { label: 'webgpu preferred', settings: { cpuOnly: false }, opts: { threads: 2, preferProviders: ['webgpu'] } },
  ];
  let scored = false;
  for (const c of configs) {
    const loaded = await loadLearnedAnalyzers(resolveSettings(c.settings), { modelsDir: MODELS, ...c.opts });
    const run = { config: c.label, executionProvider: loaded.executionProvider, warnings: loaded.warnings };
    if (loaded.analyzers.length === 2) {
      const [blur, expo] = loaded.analyzers;
      run.blurFps = +(await timeIt(blur, frames, 8)).toFixed(1);
      run.exposureFps = +(await timeIt(expo, frames, 8)).toFixed(1);
      run.bothFps = +(1 / (1 / run.blurFps + 1 / run.exposureFps)).toFixed(1);
      if (!scored) {
        scored = true;
        const b = (await blur.analyze(frames, ctx)).map((s) => s.blurry);
        const tb = items.map((it) => it.blurry);
        const ex = items.map((it, i) => [it, i]).filter(([it]) => it.exposure >= 0).map(([, i]) => i);
        const probs = await expo.probabilities(ex.map((i) => frames[i]));
        const pe = probs.map((p) => p.indexOf(Math.max(...p)));
        const te = ex.map((i) => items[i].exposure);
        out.accuracy = {
          blurAt05: +acc(tb, b.map((s) => +(s >= 0.5))).toFixed(4),
          blurAt06: +acc(tb, b.map((s) => +(s >= 0.6))).toFixed(4),
          blurConfusionAt05: confusion(tb, b.map((s) => +(s >= 0.5)), 2),
          exposure: +acc(te, pe).toFixed(4),
          exposureConfusion: confusion(te, pe, 3),
        };
      }
    }
    out.runs.push(run);
    await Promise.all(loaded.analyzers.map((a) => a.dispose && a.dispose()));
    console.log(JSON.stringify(run));
  }
  fs.writeFileSync(path.join(MODELS, '.work', 'bench.json'), JSON.stringify(out, null, 1));
  console.log(JSON.stringify(out.accuracy));
}
main().catch((e) => { console.error(e); process.exit(1); });
