// After a batch: groups the rated clips' near-duplicate takes (extension/takes/groupTakes.ts) and
// writes the Take group column and the best-take mark (host applyTakes), a chunk per host call.
// Clips of the batch in no group get our old group value removed (a regroup can dissolve one).

import type { ClipTakes } from '../../host-scripts/contract';
import { groupTakes, isSignature, takeGroupText } from '../../extension/takes/groupTakes';
import type { TakeCandidate } from '../../extension/takes/groupTakes';
import type { HostClient } from '../host/hostClient';
import type { ResultRow } from './results';
import type { PanelSettings } from './settings';

export interface TakesOutcome {
  rows: ResultRow[];
  groups: number;
  grouped: number;
  /** Plain words for clips whose take group could not be written. */
  problems: string[];
}

export function takesFor(rows: readonly ResultRow[], settings: PanelSettings): ClipTakes[] {
  const candidates: TakeCandidate[] = [];
  for (const r of rows) {
    const rep = r.report;
    if (r.status === 'rated' && !r.writeFailed && rep?.quality != null && isSignature(rep.signature)) {
      candidates.push({ key: r.key, name: r.name, quality: rep.quality, signature: rep.signature });
    }
  }
  const groups = groupTakes(candidates, settings.takes);
  return candidates.map((c) => {
    const m = groups.get(c.key);
    return { nodeId: c.key, group: m ? takeGroupText(m) : null, bestTake: !!m?.best };
  });
}

export async function applyTakeGroups(host: HostClient, rows: readonly ResultRow[], settings: PanelSettings): Promise<TakesOutcome> {
  const takes = takesFor(rows, settings);
  const byKey = new Map(takes.map((t) => [t.nodeId, t]));
  const problems: string[] = [];
  const written = new Set<string>();
  for (let i = 0; i < takes.length; i += settings.applyChunkSize) {
    const chunk = takes.slice(i, i + settings.applyChunkSize);
    try {
      const { outcomes } = await host.applyTakes({ takes: chunk });
      for (const o of outcomes) {
        if (o.ok) written.add(o.nodeId);
        else problems.push(o.message ?? 'unknown reason');
      }
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const out = rows.map((r) => {
    const t = byKey.get(r.key);
    return t && written.has(r.key) ? { ...r, takeGroup: t.group, bestTake: t.bestTake } : r;
  });
  const grouped = takes.filter((t) => t.group !== null && written.has(t.nodeId));
  return { rows: out, groups: new Set(grouped.map((t) => t.group!.split(' · ')[0])).size, grouped: grouped.length, problems };
}
