// The panel's host calls, end to end against the real host script in the Premiere simulator:
// ratings are written a chunk per applyRatings call while the batch runs, with progress shown;
// Clear goes in chunks too; a reveal that could not select the clip says so. The engine here is
// a stand-in that returns fixed reports: what is under test is what reaches Premiere.

import { renderToStaticMarkup } from 'react-dom/server';
import type { RateItem } from '../extension/contracts/protocol';
import type { ClipReport } from '../extension/contracts/report';
import type { BatchHandlers, BatchSummary } from '../panel/engine/batchRun';
import type { EngineClient } from '../panel/engine/engineClient';
import { createHostCall } from '../panel/host/hostCall';
import { HostClient } from '../panel/host/hostClient';
import { RatingSession, SessionState } from '../panel/state/ratingSession';
import { DEFAULT_PANEL_SETTINGS } from '../panel/state/settings';
import { ProgressView } from '../panel/ui/ProgressView';
import { callOk, col, OPTIONS, rating, simWithHost } from './host-helpers';
import type { ApiReadings, ItemSpec, PremiereSim } from './premiere-sim';

const CLIPS = 10;
const CHUNK = DEFAULT_PANEL_SETTINGS.applyChunkSize;
const NAMES = Array.from({ length: CLIPS }, (_, i) => `C${i}`);
const PROJECT: ItemSpec[] = [{ bin: 'Day 1', children: NAMES.map((clip) => ({ clip, durationSec: 6 })) }, { clip: 'Outside' }];

function report(path: string): ClipReport {
  return {
    path,
    status: 'rated',
    error: null,
    media: { durationSec: 6, fps: 25, width: 320, height: 180 },
    framesAnalyzed: 12,
    verdict: 'check',
    quality: 55,
    flags: ['shaky'],
    scores: { blurry: 0.1, dark: 0, bright: 0, shaky: 0.7 },
    segments: [{ startSec: 1, endSec: 2, flags: ['shaky'] }],
  };
}

/** Answers each clip on a later turn of the event loop, so writes overlap the rating as in the panel. */
function standInEngine(): EngineClient {
  const engine = {
    engineInfo: null,
    onStatus: () => () => undefined,
    rate(items: RateItem[], _settings: unknown, handlers: BatchHandlers) {
      const done = (async (): Promise<BatchSummary> => {
        for (const item of items) {
          await new Promise((r) => setTimeout(r, 1));
          handlers.onResult?.(item.key, report(item.path));
        }
        return { cancelled: false, rated: items.length, errors: 0, cached: 0, elapsedSec: 0, restarts: 0, unfinished: [], failure: null };
      })();
      return { id: 'batch', done, cancel: () => undefined };
    },
    thumbnail: () => Promise.resolve(null),
    dispose: () => undefined,
  };
  return engine as unknown as EngineClient;
}

interface Panel {
  sim: PremiereSim;
  session: RatingSession;
  /** Every host call the panel made: function name and arguments, decoded from the evalScript text. */
  calls: Array<{ fn: string; args: unknown[] }>;
  states: SessionState[];
}

function panel(readings: ApiReadings = {}): Panel {
  const sim = simWithHost({ items: PROJECT, selection: ['Day 1'], readings });
  const calls: Panel['calls'] = [];
  const host = new HostClient(
    createHostCall(async (script) => {
      const literal = script.slice(script.indexOf('(') + 1, script.lastIndexOf(')'));
      calls.push(JSON.parse(JSON.parse(literal)));
      return sim.evalScript(script);
    }),
  );
  const session = new RatingSession(host, standInEngine(), () => DEFAULT_PANEL_SETTINGS);
  const states: SessionState[] = [];
  session.store.subscribe(() => states.push(session.state));
  return { sim, session, calls, states };
}

async function idle(session: RatingSession): Promise<void> {
  for (let i = 0; i < 2000 && session.state.phase !== 'idle'; i++) await new Promise((r) => setTimeout(r, 5));
  expect(session.state.phase).toBe('idle');
}

const sizes = (p: Panel, fn: string, key: 'ratings' | 'nodeIds') =>
  p.calls.filter((c) => c.fn === fn).map((c) => ((c.args[0] as Record<string, unknown[]>)[key] ?? []).length);

test('Rate writes a chunk of ratings per applyRatings call while rating, and shows how many are written', async () => {
  const p = panel();
  expect(p.session.rate('selection')).toBe(true);
  await idle(p.session);
  expect(sizes(p, 'applyRatings', 'ratings')).toEqual([4, 4, 2]);
  expect(CHUNK).toBe(4);
  for (const name of NAMES) expect(col(p.sim, name, 'ClipTriageUsability')).toBe('Check');
  // While clips were still being rated, some ratings were already in Premiere and the panel said so.
  const during = p.states.find((s) => s.phase === 'rating' && s.written > 0 && s.written < s.toWrite);
  expect(during).toBeDefined();
  const html = renderToStaticMarkup(
    <ProgressView progress={during!.progress!} rows={during!.rows} cancelling={false} writes={{ writing: during!.writing, written: during!.written, toWrite: during!.toWrite }} />,
  );
  expect(html).toContain('aria-label="Writing to Premiere"');
  expect(html).toContain(`${during!.written} of ${during!.toWrite} ratings`);
});

test('Clear of the listed clips goes a chunk per call and leaves the project as it was', async () => {
  const p = panel();
  const before = p.sim.snapshot();
  p.session.rate('selection');
  await idle(p.session);
  await p.session.clear();
  expect(sizes(p, 'clearRatings', 'nodeIds')).toEqual([4, 4, 2]);
  expect(p.states.some((s) => s.phase === 'clearing' && s.clearProgress !== null && s.clearProgress.done > 0 && s.clearProgress.done < CLIPS)).toBe(true);
  expect(p.session.state.notice).toEqual({ kind: 'info', text: `Cleared ratings from ${CLIPS} clips: labels restored, markers removed.` });
  expect(p.sim.snapshot()).toEqual(before);
});

test('Clear with nothing listed reads the selection page by page and clears it in chunks, counting only rated clips', async () => {
  const p = panel();
  callOk(p.sim, 'applyRatings', { ratings: NAMES.slice(0, 3).map((n) => rating(p.sim, n)), options: OPTIONS });
  await p.session.clear();
  expect(p.calls.map((c) => c.fn)).toEqual(['listClips', 'clearRatings', 'clearRatings', 'clearRatings']);
  expect(p.calls.some((c) => c.fn === 'clearRatings' && 'scope' in (c.args[0] as object))).toBe(false);
  expect(p.session.state.notice?.text).toBe('Cleared ratings from 3 clips: labels restored, markers removed.');
  expect(col(p.sim, 'C0', 'ClipTriageUsability')).toBeUndefined();
});

test.each([
  [{}, null],
  [{ setProjectViewSelection: false }, /open in the Source Monitor\. This version of Premiere cannot select it in the Project panel/],
] as const)('reveal (%j) tells the editor when the clip could not be selected', async (readings, expected) => {
  const p = panel(readings);
  p.session.rate('selection');
  await idle(p.session);
  p.session.dismissNotice();
  await p.session.reveal(p.sim.item('C3').nodeId);
  expect(p.sim.app.sourceMonitor.opened?.name).toBe('C3');
  if (expected) expect(p.session.state.notice).toEqual({ kind: 'info', text: expect.stringMatching(expected) });
  else expect(p.session.state.notice).toBeNull();
});
