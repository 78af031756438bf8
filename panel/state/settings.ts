// The editor's panel settings: what is sent to the engine, how results are written to Premiere,
// and where the Node runtime is. Persisted in localStorage; anything unreadable or out of range
// falls back to the default instead of breaking the panel.

import { FLAGS } from '../../extension/contracts/report';
import type { Flag, Verdict } from '../../extension/contracts/report';
import { DEFAULT_SETTINGS, DEFAULT_TAKE_SETTINGS } from '../../extension/contracts/settings';
import { DEFAULT_SELECTS_SETTINGS, SELECTS_MIN_SEC_RANGE } from '../../extension/contracts/selects';
import type { SelectsSettings } from '../../extension/contracts/selects';
import type { DeepPartial, EngineSettings, FootageMode, TakeGroupSettings } from '../../extension/contracts/settings';
import { DEFAULT_LABEL_MAP } from '../../host-scripts/contract';
import type { ApplyOptions } from '../../host-scripts/contract';

export const SETTINGS_STORAGE_KEY = 'cliptriage.panel.settings/1';

export const SENSITIVITY_RANGE = { min: 0.5, max: 1.5, step: 0.1 } as const;
export const SAMPLE_FPS_CHOICES = [0.5, 1, 2, 4, 8] as const;
/** Shortest select choices in the settings (seconds); a stored value outside them is kept and shown too. */
export const SELECTS_MIN_SEC_CHOICES = [1, 2, 3, 5, 8, 10] as const;
export const FOOTAGE_MODES: readonly FootageMode[] = ['auto', 'standard', 'log', 'hdr'];

export interface PanelSettings {
  sensitivity: Record<Flag, number>;
  sampleFps: number;
  footageMode: FootageMode;
  labelMap: Record<Verdict, number>;
  writeLabels: boolean;
  /** Keep colour labels the editor set by hand (the default). */
  respectManualLabels: boolean;
  writeMarkers: boolean;
  /** Path to a Node.js runtime for the engine; empty = find one automatically. */
  nodePath: string;
  /** Clips written to Premiere per applyRatings call (keeps Premiere's UI thread responsive). */
  applyChunkSize: number;
  /** Make selects: shortest usable stretch that becomes a subclip, and hard subclip boundaries. */
  selects: SelectsSettings;
  /** Rate clips as they are imported into the project, in the background at low priority (watch mode). */
  rateNewClips: boolean;
  /** Group near-duplicate takes after a batch (Take group column, best take marked). */
  groupTakes: boolean;
  takes: TakeGroupSettings;
}

export const DEFAULT_PANEL_SETTINGS: PanelSettings = {
  sensitivity: { ...DEFAULT_SETTINGS.sensitivity },
  sampleFps: DEFAULT_SETTINGS.sampleFps,
  footageMode: DEFAULT_SETTINGS.footageMode,
  labelMap: { ...DEFAULT_LABEL_MAP },
  writeLabels: true,
  respectManualLabels: true,
  writeMarkers: true,
  nodePath: '',
  applyChunkSize: 4,
  selects: { ...DEFAULT_SELECTS_SETTINGS },
  rateNewClips: false,
  groupTakes: true,
  takes: { ...DEFAULT_TAKE_SETTINGS },
};

function num(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && isFinite(v) && v >= min && v <= max ? v : fallback;
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

/** Validates stored data field by field; unknown or bad fields take their defaults. */
export function sanitizeSettings(raw: unknown): PanelSettings {
  const d = DEFAULT_PANEL_SETTINGS;
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sens = (r.sensitivity && typeof r.sensitivity === 'object' ? r.sensitivity : {}) as Record<string, unknown>;
  const labels = (r.labelMap && typeof r.labelMap === 'object' ? r.labelMap : {}) as Record<string, unknown>;
  const takes = (r.takes && typeof r.takes === 'object' ? r.takes : {}) as Record<string, unknown>;
  const sensitivity = {} as Record<Flag, number>;
  for (const f of FLAGS) sensitivity[f] = num(sens[f], SENSITIVITY_RANGE.min, SENSITIVITY_RANGE.max, d.sensitivity[f]);
  const labelMap = {} as Record<Verdict, number>;
  for (const v of ['usable', 'check', 'unusable'] as Verdict[]) {
    const x = labels[v];
    labelMap[v] = typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 15 ? x : d.labelMap[v];
  }
  return {
    sensitivity,
    sampleFps: num(r.sampleFps, 0.1, 30, d.sampleFps),
    footageMode: FOOTAGE_MODES.indexOf(r.footageMode as FootageMode) >= 0 ? (r.footageMode as FootageMode) : d.footageMode,
    labelMap,
    writeLabels: bool(r.writeLabels, d.writeLabels),
    respectManualLabels: bool(r.respectManualLabels, d.respectManualLabels),
    writeMarkers: bool(r.writeMarkers, d.writeMarkers),
    nodePath: typeof r.nodePath === 'string' ? r.nodePath : d.nodePath,
    applyChunkSize: Math.round(num(r.applyChunkSize, 1, 50, d.applyChunkSize)),
    selects: sanitizeSelects(r.selects, d.selects),
    rateNewClips: bool(r.rateNewClips, d.rateNewClips),
    groupTakes: bool(r.groupTakes, d.groupTakes),
    takes: {
      maxHashBits: num(takes.maxHashBits, 0, 64, d.takes.maxHashBits),
      maxHistogramDistance: num(takes.maxHistogramDistance, 0, 1, d.takes.maxHistogramDistance),
      maxGapMinutes: num(takes.maxGapMinutes, 0, 100000, d.takes.maxGapMinutes),
    },
  };
}

function sanitizeSelects(raw: unknown, d: SelectsSettings): SelectsSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { minSec: num(r.minSec, SELECTS_MIN_SEC_RANGE.min, SELECTS_MIN_SEC_RANGE.max, d.minSec), hardBoundaries: bool(r.hardBoundaries, d.hardBoundaries) };
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadSettings(storage: KeyValueStorage | null): PanelSettings {
  if (!storage) return sanitizeSettings(null);
  try {
    const text = storage.getItem(SETTINGS_STORAGE_KEY);
    return sanitizeSettings(text ? JSON.parse(text) : null);
  } catch {
    return sanitizeSettings(null);
  }
}

/** Stores `value` as JSON; false when there is no storage or it refused (full, disabled). */
export function storeJson(storage: KeyValueStorage | null, key: string, value: unknown): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Returns false when the storage refused (full, disabled); the settings still apply this session. */
export function saveSettings(storage: KeyValueStorage | null, settings: PanelSettings): boolean {
  return storeJson(storage, SETTINGS_STORAGE_KEY, settings);
}

/** The part of the settings the engine's `rate` request carries. */
export function toEngineSettings(s: PanelSettings): DeepPartial<EngineSettings> {
  return { sensitivity: { ...s.sensitivity }, sampleFps: s.sampleFps, footageMode: s.footageMode };
}

export function toApplyOptions(s: PanelSettings): ApplyOptions {
  return {
    labelMap: { ...s.labelMap },
    overrideManualLabels: !s.respectManualLabels,
    writeMarkers: s.writeMarkers,
    writeLabels: s.writeLabels,
  };
}
