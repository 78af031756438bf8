// What the panel writes to Premiere for a rated clip: the engine's report in the host contract's
// shape, and the Rated column's words.

import type { ClipReport, EngineInfo } from '../../extension/contracts/report';
import type { ClipRating } from '../../host-scripts/contract';

export function ratedBy(info: EngineInfo | null): string {
  if (!info) return 'ClipTriage';
  const models = Object.keys(info.models)
    .sort()
    .map((k) => `${k} ${info.models[k]}`)
    .join(', ');
  return `ClipTriage ${info.version}${models ? ` (${models})` : ''}`;
}

export function toClipRating(key: string, clip: ClipReport, by: string): ClipRating | null {
  if (clip.status !== 'rated' || !clip.verdict || clip.quality === null) return null;
  return {
    nodeId: key,
    verdict: clip.verdict,
    quality: clip.quality,
    flags: clip.flags.slice(),
    segments: clip.segments,
    ratedBy: by,
    scores: clip.scores,
    camera: clip.camera ?? null,
  };
}
