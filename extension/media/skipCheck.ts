// Whether a full decode may skip every B-frame (`-skip_frame bidir`) on this clip without changing
// a single decoded picture. Skipping B-frames is exact only where no kept frame references one:
// x264's P-frames never do, x265's do (its B-pyramid references turn into "Could not find ref"
// and smeared pictures). Encoders normally keep one reference structure throughout a stream, so
// the clip's first second, decoded both ways, is taken to decide for the whole clip.

import type { EngineSettings } from '../contracts/settings';
import { Binaries, frameHashes } from './ffmpeg';
import type { ProbedMedia } from './probe';

export type SkipFrames = 'noref' | 'bidir' | 'none';

export interface SkipChoice {
  mode: SkipFrames;
  /** Seconds at the start decoded both ways to choose (null: no check ran). */
  checkedSec: number | null;
}

/** The skip mode a fixed-rate decode of this clip uses (resolving `auto` by a check when it pays). */
export async function resolveSkipFrames(bins: Binaries, probed: ProbedMedia, settings: EngineSettings, signal?: AbortSignal): Promise<SkipChoice> {
  const t = settings.tuning;
  if (t.skipFrames !== 'auto') return { mode: t.skipFrames, checkedSec: null };
  // Interlaced files decode everything anyway; without B-frames both modes skip the same; on
  // short clips the check would cost more than it saves.
  if (probed.interlaced || !probed.hasBFrames || !(probed.media.durationSec >= t.skipCheckMinSec)) return { mode: 'noref', checkedSec: null };
  const exact = await bidirIsExact(bins, probed.path, t.skipCheckSec, signal);
  return { mode: exact ? 'bidir' : 'noref', checkedSec: t.skipCheckSec };
}

/** ffmpeg input arguments of one side of the check (the benchmark's floor decodes the same). */
export function skipCheckInputArgs(skip: 'noref' | 'bidir', seconds: number): string[] {
  return ['-threads', '1', '-skip_frame', skip, '-t', seconds.toFixed(3)];
}

/**
 * Decodes the first `seconds` of `file` with `noref` (exact by definition) and with `bidir`, side by
 * side, and compares every picture the `bidir` decode produced. Any difference, a missing frame,
 * too few frames to judge or a failed decode means no.
 */
export async function bidirIsExact(bins: Binaries, file: string, seconds: number, signal?: AbortSignal): Promise<boolean> {
  const decode = (skip: 'noref' | 'bidir') => frameHashes(bins, file, skipCheckInputArgs(skip, seconds), signal);
  let reference: Map<string, string>, skipped: Map<string, string>;
  try {
    [reference, skipped] = await Promise.all([decode('noref'), decode('bidir')]);
  } catch (e) {
    if (signal?.aborted) throw e;
    return false;
  }
  if (skipped.size < 3) return false;
  for (const [pts, hash] of skipped) if (reference.get(pts) !== hash) return false;
  return true;
}
