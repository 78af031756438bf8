// A per-clip footage mode from the Footage column the editor fills in in Premiere's Project panel.
// Free text, because editors type what their camera calls it — "S-Log3", "V-Log", "LogC4",
// "C-Log 2", "HLG", "PQ", "Rec.709" — so the tag is matched by what it names, not spelled exactly.

import { FootageMode } from '../../extension/contracts/settings';

export interface FootageTag {
  /** The mode the clip is rated in; null: the panel's setting (empty or not understood). */
  mode: FootageMode | null;
  /** Plain words for the clip's row; null when the column is empty. */
  note: string | null;
}

const MODE_WORDS: Record<FootageMode, string> = { auto: 'auto-detected', standard: 'standard (Rec.709)', log: 'log', hdr: 'HDR' };

/** HDR first: "Hybrid Log-Gamma" names a log-like curve but is HDR. */
const RULES: ReadonlyArray<[RegExp, FootageMode]> = [
  [/^auto$/, 'auto'],
  [/hlg|hybridlog|pq|2084|2100|hdr|dolbyvision/, 'hdr'],
  [/log/, 'log'],
  [/709|601|sdr|standard|normal|srgb|gamma/, 'standard'],
];

export function parseFootageTag(tag: string | null): FootageTag {
  if (tag === null || !tag.trim()) return { mode: null, note: null };
  const shown = tag.trim().slice(0, 40);
  const key = tag.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const [re, mode] of RULES) {
    if (re.test(key)) return { mode, note: `Rated as ${MODE_WORDS[mode]} footage (Footage column: “${shown}”).` };
  }
  return { mode: null, note: `Footage column “${shown}” not understood (write Log, HDR or Rec.709): rated as the panel's setting.` };
}
