// Make selects / Clear selects, panel side: which subclips to ask for (the usable stretches of the
// clips rated in this panel, by the same rule as the CLI's selects file), sent a chunk of clips per
// host call so Premiere's UI thread is never held long, stoppable between chunks, and what to tell
// the editor afterwards ("12 selects from 7 clips in ClipTriage Selects").

import type { ClipSelectsRequest, ClearSelectsResult, SelectsOutcome } from '../../host-scripts/contract';
import { SELECTS_BIN_NAME } from '../../host-scripts/contract';
import { selectName, usableStretches } from '../../extension/selects/stretches';
import type { HostClient } from '../host/hostClient';
import { plural } from './format';
import { chunksOf } from './hostBatches';
import type { ResultRow } from './results';

/** One request per rated clip, with every usable stretch of at least `minSec` (none is a request too: it removes earlier selects). */
export function selectsRequests(rows: readonly ResultRow[], minSec: number, ratedBy: string): ClipSelectsRequest[] {
  const out: ClipSelectsRequest[] = [];
  for (const r of rows) {
    if (r.status !== 'rated' || !r.report) continue;
    const selects = usableStretches(r.report, minSec).map((s) => ({ name: selectName(r.name, s), startSec: s.startSec, endSec: s.endSec, quality: s.quality }));
    out.push({ nodeId: r.key, selects, ratedBy, camera: r.report.camera ?? null });
  }
  return out;
}

/** Sends the requests `chunkSize` clips at a time; stops between chunks once `signal` is aborted. */
export async function makeSelectsInChunks(
  host: HostClient,
  requests: readonly ClipSelectsRequest[],
  options: { chunkSize: number; hardBoundaries: boolean; signal: AbortSignal },
  onProgress: (done: number, total: number) => void,
): Promise<SelectsOutcome[]> {
  const outcomes: SelectsOutcome[] = [];
  onProgress(0, requests.length);
  for (const chunk of chunksOf(requests, options.chunkSize)) {
    if (options.signal.aborted) break;
    try {
      outcomes.push(...(await host.makeSelects({ clips: chunk, hardBoundaries: options.hardBoundaries })).outcomes);
    } catch (err) {
      outcomes.push(...chunk.map((c) => ({ nodeId: c.nodeId, ok: false, made: 0, replaced: 0, message: (err as Error).message })));
    }
    onProgress(outcomes.length, requests.length);
  }
  return outcomes;
}

export function makeSelectsSummary(outcomes: readonly SelectsOutcome[], total: number, cancelled: boolean): { kind: 'info' | 'warn'; text: string } {
  const ok = outcomes.filter((o) => o.ok);
  const made = ok.reduce((n, o) => n + o.made, 0);
  const fromClips = ok.filter((o) => o.made > 0).length;
  const replaced = ok.reduce((n, o) => n + o.replaced, 0);
  const failed = outcomes.length - ok.length;
  const warned = ok.filter((o) => o.warning).length;
  let text = `${plural(made, 'select')} from ${plural(fromClips, 'clip')} in ${SELECTS_BIN_NAME}.`;
  if (replaced) text += ` ${plural(replaced, 'earlier select')} replaced.`;
  const without = ok.length - fromClips;
  if (without) text += ` ${plural(without, 'clip')} had no usable stretch long enough.`;
  if (failed) text += ` ${plural(failed, 'clip')} could not be done (see the list).`;
  if (warned) text += ` ${plural(warned, 'clip')} with a warning (see the list).`;
  if (cancelled) text = `Cancelled after ${outcomes.length} of ${plural(total, 'clip')}: ${text}`;
  return { kind: failed || warned ? 'warn' : 'info', text };
}

export function clearSelectsSummary(r: ClearSelectsResult): { kind: 'info' | 'warn'; text: string } {
  if (!r.found) return { kind: 'info', text: `There is no ${SELECTS_BIN_NAME} bin in this project: nothing to clear.` };
  let text = r.binDeleted
    ? `Removed ${SELECTS_BIN_NAME} with its ${plural(r.removed, 'select')}.`
    : `Removed ${plural(r.removed, 'select')} from ${SELECTS_BIN_NAME}.`;
  if (r.inUse?.length) text += ` Kept ${plural(r.inUse.length, 'select')} cut into a sequence: ${r.inUse.join(', ')}.`;
  if (r.kept.length) text += ` Kept what you added there: ${r.kept.join(', ')}.`;
  if (r.warning) text += ` ${r.warning}`;
  return { kind: r.warning ? 'warn' : 'info', text };
}
