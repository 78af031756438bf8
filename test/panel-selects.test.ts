// Panel side of Make selects: the requests it builds from the rated rows, chunked host calls that
// stop between chunks on Cancel, and the editor's summary. The host here is the built host script
// in the simulator (evalScript), not a stand-in.
import { buildHostCall, parseHostReply } from '../host-scripts/call';
import type { HostFunction } from '../host-scripts/contract';
import type { ClipReport } from '../extension/contracts/report';
import { HostClient, HostError } from '../panel/host/hostClient';
import { clearSelectsSummary, makeSelectsInChunks, makeSelectsSummary, selectsRequests } from '../panel/state/selects';
import { rowFromListing } from '../panel/state/results';
import type { ResultRow } from '../panel/state/results';
import { simWithHost } from './host-helpers';
import type { PremiereSim } from './premiere-sim';

function hostFor(sim: PremiereSim, onCall?: () => void): HostClient {
  return new HostClient((async (fn: HostFunction, ...args: unknown[]) => {
    onCall?.();
    const r = parseHostReply(sim.evalScript(buildHostCall(fn, args as never)));
    if (!r.ok) throw new HostError(r.error);
    return r.value;
  }) as never);
}

function ratedRow(sim: PremiereSim, name: string, durationSec: number, segments: ClipReport['segments']): ResultRow {
  const row = rowFromListing({ nodeId: sim.item(name).nodeId, name, mediaPath: '/m/' + name, treePath: '', durationSec, colorLabel: 1, previousRating: null, footageTag: null });
  const report: ClipReport = { path: '/m/' + name, status: 'rated', error: null, media: { durationSec, fps: 25, width: 1, height: 1 }, framesAnalyzed: 1, verdict: 'check', quality: 60, flags: [], scores: null, segments, camera: 'smooth-move' };
  return { ...row, status: 'rated', report };
}

test('requests: the rated rows only, each with its usable stretches named after the row', () => {
  const sim = simWithHost({ items: [{ clip: 'A', durationSec: 10 }, { clip: 'B', durationSec: 10 }] });
  const rows = [ratedRow(sim, 'A', 10, [{ startSec: 4, endSec: 5, flags: ['blurry'] }]), { ...ratedRow(sim, 'B', 10, []), status: 'error' as const }];
  const req = selectsRequests(rows, 2, 'ClipTriage 0.1.0');
  expect(req).toEqual([
    {
      nodeId: sim.item('A').nodeId,
      ratedBy: 'ClipTriage 0.1.0',
      camera: 'smooth-move',
      selects: [
        { name: 'A · select 1 (0:00–0:04)', startSec: 0, endSec: 4, quality: 60 },
        { name: 'A · select 2 (0:05–0:10)', startSec: 5, endSec: 10, quality: 60 },
      ],
    },
  ]);
});

test('chunks go one host call at a time; Cancel stops before the next chunk, and the summary says so', async () => {
  const sim = simWithHost({ items: ['A', 'B', 'C', 'D', 'E'].map((n) => ({ clip: n, durationSec: 10 })) });
  const rows = ['A', 'B', 'C', 'D', 'E'].map((n) => ratedRow(sim, n, 10, []));
  const ac = new AbortController();
  let calls = 0;
  const progress: Array<[number, number]> = [];
  const outcomes = await makeSelectsInChunks(hostFor(sim, () => ++calls === 2 && ac.abort()), selectsRequests(rows, 2, 'x'), { chunkSize: 2, hardBoundaries: false, signal: ac.signal }, (d, t) => progress.push([d, t]));
  expect(calls).toBe(2);
  expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
  expect(progress).toEqual([[0, 5], [2, 5], [4, 5]]);
  expect(sim.items().filter((i) => i.kind === 'subclip')).toHaveLength(4);
  expect(makeSelectsSummary(outcomes, 5, true)).toEqual({ kind: 'info', text: 'Cancelled after 4 of 5 clips: 4 selects from 4 clips in ClipTriage Selects.' });
  const again = await makeSelectsInChunks(hostFor(sim), selectsRequests(rows, 2, 'x'), { chunkSize: 4, hardBoundaries: false, signal: new AbortController().signal }, () => {});
  expect(makeSelectsSummary(again, 5, false).text).toBe('5 selects from 5 clips in ClipTriage Selects. 4 earlier selects replaced.');
  expect(clearSelectsSummary(await hostFor(sim).clearSelects())).toEqual({ kind: 'info', text: 'Removed ClipTriage Selects with its 5 selects.' });
  expect(clearSelectsSummary(await hostFor(sim).clearSelects()).text).toBe('There is no ClipTriage Selects bin in this project: nothing to clear.');
});
