// The panel: toolbar, message line, progress, results (or settings). State lives in the rating
// session's store; this file only arranges it.

/// <reference lib="dom" />
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { DEFAULT_SETTINGS } from '../../extension/contracts/settings';
import { filterRows, sortRows, verdictCounts } from '../state/results';
import type { RatingSession } from '../state/ratingSession';
import type { PanelSettings } from '../state/settings';
import { FilterBar, ListView } from './FilterBar';
import { NoticeBar } from './NoticeBar';
import { CountBar, ProgressView } from './ProgressView';
import { ResultsList } from './ResultsList';
import { SettingsView } from './SettingsView';
import { WatchView } from './WatchView';
import type { WatchSession } from '../state/watchSession';

export interface AppProps {
  session: RatingSession;
  initialSettings: PanelSettings;
  onSettingsChange(s: PanelSettings): void;
  /** CEP only: the Node.js path setting makes no sense in the browser harness. */
  showNodePath: boolean;
  /** Rate on import (absent where the host cannot send events). */
  watch?: WatchSession;
}

export function App(props: AppProps) {
  const { session } = props;
  const state = useSyncExternalStore(session.store.subscribe, session.store.get);
  const [settings, setSettings] = useState(props.initialSettings);
  const [showSettings, setShowSettings] = useState(false);
  const [view, setView] = useState<ListView>({ sort: 'quality', verdict: 'all', reason: 'all' });
  const settingsButton = useRef<HTMLButtonElement>(null);

  const changeSettings = useCallback(
    (s: PanelSettings) => {
      setSettings(s);
      props.onSettingsChange(s);
    },
    [props.onSettingsChange],
  );
  const closeSettings = useCallback(() => {
    setShowSettings(false);
    settingsButton.current?.focus();
  }, []);

  const busy = state.phase !== 'idle';
  const running = state.phase === 'rating' || state.phase === 'cancelling' || state.phase === 'listing';
  const counts = useMemo(() => ({ ...verdictCounts(state.rows), all: state.rows.length }), [state.rows]);
  const shown = useMemo(() => sortRows(filterRows(state.rows, view.verdict, view.reason), view.sort), [state.rows, view]);
  const reveal = useCallback((key: string) => void session.reveal(key), [session]);
  const engineWords =
    state.engine.state === 'ready'
      ? `Engine ${state.engine.info.version} · ${state.engine.info.executionProvider.toUpperCase()}`
      : state.engine.state === 'starting'
        ? 'Starting engine…'
        : state.engine.state === 'failed'
          ? 'Engine stopped'
          : 'Engine idle';

  return (
    <div className="app" data-phase={state.phase}>
      <header className="toolbar">
        <div className="toolbar-main">
          <button
            type="button"
            className="primary"
            aria-disabled={busy}
            onClick={() => session.rate('selection')}
            title="Rate the clips and bins selected in the Project panel"
          >
            Rate bin
          </button>
          <button type="button" aria-disabled={busy} onClick={() => session.rate('project')} title="Rate every clip in the project">
            Rate project
          </button>
          <button
            type="button"
            disabled={state.phase !== 'rating' && state.phase !== 'selecting'}
            onClick={() => session.cancel()}
            title={state.phase === 'selecting' ? 'Stop making selects; clips already done keep their selects' : 'Stop rating; clips already rated keep their ratings'}
          >
            Cancel
          </button>
        </div>
        <div className="toolbar-side">
          <button
            type="button"
            aria-disabled={busy}
            onClick={() => void session.makeSelects()}
            title="Make a subclip of every usable stretch of the rated clips, in the ClipTriage Selects bin"
          >
            Make selects
          </button>
          <button type="button" aria-disabled={busy} onClick={() => void session.clearSelects()} title="Remove the ClipTriage Selects bin and the subclips ClipTriage made (anything you added there stays)">
            Clear selects
          </button>
          <button
            type="button"
            aria-disabled={busy}
            onClick={() => void session.clear()}
            title={state.rows.length ? 'Remove ClipTriage ratings from the clips listed below and restore their labels' : 'Remove ClipTriage ratings from the selected clips and restore their labels'}
          >
            Clear ratings
          </button>
          <button
            type="button"
            ref={settingsButton}
            className="icon-button"
            aria-expanded={showSettings}
            aria-label="Settings"
            title="Settings"
            onClick={() => setShowSettings((v) => !v)}
          >
            ⚙
          </button>
        </div>
      </header>

      {props.watch ? <WatchView watch={props.watch} /> : null}

      {state.notice ? <NoticeBar notice={state.notice} onDismiss={() => session.dismissNotice()} onOpenSettings={() => setShowSettings(true)} /> : null}

      {state.progress && running ? (
        <ProgressView
          progress={state.progress}
          rows={state.rows}
          cancelling={state.phase === 'cancelling'}
          writes={{ writing: state.writing, written: state.written, toWrite: state.toWrite }}
        />
      ) : state.phase === 'listing' ? (
        <div className="dim pad">Reading the project…</div>
      ) : state.phase === 'selecting' || state.phase === 'clearingSelects' ? (
        <section className="progress" aria-label="Selects progress">
          {state.selectsProgress ? (
            <CountBar label="Making selects" done={state.selectsProgress.done} total={state.selectsProgress.total} noun="clip" />
          ) : (
            <div className="dim">{state.phase === 'selecting' ? 'Making selects…' : 'Clearing selects…'}</div>
          )}
        </section>
      ) : state.phase === 'clearing' ? (
        <section className="progress" aria-label="Clearing progress">
          {state.clearProgress ? (
            <CountBar label="Clearing ratings" done={state.clearProgress.done} total={state.clearProgress.total} noun="clip" />
          ) : (
            <div className="dim">Reading the selection…</div>
          )}
        </section>
      ) : null}

      {showSettings ? (
        <SettingsView settings={settings} showNodePath={props.showNodePath} onChange={changeSettings} onClose={closeSettings} />
      ) : state.rows.length ? (
        <>
          <FilterBar view={view} counts={counts} onChange={setView} />
          {shown.length ? (
            <ResultsList rows={shown} thresholds={DEFAULT_SETTINGS.thresholds} onReveal={reveal} />
          ) : (
            <p className="empty">No clips match this filter.</p>
          )}
        </>
      ) : !busy ? (
        <div className="empty">
          <p>Select clips or bins in the Project panel, then press <strong>Rate bin</strong>.</p>
          <p className="dim">ClipTriage looks for blur, bad exposure and camera shake, and writes a verdict, a colour label and markers onto each clip.</p>
        </div>
      ) : null}

      <footer className="statusbar dim">{engineWords}</footer>
    </div>
  );
}
