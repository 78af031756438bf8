// The human-readable result table printed by `cliptriage rate`.

import * as path from 'path';
import type { ClipReport } from '../contracts/report';

const fmtTime = (s: number) => `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;

/** Control characters (a newline in a file name) would break the table: show them escaped. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

export function formatTable(clips: ClipReport[], base = process.cwd()): string {
  const rows = clips.map((c) => {
    const rel = path.relative(base, c.path);
    const name = printable(rel && !rel.startsWith('..') ? rel : c.path);
    if (c.status === 'error') return ['ERROR', '', c.error?.code ?? '', c.error?.message ?? '', name];
    const segs = c.segments.map((s) => `${fmtTime(s.startSec)}–${fmtTime(s.endSec)} ${s.flags.join('+')}`).join(', ');
    return [c.verdict ?? '', String(c.quality ?? ''), c.flags.join(', ') || '—', segs, name];
  });
  const head = ['VERDICT', 'QUALITY', 'ISSUES', 'BAD STRETCHES', 'FILE'];
  const widths = head.map((h, i) => Math.min(i === 3 ? 48 : 64, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (r: string[]) =>
    r
      .map((v, i) => (i === r.length - 1 ? v : (v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : v).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const counts = { usable: 0, check: 0, unusable: 0, error: 0 };
  for (const c of clips) counts[c.status === 'error' ? 'error' : (c.verdict ?? 'error')]++;
  const summary = `${clips.length} clip(s): ${counts.usable} usable, ${counts.check} to check, ${counts.unusable} unusable, ${counts.error} error(s)`;
  return [line(head), ...rows.map(line), '', summary, ''].join('\n');
}
