// Usable stretches of a rated clip: what lies between the report's bad segments, snapped inward to
// whole frames, at least `minSec` long. Shared by the CLI's selects file and the panel's Make
// selects, so both always cut the same ranges.

import { FLAGS } from '../contracts/report';
import type { ClipReport, WindowScores } from '../contracts/report';
import type { Stretch } from '../contracts/selects';

/** Frames per second used when a report has no usable rate (never for real clips: probe gives one). */
const FALLBACK_FPS = 25;
/** Float slack when snapping to frames: a time within this of a frame boundary is on it. */
const FRAME_EPS = 1e-6;

export function clipFps(clip: ClipReport): number {
  const fps = clip.media?.fps ?? 0;
  return Number.isFinite(fps) && fps > 0 ? fps : FALLBACK_FPS;
}

/** 0–100 over the windows overlapping [start, end], weighted by overlap; the clip's quality when it has none. */
function stretchQuality(windows: WindowScores[] | undefined, start: number, end: number, fallback: number): number {
  let sum = 0;
  let len = 0;
  for (const w of windows ?? []) {
    const overlap = Math.min(end, w.endSec) - Math.max(start, w.startSec);
    if (overlap <= 0) continue;
    const worst = Math.max(...FLAGS.map((f) => w.scores[f] ?? 0));
    sum += Math.min(1, worst) * overlap;
    len += overlap;
  }
  if (!len) return fallback;
  return Math.max(0, Math.min(100, Math.round(100 * (1 - sum / len))));
}

/** The clip's usable stretches of at least `minSec`; none for a clip that was not rated. */
export function usableStretches(clip: ClipReport, minSec: number): Stretch[] {
  if (clip.status !== 'rated' || !clip.media || !(clip.media.durationSec > 0)) return [];
  const fps = clipFps(clip);
  const duration = clip.media.durationSec;
  const lastFrame = Math.floor(duration * fps + FRAME_EPS);
  const bad = clip.segments.slice().sort((a, b) => a.startSec - b.startSec);
  const gaps: Array<[number, number]> = [];
  let cursor = 0;
  for (const s of bad) {
    if (s.startSec > cursor) gaps.push([cursor, s.startSec]);
    cursor = Math.max(cursor, s.endSec);
  }
  if (cursor < duration) gaps.push([cursor, duration]);
  const out: Stretch[] = [];
  for (const [a, b] of gaps) {
    const startFrame = Math.max(0, Math.ceil(a * fps - FRAME_EPS));
    const endFrame = Math.min(lastFrame, Math.floor(b * fps + FRAME_EPS));
    if (endFrame <= startFrame) continue;
    const startSec = startFrame / fps;
    const endSec = endFrame / fps;
    if (endSec - startSec + FRAME_EPS < minSec) continue;
    out.push({ index: out.length + 1, startSec, endSec, startFrame, endFrame, quality: stretchQuality(clip.windows, startSec, endSec, clip.quality ?? 0) });
  }
  return out;
}

/** "0:04", "12:09", "1:02:03": whole seconds, rounded. */
export function clockTime(sec: number): string {
  const total = Math.max(0, Math.round(sec));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "<clip> · select 1 (0:04–0:11)": the subclip's name in Premiere and the select's name in the CSV. */
export function selectName(clipName: string, s: Pick<Stretch, 'index' | 'startSec' | 'endSec'>): string {
  return `${clipName} · select ${s.index} (${clockTime(s.startSec)}–${clockTime(s.endSec)})`;
}
