// The Make selects / Clear selects runs of the rating session: progress and the outcome in the
// session's store, per-clip problems under the clip's row. The session has set the phase; these
// always put it back to idle.

import type { SelectsOutcome } from '../../host-scripts/contract';
import { HostClient, HostError } from '../host/hostClient';
import type { SessionState } from './ratingSession';
import { clearSelectsSummary, makeSelectsInChunks, makeSelectsSummary, selectsRequests } from './selects';
import type { PanelSettings } from './settings';
import type { Store } from './store';

function errorNotice(err: unknown, what: string): SessionState['notice'] {
  return err instanceof HostError ? { kind: 'warn', text: err.message } : { kind: 'error', text: `${what}: ${(err as Error).message}` };
}

export async function runMakeSelects(host: HostClient, store: Store<SessionState>, settings: PanelSettings, by: string, signal: AbortSignal): Promise<void> {
  const requests = selectsRequests(store.get().rows, settings.selects.minSec, by);
  if (!requests.length) {
    store.set({ phase: 'idle', notice: { kind: 'info', text: 'Rate clips first: Make selects cuts the usable stretches of the clips rated in this panel.' } });
    return;
  }
  try {
    const outcomes = await makeSelectsInChunks(host, requests, { chunkSize: settings.applyChunkSize, hardBoundaries: settings.selects.hardBoundaries, signal }, (done, total) =>
      store.set({ selectsProgress: { done, total } }),
    );
    const byKey = new Map<string, SelectsOutcome>(outcomes.map((o) => [o.nodeId, o]));
    store.set((s) => ({
      phase: 'idle',
      selectsProgress: null,
      notice: makeSelectsSummary(outcomes, requests.length, signal.aborted && outcomes.length < requests.length),
      rows: s.rows.map((r) => {
        const o = byKey.get(r.key);
        if (!o || (o.ok && !o.warning)) return r;
        return { ...r, message: o.ok ? `Selects: ${o.warning}` : `Selects not made: ${o.message ?? 'unknown reason'}` };
      }),
    }));
  } catch (err) {
    store.set({ phase: 'idle', selectsProgress: null, notice: errorNotice(err, 'Could not make selects') });
  }
}

export async function runClearSelects(host: HostClient, store: Store<SessionState>): Promise<void> {
  try {
    store.set({ phase: 'idle', notice: clearSelectsSummary(await host.clearSelects()) });
  } catch (err) {
    store.set({ phase: 'idle', notice: errorNotice(err, 'Could not clear selects') });
  }
}
