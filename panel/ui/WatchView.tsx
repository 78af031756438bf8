// Watch mode in the panel: what is waiting, what is being rated, what happened to each imported
// clip, with Pause/Resume and Cancel. Shown while Rate new clips is on or the list has entries.

/// <reference lib="dom" />
import { useSyncExternalStore } from 'react';
import { VERDICT_WORDS } from '../state/format';
import type { WatchSession } from '../state/watchSession';

const STATUS_WORDS = { waiting: 'Waiting', rating: 'Rating…', rated: 'Rated', error: 'Failed', skipped: 'Skipped' } as const;

export function WatchView(props: { watch: WatchSession }) {
  const { watch } = props;
  const state = useSyncExternalStore(watch.store.subscribe, watch.store.get);
  const { entries, paused } = state.queue;
  if (!state.watching && !entries.length && !state.problem) return null;
  const active = entries.some((e) => e.status === 'waiting' || e.status === 'rating');
  const finished = entries.some((e) => e.status !== 'waiting' && e.status !== 'rating');
  return (
    <section className="watch" aria-label="Rate new clips" data-paused={paused ? 'true' : undefined}>
      <div className="watch-head">
        <span className="watch-summary">Rate new clips: {watch.summary()}</span>
        <span className="watch-buttons">
          {paused ? (
            <button type="button" onClick={() => watch.resume()}>
              Resume
            </button>
          ) : (
            <button type="button" disabled={!active} onClick={() => watch.pause()} title="Stop after putting the clip in hand back in the queue">
              Pause
            </button>
          )}
          <button type="button" disabled={!active} onClick={() => watch.cancel()} title="Drop every clip still waiting">
            Cancel
          </button>
          <button type="button" className="link" disabled={!finished} onClick={() => watch.clearFinished()}>
            Clear list
          </button>
        </span>
      </div>
      {state.problem ? (
        <p className="watch-problem" role="alert">
          {state.problem}
        </p>
      ) : null}
      {entries.length ? (
        <ul className="watch-list" aria-label="Imported clips">
          {entries
            .slice()
            .reverse()
            .map((e) => (
              <li key={e.nodeId} className={`watch-entry watch-${e.status}`} data-status={e.status}>
                <span className="watch-name">{e.name}</span>
                <span className="watch-status">
                  {e.status === 'rated' && e.verdict ? `${VERDICT_WORDS[e.verdict]} · ${e.quality}` : STATUS_WORDS[e.status]}
                </span>
                {e.message ? <span className="watch-message">{e.message}</span> : null}
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}
