// Per-frame scores → ~1 s windows → hysteresis per flag → bad segments → clip verdict (Unusable
// only where severe windows cover most of the clip: see `unusableSeverity`).
// Window scores are the mean of the samples inside; a window without samples takes its nearest
// sample (sparse sampling of long clips). Sensitivity scales the thresholds, not the scores, so
// reported scores stay comparable between settings.

import { FLAGS, Flag, FlagScores, Segment, Verdict, WindowScores } from '../contracts/report';
import type { EngineSettings } from '../contracts/settings';
import { quantile } from '../util/ramp';

export interface TimedScores {
  timeSec: number;
  scores: Partial<FlagScores>;
}

export interface Aggregate {
  verdict: Verdict;
  quality: number;
  flags: Flag[];
  scores: FlagScores;
  segments: Segment[];
  windows: WindowScores[];
  worstFrameSec: number;
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function aggregate(durationSec: number, samples: TimedScores[], settings: EngineSettings): Aggregate {
  const ws = settings.windowSec;
  const lastSample = samples.reduce((m, s) => Math.max(m, s.timeSec), 0);
  const duration = Math.max(durationSec, lastSample, 1e-3);
  const nWin = Math.max(1, Math.ceil(duration / ws - 1e-6));
  const windows: WindowScores[] = [];
  for (let i = 0; i < nWin; i++) {
    const startSec = i * ws;
    const endSec = Math.min(duration, (i + 1) * ws);
    const scores = {} as FlagScores;
    for (const f of FLAGS) scores[f] = r3(windowScore(samples, f, startSec, endSec));
    windows.push({ startSec: r3(startSec), endSec: r3(endSec), scores });
  }

  const bad: Record<Flag, boolean[]> = {} as Record<Flag, boolean[]>;
  for (const f of FLAGS) bad[f] = dropShortRuns(hysteresis(windows.map((w) => w.scores[f]), settings, f), windows, settings.minSegmentSec, duration);

  const severe = windows.map((w, i) => FLAGS.some((f) => bad[f][i] && w.scores[f] >= settings.unusableSeverity / Math.max(settings.sensitivity[f], 1e-3)));
  const segments: Segment[] = [];
  let badTime = 0;
  let severeTime = 0;
  for (let i = 0; i < nWin; i++) {
    const flags = FLAGS.filter((f) => bad[f][i]);
    if (!flags.length) continue;
    badTime += windows[i].endSec - windows[i].startSec;
    if (severe[i]) severeTime += windows[i].endSec - windows[i].startSec;
    const last = segments[segments.length - 1];
    if (last && last.endSec === windows[i].startSec && sameFlags(last.flags, flags)) last.endSec = windows[i].endSec;
    else segments.push({ startSec: windows[i].startSec, endSec: windows[i].endSec, flags });
  }
  const badFraction = badTime / duration;
  const flags = FLAGS.filter((f) => bad[f].some(Boolean));
  // The Unusable rule (settings.unusableSeverity): severe problems over most of the clip.
  const verdict: Verdict = severeTime / duration >= settings.unusableFraction - 1e-9 ? 'unusable' : badFraction > 0 ? 'check' : 'usable';

  const scores = {} as FlagScores;
  for (const f of FLAGS) scores[f] = r3(quantile(windows.map((w) => w.scores[f]), 0.9));
  // Quality: 100 minus the mean badness of the windows (a flagged window counts as fully bad).
  let sumBad = 0;
  windows.forEach((w, i) => {
    const worst = Math.max(...FLAGS.map((f) => w.scores[f]));
    sumBad += (FLAGS.some((f) => bad[f][i]) ? 1 : Math.min(1, worst)) * (w.endSec - w.startSec);
  });
  const quality = Math.max(0, Math.min(100, Math.round(100 * (1 - sumBad / duration))));

  let worstFrameSec = 0;
  let worst = -1;
  for (const s of samples) {
    const b = Math.max(...FLAGS.map((f) => s.scores[f] ?? 0));
    if (b > worst) {
      worst = b;
      worstFrameSec = s.timeSec;
    }
  }
  return { verdict, quality, flags, scores, segments, windows, worstFrameSec: r3(worstFrameSec) };
}

function windowScore(samples: TimedScores[], f: Flag, start: number, end: number): number {
  let sum = 0, n = 0;
  let nearest = NaN, nearestDist = Infinity;
  const mid = (start + end) / 2;
  for (const s of samples) {
    const v = s.scores[f];
    if (v === undefined) continue;
    if (s.timeSec >= start && s.timeSec < end) {
      sum += v;
      n++;
    } else {
      const d = Math.abs(s.timeSec - mid);
      if (d < nearestDist) {
        nearestDist = d;
        nearest = v;
      }
    }
  }
  if (n) return sum / n;
  return Number.isNaN(nearest) ? 0 : nearest;
}

function hysteresis(scores: number[], settings: EngineSettings, f: Flag): boolean[] {
  const sens = Math.max(settings.sensitivity[f], 1e-3);
  const on = settings.thresholds[f].on / sens;
  const off = Math.min(on, settings.thresholds[f].off / sens);
  let state = false;
  return scores.map((s) => {
    state = state ? s >= off : s >= on;
    return state;
  });
}

/** Runs shorter than minSegmentSec are dropped, except a run covering a clip shorter than that. */
function dropShortRuns(bad: boolean[], windows: WindowScores[], minSec: number, duration: number): boolean[] {
  const out = bad.slice();
  let i = 0;
  while (i < out.length) {
    if (!out[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < out.length && out[j + 1]) j++;
    const len = windows[j].endSec - windows[i].startSec;
    if (len + 1e-6 < Math.min(minSec, duration)) for (let k = i; k <= j; k++) out[k] = false;
    i = j + 1;
  }
  return out;
}

function sameFlags(a: Flag[], b: Flag[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}
