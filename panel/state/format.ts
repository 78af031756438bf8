// Words and numbers the editor reads: time left, durations, flag names.

import type { Flag, Verdict } from '../../extension/contracts/report';

export function formatEta(sec: number | null): string {
  if (sec === null || !isFinite(sec) || sec < 0) return 'estimating time left…';
  if (sec < 1) return 'almost done';
  if (sec < 60) return `about ${Math.ceil(sec)} s left`;
  const min = Math.round(sec / 60);
  if (min < 60) return `about ${min} min left`;
  const h = Math.floor(min / 60);
  return `about ${h} h ${min % 60} min left`;
}

export function formatTime(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export const FLAG_WORDS: Record<Flag, string> = { blurry: 'Blurry', dark: 'Dark', bright: 'Bright', shaky: 'Shaky' };
export const VERDICT_WORDS: Record<Verdict, string> = { usable: 'Usable', check: 'Check', unusable: 'Unusable' };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
