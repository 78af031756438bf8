// Scoring rules for `npm run accuracy`, one per kind of labels file. Pure functions over a report,
// so the rules are unit-testable and the runner only fetches, rates and prints.

const FLAGS = ['blurry', 'dark', 'bright', 'shaky'];

/** Reads a labels.tsv: `file <tab> expect-or-flags [<tab> flags <tab> why]`, # comments skipped. */
function readLabels(text) {
  return text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

const flagsOf = (clip) => (clip.flags || []).filter((f) => FLAGS.includes(f)).sort();

/**
 * A synthetic exam (make-clips.sh): exact flags per kind, and false Unusable on the kinds that
 * must be usable. rows: [file, flags].
 */
function scoreExam(rows, clipsByName) {
  const kinds = {};
  const misses = [];
  let exact = 0, falseUnusable = 0, fine = 0, notRated = 0;
  for (const [file, want = ''] of rows) {
    const kind = (file.split('__')[1] || '?').replace(/\.\w+$/, '');
    const k = (kinds[kind] = kinds[kind] || { exact: 0, n: 0 });
    k.n++;
    const c = clipsByName.get(file);
    const wanted = want.split(',').filter(Boolean).sort().join(',');
    if (!wanted) fine++;
    if (!c || c.status !== 'rated') {
      notRated++;
      misses.push(`${file} not rated${c && c.error ? ` (${c.error.message})` : ''}`);
      continue;
    }
    const got = flagsOf(c).join(',');
    if (got === wanted) {
      exact++;
      k.exact++;
    } else misses.push(`${file} want [${wanted}] got [${got}] ${c.verdict}`);
    if (!wanted && c.verdict === 'unusable') falseUnusable++;
  }
  return { n: rows.length, exact, exactPct: pct(exact, rows.length), falseUnusable, fine, notRated, kinds, misses };
}

/**
 * Real footage (../shared/real-footage/labels.tsv). rows: [file, expect, flags, why].
 * usable: no flag and verdict usable; fine: not Unusable; flagged: Check/Unusable with the flags.
 */
function scoreReal(rows, clipsByName) {
  const cls = { usable: { ok: 0, n: 0 }, fine: { ok: 0, n: 0 }, flagged: { ok: 0, n: 0 } };
  const misses = [];
  let falseUnusable = 0, notRated = 0;
  for (const [file, expect, want = '', why = ''] of rows) {
    if (!cls[expect]) continue;
    const c = clipsByName.get(file);
    cls[expect].n++;
    if (!c || c.status !== 'rated') {
      notRated++;
      misses.push(`${file} not rated${c && c.error ? ` (${c.error.message})` : ''}`);
      continue;
    }
    const got = flagsOf(c);
    const wanted = want.split(',').filter(Boolean);
    let ok;
    if (expect === 'usable') ok = c.verdict === 'usable' && got.length === 0;
    else if (expect === 'fine') ok = c.verdict !== 'unusable';
    else ok = c.verdict !== 'usable' && wanted.every((f) => got.includes(f));
    if (expect !== 'flagged' && c.verdict === 'unusable') falseUnusable++;
    if (ok) cls[expect].ok++;
    else misses.push(`${file} (${expect}${wanted.length ? ' ' + wanted : ''}: ${why}) got ${c.verdict} [${got}]`);
  }
  return { classes: cls, falseUnusable, notRated, misses };
}

function pct(a, b) {
  return b ? Math.round((1000 * a) / b) / 10 : null;
}

module.exports = { FLAGS, readLabels, scoreExam, scoreReal, pct };
