'use strict';
// Process helpers for the benchmark: spawn with an argument array (never a shell), time it, and
// sample the peak resident memory of the process and all its descendants (Linux /proc; elsewhere
// only the child's own figure, reported by the child itself, is available).

const { spawn } = require('child_process');
const fs = require('fs');

const PAGE_KB = 4; // /proc/<pid>/stat rss is in pages; 4 KiB on x86-64 and arm64 Linux

function readTree() {
  // pid → { ppid, rssKB } for every process we can see.
  const out = new Map();
  let names;
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid … rss is field 24 (1-based).
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(n), { ppid: Number(rest[1]), rssKB: Number(rest[21]) * PAGE_KB });
    } catch { /* exited meanwhile */ }
  }
  return out;
}

function treeRssKB(root) {
  const procs = readTree();
  const kids = new Map();
  for (const [pid, p] of procs) {
    if (!kids.has(p.ppid)) kids.set(p.ppid, []);
    kids.get(p.ppid).push(pid);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    const p = procs.get(pid);
    if (p) total += p.rssKB;
    for (const k of kids.get(pid) || []) stack.push(k);
  }
  return total;
}

/**
 * Runs `cmd args`; resolves { code, signal, wallSec, stdout, stderr, peakTreeRssMB }.
 * `sampleMs` > 0 samples the process tree's RSS that often.
 */
function run(cmd, args, { sampleMs = 0, env, onStderr } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env || process.env, windowsHide: true });
    const out = [];
    let err = '';
    let peak = 0;
    let timer = null;
    if (sampleMs > 0 && process.platform === 'linux') {
      const sample = () => {
        peak = Math.max(peak, treeRssKB(child.pid));
      };
      timer = setInterval(sample, sampleMs);
    }
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      if (err.length < 256 * 1024) err += d;
      if (onStderr) onStderr(d);
    });
    child.on('error', (e) => {
      if (timer) clearInterval(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearInterval(timer);
      const wallSec = Number(process.hrtime.bigint() - t0) / 1e9;
      resolve({ code, signal, wallSec, stdout: Buffer.concat(out).toString('utf8'), stderr: err, peakTreeRssMB: peak / 1024 });
    });
  });
}

const GNU_TIME = '/usr/bin/time';
const haveGnuTime = process.platform === 'linux' && fs.existsSync(GNU_TIME);

/**
 * Like run(), plus CPU seconds (user + sys of the process and every child it waited for) and its
 * own peak RSS, from GNU time when installed. CPU time is the robust figure on a busy machine:
 * wall time there measures the other tenants as much as us.
 */
async function timed(cmd, args, opts = {}) {
  if (!haveGnuTime) return { ...(await run(cmd, args, opts)), cpuSec: null, maxRssMB: null };
  const os = require('os');
  const path = require('path');
  const file = path.join(os.tmpdir(), `ctbench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const r = await run(GNU_TIME, ['-f', '%e %U %S %M', '-o', file, cmd, ...args], opts);
  let cpuSec = null;
  let maxRssMB = null;
  try {
    const line = fs.readFileSync(file, 'utf8').trim().split('\n').pop().split(' ');
    cpuSec = Number(line[1]) + Number(line[2]);
    maxRssMB = Number(line[3]) / 1024;
    fs.unlinkSync(file);
  } catch { /* time could not write: leave the CPU figures out */ }
  return { ...r, cpuSec, maxRssMB };
}

module.exports = { run, timed, treeRssKB, haveGnuTime };
