// Settings arrive from the panel and the command line: a value of the wrong type or outside a
// workable range falls back to its default (with a note), instead of failing every clip later.

import { DEFAULT_SETTINGS, EngineSettings, FOOTAGE_MODES, SKIP_FRAMES } from '../contracts/settings';

const RANGES: Partial<Record<keyof EngineSettings, [number, number]>> = {
  sampleFps: [0.05, 60],
  analysisWidth: [64, 1920],
  motionFps: [1, 60],
  motionWidth: [32, 640],
  windowSec: [0.25, 30],
  minSegmentSec: [0, 3600],
  unusableFraction: [0, 1],
  concurrency: [1, 32],
  clipTimeoutSec: [0, 7 * 24 * 3600],
};

export function checkSettings(s: EngineSettings): { settings: EngineSettings; notes: string[] } {
  const out = { ...s } as EngineSettings;
  const notes: string[] = [];
  const rec = out as unknown as Record<string, unknown>;
  for (const [key, [lo, hi]] of Object.entries(RANGES) as Array<[keyof EngineSettings, [number, number]]>) {
    const v = rec[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
      rec[key] = DEFAULT_SETTINGS[key];
      notes.push(`setting ${key}=${JSON.stringify(v)} is not between ${lo} and ${hi}; using ${JSON.stringify(DEFAULT_SETTINGS[key])}`);
    }
  }
  if (!FOOTAGE_MODES.includes(out.footageMode)) {
    notes.push(`setting footageMode=${JSON.stringify(out.footageMode)} is unknown; using auto`);
    out.footageMode = 'auto';
  }
  if (typeof out.hwDecode !== 'string' || !/^[a-z0-9_]{1,32}$/.test(out.hwDecode)) {
    notes.push(`setting hwDecode=${JSON.stringify(out.hwDecode)} is not auto, off or an ffmpeg hwaccel name; using auto`);
    out.hwDecode = 'auto';
  }
  const hc = out.hwDecodeCheck;
  if (!hc || !(hc.seconds >= 0.2 && hc.seconds <= 10) || !(hc.minClipSec >= 0) || !(hc.minSpeedup >= 0)) {
    notes.push(`setting hwDecodeCheck=${JSON.stringify(hc)} is out of range (seconds 0.2–10, minClipSec ≥ 0, minSpeedup ≥ 0); using the defaults`);
    out.hwDecodeCheck = { ...DEFAULT_SETTINGS.hwDecodeCheck };
  }
  const t = out.tuning;
  if (!Number.isInteger(t.decodeProcesses) || t.decodeProcesses < 1 || t.decodeProcesses > 16) {
    notes.push(`setting tuning.decodeProcesses=${JSON.stringify(t.decodeProcesses)} is not a whole number from 1 to 16; using ${DEFAULT_SETTINGS.tuning.decodeProcesses}`);
    out.tuning = { ...t, decodeProcesses: DEFAULT_SETTINGS.tuning.decodeProcesses };
  }
  if (!SKIP_FRAMES.includes(out.tuning.skipFrames)) {
    notes.push(`setting tuning.skipFrames=${JSON.stringify(out.tuning.skipFrames)} is unknown; using ${DEFAULT_SETTINGS.tuning.skipFrames}`);
    out.tuning = { ...out.tuning, skipFrames: DEFAULT_SETTINGS.tuning.skipFrames };
  }
  return { settings: out, notes };
}
