// Combines the per-frame scores of the analysers: each flag from the analyser that knows it, and a
// dark frame's blur evidence dropped.

import type { Flag, FlagScores } from '../contracts/report';
import type { AnalysisContext, FrameScores } from './types';

/** Merges the score objects several analysers returned for the same frame (later ones win a tie by max). */
export function mergeScores(parts: FrameScores[]): FrameScores {
  const out: FrameScores = {};
  for (const p of parts) for (const f of Object.keys(p) as Flag[]) {
    const v = p[f];
    if (v !== undefined && Number.isFinite(v)) out[f] = Math.max(out[f] ?? 0, v);
  }
  return out;
}

/**
 * A frame dark enough to be flagged Dark gives no blur evidence: encoders smooth the shadows
 * first, so its edges look soft whatever the focus, and "Dark, Blurry" would be a wrong second flag.
 */
export function withoutBlurWhereDark(scores: Partial<FlagScores>, ctx: AnalysisContext): Partial<FlagScores> {
  if ((scores.dark ?? 0) < ctx.settings.tuning.blurIgnoredFromDark || scores.blurry === undefined) return scores;
  const { blurry: _ignored, ...rest } = scores;
  return rest;
}
