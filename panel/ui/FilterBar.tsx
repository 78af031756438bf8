// Sort and filter controls over the results list.

import { FLAGS } from '../../extension/contracts/report';
import { FLAG_WORDS } from '../state/format';
import type { ReasonFilter, SortKey, VerdictFilter } from '../state/results';

export interface ListView {
  sort: SortKey;
  verdict: VerdictFilter;
  reason: ReasonFilter;
}

const VERDICT_TABS: Array<{ value: VerdictFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'unusable', label: 'Unusable' },
  { value: 'check', label: 'Check' },
  { value: 'usable', label: 'Usable' },
  { value: 'errors', label: 'Errors' },
];

export function FilterBar(props: {
  view: ListView;
  counts: Record<Exclude<VerdictFilter, 'all'>, number> & { all: number };
  onChange(view: ListView): void;
}) {
  const { view, counts, onChange } = props;
  return (
    <div className="filters">
      <div className="segmented" role="group" aria-label="Show clips">
        {VERDICT_TABS.map((t) => (
          <button
            key={t.value}
            type="button"
            className={`seg seg-${t.value}`}
            aria-pressed={view.verdict === t.value}
            onClick={() => onChange({ ...view, verdict: t.value })}
          >
            {t.label} <span className="count">{counts[t.value]}</span>
          </button>
        ))}
      </div>
      <div className="filter-selects">
        <label>
          Reason{' '}
          <select aria-label="Filter by reason" value={view.reason} onChange={(e) => onChange({ ...view, reason: e.target.value as ReasonFilter })}>
            <option value="all">Any</option>
            {FLAGS.map((f) => (
              <option key={f} value={f}>
                {FLAG_WORDS[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort{' '}
          <select aria-label="Sort by" value={view.sort} onChange={(e) => onChange({ ...view, sort: e.target.value as SortKey })}>
            <option value="quality">Quality (worst first)</option>
            <option value="verdict">Verdict</option>
            <option value="name">Name</option>
          </select>
        </label>
      </div>
    </div>
  );
}
