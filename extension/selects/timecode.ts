// SMPTE timecode for EDLs: frame counts ↔ "HH:MM:SS:FF" at an integer timebase, with drop-frame
// (";" before the frames) for 29.97 and 59.94 footage, where the labels skip frames 0 and 1 (or 0–3)
// of every minute except each tenth so that the labels keep pace with the clock.

export interface Timebase {
  /** Frames per timecode second (30 for 29.97). */
  fps: number;
  dropFrame: boolean;
}

/** The timebase a clip's frame rate counts in: 29.97 → 30, 23.976 → 24, 25 → 25. */
export function timebaseOf(fps: number, dropFrame = false): Timebase {
  const base = Math.max(1, Math.round(fps));
  return { fps: base, dropFrame: dropFrame && (base === 30 || base === 60) };
}

function dropPerMinute(tb: Timebase): number {
  return tb.dropFrame ? (tb.fps === 60 ? 4 : 2) : 0;
}

const two = (n: number) => String(n).padStart(2, '0');

export function framesToTimecode(frames: number, tb: Timebase): string {
  let f = Math.max(0, Math.round(frames));
  const drop = dropPerMinute(tb);
  if (drop) {
    const perTenMin = tb.fps * 600 - drop * 9;
    const perMin = tb.fps * 60 - drop;
    const tens = Math.floor(f / perTenMin);
    const rest = f % perTenMin;
    f += drop * 9 * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMin) : 0);
  }
  const ff = f % tb.fps;
  const totalSec = Math.floor(f / tb.fps);
  const hh = Math.floor(totalSec / 3600) % 24;
  return `${two(hh)}:${two(Math.floor(totalSec / 60) % 60)}:${two(totalSec % 60)}${tb.dropFrame ? ';' : ':'}${two(ff)}`;
}

/** Frame count of a timecode label ("10:00:00:00", "01:00:00;02"); null when it is not one. */
export function timecodeToFrames(tc: string, tb: Timebase): number | null {
  const m = /^(\d{1,2}):(\d{2}):(\d{2})[:;.](\d{2})$/.exec(tc.trim());
  if (!m) return null;
  const [hh, mm, ss, ff] = m.slice(1).map(Number);
  if (mm > 59 || ss > 59 || ff >= tb.fps) return null;
  const totalMin = hh * 60 + mm;
  const drop = dropPerMinute(tb);
  return (totalMin * 60 + ss) * tb.fps + ff - drop * (totalMin - Math.floor(totalMin / 10));
}

/** Whether a camera timecode label is drop-frame (";" or "." before the frames). */
export function isDropFrameLabel(tc: string | undefined): boolean {
  return !!tc && /[;.]\d{2}$/.test(tc.trim());
}
