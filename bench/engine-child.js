'use strict';
// Runs ONE engine rating in its own process so the benchmark measures the engine's own memory
// (process.resourceUsage().maxRSS is this process's peak, ffmpeg children excluded; the parent
// samples the whole tree separately). Usage: node bench/engine-child.js '<json job>'
//   job = { engineDir, files: [...], settings: { noCache, cacheDir, concurrency, … } }
// Prints one JSON line on stdout.

const path = require('path');

async function main() {
  const job = JSON.parse(process.argv[2]);
  const t0 = process.hrtime.bigint();
  const { createEngine } = require(path.join(job.engineDir, 'index.js'));
  const engine = await createEngine(job.settings);
  const t1 = process.hrtime.bigint();
  const startupCpu = process.cpuUsage();
  const report = await engine.rate(job.files.map((f, i) => ({ key: String(i), path: f })));
  const t2 = process.hrtime.bigint();
  await engine.close();
  const clips = report.clips.map((c) => ({
    status: c.status,
    error: c.error,
    verdict: c.verdict,
    flags: c.flags,
    framesAnalyzed: c.framesAnalyzed,
    cached: Boolean(c.cached),
    durationSec: c.media ? c.media.durationSec : null,
    decode: c.decode,
  }));
  process.stdout.write(JSON.stringify({
    startupSec: Number(t1 - t0) / 1e9,
    startupCpuSec: (startupCpu.user + startupCpu.system) / 1e6,
    rateSec: Number(t2 - t1) / 1e9,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    decode: report.engine.decode,
    warnings: engine.warnings,
    clips,
  }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`engine-child: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
