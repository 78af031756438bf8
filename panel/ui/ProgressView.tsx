// Overall progress with time left, and the clip(s) being analysed right now with their stage.

import type { Stage } from '../../extension/contracts/protocol';
import type { BatchProgress } from '../engine/engineClient';
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

export function ProgressView(props: { progress: BatchProgress; rows: ResultRow[]; cancelling: boolean; writing: number }) {
  const { progress, rows, cancelling, writing } = props;
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
      {writing > 0 ? <div className="dim small">Writing {plural(writing, 'rating')} to Premiere…</div> : null}
    </section>
  );
}
