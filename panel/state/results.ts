// The results list model: one row per clip of the batch, plus sorting and filtering. Pure data, so
// the list logic is testable without a browser.

import type { ClipReport, Flag, Verdict } from '../../extension/contracts/report';
import type { ClipListing, SkipReason } from '../../host-scripts/contract';
import { parseFootageTag } from './footage';

export type RowStatus = 'queued' | 'rating' | 'rated' | 'error' | 'unfinished' | 'skipped';

export interface ResultRow {
  key: string;
  name: string;
  treePath: string;
  mediaPath: string;
  status: RowStatus;
  report: ClipReport | null;
  /** Plain words for an analysis error, a skip or a failed write to Premiere. */
  message: string | null;
  /** Writing the rating into Premiere failed (the analysis itself worked). */
  writeFailed: boolean;
  labelKept: boolean;
  thumbnail: string | null;
  durationSec: number | null;
  /** How the Footage column was read for this clip (see footage.ts); null when it is empty. */
  footageNote: string | null;
  /** Take group written to Premiere ("Group 3 · 2 of 4"), null when in none (takeGroups.ts). */
  takeGroup?: string | null;
  /** The best take of its group. */
  bestTake?: boolean;
}

export function rowFromListing(c: ClipListing): ResultRow {
  return {
    key: c.nodeId,
    name: c.name,
    treePath: c.treePath,
    mediaPath: c.mediaPath,
    status: 'queued',
    report: null,
    message: null,
    writeFailed: false,
    labelKept: false,
    thumbnail: null,
    durationSec: c.durationSec,
    footageNote: parseFootageTag(c.footageTag).note,
  };
}

const SKIP_WORDS: Record<SkipReason, string> = {
  sequence: 'Skipped: a sequence, not footage.',
  multicam: 'Skipped: a multicam clip (rate its source clips instead).',
  merged: 'Skipped: a merged clip (rate its source clips instead).',
  offline: 'Skipped: the media is offline. Relink it, then rate again.',
  synthetic: 'Skipped: a generated item (bars, colour matte, title…).',
  'no-media-path': 'Skipped: Premiere gives no file for this item.',
  'not-video': 'Skipped: not a video clip (audio or still image).',
  unreadable: 'Skipped: Premiere could not read this item.',
  select: 'Skipped: a ClipTriage select (its source clip carries the rating).',
  removed: 'Skipped: removed from the project before it was rated.',
};

export function skipMessage(reason: SkipReason): string {
  return SKIP_WORDS[reason] ?? `Skipped (${reason}).`;
}

export type SortKey = 'quality' | 'verdict' | 'name';
export type VerdictFilter = 'all' | Verdict | 'errors';
export type ReasonFilter = 'all' | Flag;

const VERDICT_RANK: Record<Verdict, number> = { unusable: 0, check: 1, usable: 2 };

/** Rank for "worst first": problems the editor must look at come before good clips. */
function verdictRank(r: ResultRow): number {
  if (r.status === 'error') return -1;
  if (r.report?.verdict) return VERDICT_RANK[r.report.verdict];
  return 3;
}

const byName = (a: ResultRow, b: ResultRow): number =>
  a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

export function sortRows(rows: readonly ResultRow[], key: SortKey): ResultRow[] {
  const out = rows.slice();
  if (key === 'name') return out.sort(byName);
  if (key === 'verdict') return out.sort((a, b) => verdictRank(a) - verdictRank(b) || byName(a, b));
  // quality: lowest first; clips without a score after those with one
  return out.sort((a, b) => {
    const qa = a.report?.quality ?? null;
    const qb = b.report?.quality ?? null;
    if (qa === null && qb === null) return verdictRank(a) - verdictRank(b) || byName(a, b);
    if (qa === null) return 1;
    if (qb === null) return -1;
    return qa - qb || byName(a, b);
  });
}

export function filterRows(rows: readonly ResultRow[], verdict: VerdictFilter, reason: ReasonFilter): ResultRow[] {
  return rows.filter((r) => {
    if (verdict === 'errors' && !(r.status === 'error' || r.writeFailed)) return false;
    if (verdict !== 'all' && verdict !== 'errors' && r.report?.verdict !== verdict) return false;
    if (reason !== 'all' && !(r.report?.flags ?? []).includes(reason)) return false;
    return true;
  });
}

/** Counts by verdict, for the filter buttons. */
export function verdictCounts(rows: readonly ResultRow[]): Record<Verdict | 'errors', number> {
  const c = { usable: 0, check: 0, unusable: 0, errors: 0 };
  for (const r of rows) {
    if (r.status === 'error' || r.writeFailed) c.errors++;
    else if (r.report?.verdict) c[r.report.verdict]++;
  }
  return c;
}
