// Combines per-frame scores of the classical and the learned analysers. A learned score is
// preferred where present, but the classical analysers stay a guard: the learned score is kept
// within `learnedGuardMargin` of the classical one. The classical scores saturate only on clear
// evidence (a sharp region anywhere in the frame, a histogram piled against black), so the model
// decides the ambiguous middle while it cannot call a frame with a sharp region blurry, nor a
// clearly defocused frame sharp. In log/HDR modes exposure is judged by the curve-aware classical
// analyser alone (the models were trained on standard footage).

import type { Flag, FlagScores } from '../contracts/report';
import type { AnalysisContext, FrameScores } from './types';

export function combineScores(classical: FrameScores, learned: FrameScores, ctx: AnalysisContext): Partial<FlagScores> {
  const out: Partial<FlagScores> = { ...classical };
  const margin = ctx.settings.tuning.learnedGuardMargin;
  for (const f of Object.keys(learned) as Flag[]) {
    const l = learned[f];
    if (l === undefined || !Number.isFinite(l)) continue;
    if ((f === 'dark' || f === 'bright') && ctx.footageMode !== 'standard') continue;
    const c = classical[f];
    out[f] = c === undefined ? l : Math.max(c - margin, Math.min(l, c + margin));
  }
  return out;
}

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
