// Host calls sized for Premiere's UI thread: ExtendScript runs there, so a call over a whole
// 10,000-clip bin would freeze Premiere until it returned. Listing goes a page at a time, clearing
// a chunk of clips at a time, one call after the other; each reports how far it has got.

import type { ClipWriteOutcome, ListClipsResult, RevealResult, Scope } from '../../host-scripts/contract';
import type { HostClient } from '../host/hostClient';
import type { Notice } from './ratingSession';

/** Items per listClips call. */
export const LIST_PAGE_SIZE = 200;

export function chunksOf<T>(list: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += step) out.push(list.slice(i, i + step));
  return out;
}

/** Reads the whole scope, page by page. */
export async function listAll(host: HostClient, scope: Scope): Promise<ListClipsResult> {
  const all: ListClipsResult = { clips: [], skipped: [] };
  let cursor: string | null = null;
  for (;;) {
    const page: ListClipsResult = await host.listClips(scope, { cursor, max: LIST_PAGE_SIZE });
    all.clips.push(...page.clips);
    all.skipped.push(...page.skipped);
    cursor = page.nextCursor ?? null;
    if (!cursor) return all;
  }
}

/**
 * Clears these clips `chunkSize` at a time. A chunk the host refuses as a whole gives each of its
 * clips that error; the chunks after it are still sent.
 */
export async function clearInChunks(
  host: HostClient,
  nodeIds: readonly string[],
  chunkSize: number,
  onProgress: (done: number, total: number) => void,
): Promise<ClipWriteOutcome[]> {
  const outcomes: ClipWriteOutcome[] = [];
  onProgress(0, nodeIds.length);
  for (const chunk of chunksOf(nodeIds, chunkSize)) {
    try {
      outcomes.push(...(await host.clearRatings({ nodeIds: chunk })).outcomes);
    } catch (err) {
      outcomes.push(...chunk.map((nodeId) => ({ nodeId, ok: false, message: (err as Error).message })));
    }
    onProgress(outcomes.length, nodeIds.length);
  }
  return outcomes;
}

/** What to tell the editor after a reveal, or null when it did all it should. */
export function revealNotice(name: string, result: RevealResult): Notice | null {
  if (result.opened && result.selected) return null;
  if (result.opened) {
    return { kind: 'info', text: `“${name}” is open in the Source Monitor. This version of Premiere cannot select it in the Project panel from a script.` };
  }
  if (result.selected) return { kind: 'warn', text: `“${name}” is selected in the Project panel, but Premiere could not open it in the Source Monitor.` };
  return { kind: 'warn', text: `Premiere could not show “${name}”.` };
}
