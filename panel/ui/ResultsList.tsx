// The results: one row per clip with its verdict, quality, reasons, quality strip and worst-frame
// thumbnail; errors in plain words right under the clip's name. Activating a row (click, Enter,
// Space) shows the clip in Premiere at its first bad stretch.

import { memo } from 'react';
import type { Flag } from '../../extension/contracts/report';
import type { Thresholds } from '../../extension/contracts/settings';
import { FLAG_WORDS, VERDICT_WORDS } from '../state/format';
import type { ResultRow } from '../state/results';
import { QualityStrip } from './QualityStrip';

function Badge({ row }: { row: ResultRow }) {
  if (row.status === 'rated' && row.report?.verdict) {
    const v = row.report.verdict;
    return <span className={`badge badge-${v}`}>{VERDICT_WORDS[v]}</span>;
  }
  const words: Record<ResultRow['status'], string> = {
    queued: 'Waiting',
    rating: 'Rating…',
    rated: 'Rated',
    error: 'Error',
    unfinished: 'Not rated',
    skipped: 'Skipped',
  };
  return <span className={`badge badge-${row.status}`}>{words[row.status]}</span>;
}

const Row = memo(function Row(props: {
  row: ResultRow;
  thresholds: Record<Flag, Thresholds>;
  onReveal(key: string): void;
}) {
  const { row, thresholds, onReveal } = props;
  const rep = row.report;
  const reasons = rep && rep.status === 'rated' ? (rep.flags.length ? rep.flags.map((f) => FLAG_WORDS[f]).join(', ') : 'No problems found') : '';
  const clickable = row.status !== 'skipped';
  return (
    <li className={`row row-${row.status}${row.writeFailed ? ' row-writefail' : ''}`} data-key={row.key} data-status={row.status}>
      <button
        type="button"
        className="row-main"
        disabled={!clickable}
        onClick={() => onReveal(row.key)}
        title={clickable ? `Show “${row.name}” in Premiere${rep?.segments.length ? ' at its first problem' : ''}` : undefined}
      >
        <span className="thumb" aria-hidden="true">
          {row.thumbnail ? <img src={row.thumbnail} alt="" /> : <span className="thumb-empty" />}
        </span>
        <span className="row-text">
          <span className="row-head">
            <span className="row-name">{row.name}</span>
            <Badge row={row} />
            {rep?.quality !== null && rep?.quality !== undefined ? (
              <span className="quality" title="Quality 0–100">
                {rep.quality}
              </span>
            ) : null}
          </span>
          <span className="row-sub">
            {reasons ? <span className="row-reasons">{reasons}{row.labelKept ? ' · your label kept' : ''}</span> : null}
            {row.treePath ? <span className="row-path">{row.treePath}</span> : null}
          </span>
          {row.takeGroup ? (
            <span className="row-take" data-best={row.bestTake ? 'true' : undefined}>
              Take group: {row.takeGroup}
              {row.bestTake ? ' · best take' : ''}
            </span>
          ) : null}
          {row.message ? (
            <span className="row-message" role={row.status === 'error' || row.writeFailed ? 'alert' : undefined}>
              {row.message}
            </span>
          ) : null}
          {row.footageNote && row.status !== 'skipped' ? <span className="row-note">{row.footageNote}</span> : null}
          {rep && rep.status === 'rated' ? (
            <QualityStrip windows={rep.windows} segments={rep.segments} durationSec={rep.media?.durationSec ?? row.durationSec ?? 0} thresholds={thresholds} />
          ) : null}
        </span>
      </button>
    </li>
  );
});

export function ResultsList(props: {
  rows: ResultRow[];
  thresholds: Record<Flag, Thresholds>;
  onReveal(key: string): void;
}) {
  return (
    <ul className="results" aria-label="Rated clips">
      {props.rows.map((r) => (
        <Row key={r.key} row={r} thresholds={props.thresholds} onReveal={props.onReveal} />
      ))}
    </ul>
  );
}
