'use strict';
// The benchmark's output helpers: the report goes to stdout (tables in Markdown), progress to stderr.

const log = (m) => process.stderr.write(`[bench] ${m}\n`);
const out = (m = '') => process.stdout.write(`${m}\n`);
const f1 = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(1));
const f2 = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2));
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const w = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  out(line(cells[0]));
  out(`|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`);
  for (const r of cells.slice(1)) out(line(r));
  out();
}

module.exports = { log, out, f1, f2, sum, table };
