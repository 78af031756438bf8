// Panel start-up: pick the engine transport for where we run (CEP: a child process; the dev
// harness: a WebSocket), follow the host theme, load settings, and render. Anything missing is
// explained on screen instead of leaving a blank panel.

/// <reference lib="dom" />
import { createRoot } from 'react-dom/client';
import { getCepHost, getNodeRequire } from '../cep/csInterface';
import { cepEngineTransportFactory } from '../engine/cepEngine';
import { EngineClient } from '../engine/engineClient';
import type { TransportFactory } from '../engine/transport';
import { WebSocketTransport } from '../engine/webSocketTransport';
import { createHostCall } from '../host/hostCall';
import { HostClient } from '../host/hostClient';
import { RatingSession } from '../state/ratingSession';
import { WatchSession } from '../state/watchSession';
import { KeyValueStorage, loadSettings, saveSettings } from '../state/settings';
import { App } from '../ui/App';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { applyTheme, themeFromSkin } from '../ui/theme';

interface HarnessGlobal {
  engineUrl: string;
}

function storage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function Problem(props: { title: string; text: string }) {
  return (
    <div className="empty" role="alert">
      <p>
        <strong>{props.title}</strong>
      </p>
      <p>{props.text}</p>
    </div>
  );
}

function main(): void {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const cep = getCepHost();
  const followTheme = (): void => applyTheme(themeFromSkin(cep?.getHostEnvironment()?.appSkinInfo));
  followTheme();
  if (!cep) {
    root.render(<Problem title="ClipTriage runs inside Premiere Pro." text="Open it from Window › Extensions › ClipTriage, or run `npm start` for the browser harness." />);
    return;
  }
  cep.onThemeChange(followTheme);

  let settings = loadSettings(storage());
  const harness = (window as unknown as { __cliptriageHarness?: HarnessGlobal }).__cliptriageHarness;
  const nodeRequire = getNodeRequire();
  const extensionPath = cep.getExtensionPath();
  let factory: TransportFactory;
  // Rate on import has an engine of its own, started below normal OS priority.
  let lowFactory: TransportFactory;
  if (harness) {
    factory = () => new WebSocketTransport(harness.engineUrl);
    lowFactory = () => new WebSocketTransport(`${harness.engineUrl}?priority=low`);
  } else if (nodeRequire && extensionPath) {
    factory = cepEngineTransportFactory(nodeRequire, extensionPath, () => settings.nodePath);
    lowFactory = cepEngineTransportFactory(nodeRequire, extensionPath, () => settings.nodePath, ['--priority=low']);
  } else {
    root.render(
      <Problem
        title="ClipTriage cannot start its rating engine."
        text="This panel needs Node.js enabled (CSXS manifest: --enable-nodejs and --mixed-context). Reinstall ClipTriage."
      />,
    );
    return;
  }

  const engine = new EngineClient(factory);
  const host = new HostClient(createHostCall((script) => cep.evalScript(script)));
  const session = new RatingSession(host, engine, () => settings);
  const watch = new WatchSession({
    host,
    engine: new EngineClient(lowFactory),
    getSettings: () => settings,
    storage: storage(),
    mainBusy: () => session.state.phase !== 'idle',
  });
  cep.onEvent(WatchSession.EVENT_TYPE, (ev) => void watch.onImportEvent(ev.data));
  // The editor's own batch goes first; the queue carries on when it is done.
  session.store.subscribe(() => watch.pump());
  if (settings.rateNewClips) void watch.setEnabled(true);
  // Closing the panel must not leave an engine process behind.
  const disposeAll = (): void => {
    session.dispose();
    watch.dispose();
  };
  window.addEventListener('unload', disposeAll);
  window.addEventListener('beforeunload', disposeAll);

  root.render(
    <ErrorBoundary>
      <App
        session={session}
        initialSettings={settings}
        showNodePath={!harness}
        watch={watch}
        onSettingsChange={(s) => {
          const watchChanged = s.rateNewClips !== settings.rateNewClips;
          settings = s;
          saveSettings(storage(), s);
          if (watchChanged) void watch.setEnabled(s.rateNewClips);
        }}
      />
    </ErrorBoundary>,
  );
}

main();
