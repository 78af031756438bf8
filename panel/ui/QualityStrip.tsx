// The clip's timeline coloured by its per-window scores: green where fine, amber near a threshold,
// red where a problem was found. Lets the editor see *where* a clip goes bad at a glance.

import type { Flag, FlagScores, Segment, WindowScores } from '../../extension/contracts/report';
import { FLAGS } from '../../extension/contracts/report';
import type { Thresholds } from '../../extension/contracts/settings';
import { FLAG_WORDS, formatTime } from '../state/format';

export type WindowLevel = 'good' | 'near' | 'bad';

/** Worst level over the flags, judged against each flag's thresholds. */
export function windowLevel(scores: FlagScores, thresholds: Record<Flag, Thresholds>): WindowLevel {
  let level: WindowLevel = 'good';
  for (const f of FLAGS) {
    const s = scores[f] ?? 0;
    if (s >= thresholds[f].on) return 'bad';
    if (s >= thresholds[f].off) level = 'near';
  }
  return level;
}

function describe(w: WindowScores): string {
  const worst = FLAGS.filter((f) => (w.scores[f] ?? 0) >= 0.2)
    .sort((a, b) => w.scores[b] - w.scores[a])
    .map((f) => `${FLAG_WORDS[f]} ${Math.round(w.scores[f] * 100)}%`);
  return `${formatTime(w.startSec)}–${formatTime(w.endSec)}${worst.length ? `: ${worst.join(', ')}` : ': fine'}`;
}

export function QualityStrip(props: {
  windows: WindowScores[] | undefined;
  segments: Segment[];
  durationSec: number;
  thresholds: Record<Flag, Thresholds>;
}) {
  const { windows, segments, durationSec, thresholds } = props;
  const total = durationSec > 0 ? durationSec : windows?.length ? windows[windows.length - 1].endSec : 0;
  if (!total) return null;
  const pct = (sec: number): string => `${Math.max(0, Math.min(100, (sec / total) * 100))}%`;
  const label = segments.length
    ? `Problems at ${segments.map((s) => `${formatTime(s.startSec)}–${formatTime(s.endSec)} (${s.flags.map((f) => FLAG_WORDS[f]).join(', ')})`).join('; ')}`
    : 'No problem stretches';
  return (
    <div className="strip" role="img" aria-label={label} title={label}>
      {windows && windows.length
        ? windows.map((w, i) => (
            <span
              key={i}
              className={`strip-w strip-${windowLevel(w.scores, thresholds)}`}
              style={{ left: pct(w.startSec), width: pct(w.endSec - w.startSec) }}
              title={describe(w)}
            />
          ))
        : [
            <span key="base" className="strip-w strip-good" style={{ left: '0%', width: '100%' }} />,
            ...segments.map((s, i) => (
              <span key={`s${i}`} className="strip-w strip-bad" style={{ left: pct(s.startSec), width: pct(s.endSec - s.startSec) }} />
            )),
          ]}
    </div>
  );
}
