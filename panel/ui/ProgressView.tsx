// Overall progress with time left, the clip(s) being analysed right now with their stage, and how
// many ratings Premiere has taken so far (they are written a chunk at a time while rating goes on).

import type { Stage } from '../../extension/contracts/protocol';
import type { BatchProgress } from '../engine/batchRun';
import { formatEta, plural } from '../state/format';
import type { ResultRow } from '../state/results';

const STAGE_WORDS: Record<Stage, string> = {
  queued: 'waiting',
  probing: 'reading the file',
  decoding: 'decoding',
  analysing: 'analysing',
  cached: 'from cache',
  done: 'done',
};

/** A thin bar with its label and count; also used for Clear's progress. */
export function CountBar(props: { label: string; done: number; total: number; noun: string; note?: string }) {
  const { label, done, total, noun, note } = props;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress-count">
      <div className="progress-line">
        <span>{label}</span>
        <span className="dim">
          {done} of {plural(total, noun)}
          {note ? ` · ${note}` : ''}
        </span>
      </div>
      <div className="bar bar-thin" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="bar-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export interface WriteProgress {
  /** In flight right now. */
  writing: number;
  /** Answered by Premiere. */
  written: number;
  /** Handed to the writer so far. */
  toWrite: number;
}

export function ProgressView(props: { progress: BatchProgress; rows: ResultRow[]; cancelling: boolean; writes: WriteProgress }) {
  const { progress, rows, cancelling, writes } = props;
  const pct = Math.round(progress.fraction * 100);
  const nameOf = (key: string): string => rows.find((r) => r.key === key)?.name ?? key;
  return (
    <section className="progress" aria-label="Rating progress">
      <div className="progress-line">
        <span>
          {cancelling ? 'Cancelling… ' : ''}
          {progress.clipsDone} of {plural(progress.clipCount, 'clip')}
        </span>
        <span className="dim">{cancelling ? '' : formatEta(progress.etaSec)}</span>
      </div>
      <div className="bar" role="progressbar" aria-label="Batch progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="bar-fill" style={{ width: `${pct}%` }} />
      </div>
      {progress.active.map((a) => (
        <div className="progress-clip" key={a.key}>
          <div className="progress-line">
            <span className="ellipsis">{nameOf(a.key)}</span>
            <span className="dim">{STAGE_WORDS[a.stage]}</span>
          </div>
          <div className="bar bar-thin" role="progressbar" aria-label={`Progress of ${nameOf(a.key)}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(a.clipFraction * 100)}>
            <span className="bar-fill" style={{ width: `${Math.round(a.clipFraction * 100)}%` }} />
          </div>
        </div>
      ))}
      {writes.toWrite > 0 ? (
        <CountBar label="Writing to Premiere" done={writes.written} total={writes.toWrite} noun="rating" note={writes.writing ? `${writes.writing} being written` : undefined} />
      ) : null}
    </section>
  );
}
