// The panel's pure logic: results sorting/filtering, settings persistence and validation, the
// words it shows, and the theme it derives from Premiere's skin.

import type { ClipReport, Flag, Verdict } from '../extension/contracts/report';
import type { CepAppSkinInfo } from '../panel/cep/csinterface';
import { fileUriToPath } from '../panel/cep/csInterface';
import { LineSplitter } from '../panel/engine/ndjson';
import { parseEvent } from '../panel/engine/transport';
import { formatEta } from '../panel/state/format';
import { parseFootageTag } from '../panel/state/footage';
import { filterRows, ResultRow, rowFromListing, sortRows, verdictCounts } from '../panel/state/results';
import {
  DEFAULT_PANEL_SETTINGS,
  KeyValueStorage,
  loadSettings,
  sanitizeSettings,
  saveSettings,
  SETTINGS_STORAGE_KEY,
  toApplyOptions,
  toEngineSettings,
} from '../panel/state/settings';
import { ratedBy, toClipRating } from '../panel/state/ratingSession';
import { luminance, themeFromSkin } from '../panel/ui/theme';

function report(verdict: Verdict | null, quality: number | null, flags: Flag[], error?: string): ClipReport {
  return {
    path: '/x.mov',
    status: error ? 'error' : 'rated',
    error: error ? { code: 'truncated', message: error } : null,
    media: error ? null : { durationSec: 4, fps: 25, width: 320, height: 180 },
    framesAnalyzed: error ? 0 : 8,
    verdict,
    quality,
    flags,
    scores: error ? null : { blurry: flags.includes('blurry') ? 0.9 : 0.1, dark: 0, bright: 0, shaky: 0 },
    segments: flags.length ? [{ startSec: 1, endSec: 3, flags }] : [],
  };
}

function row(name: string, rep: ClipReport | null): ResultRow {
  const r = rowFromListing({ nodeId: `id-${name}`, name, mediaPath: `/m/${name}.mov`, treePath: 'Day 1', durationSec: 4, colorLabel: 1, previousRating: null, footageTag: null });
  return rep ? { ...r, report: rep, status: rep.status === 'rated' ? 'rated' : 'error', message: rep.error?.message ?? null } : r;
}

describe('results list', () => {
  const rows = [
    row('A10 good', report('usable', 92, [])),
    row('A2 blurry', report('unusable', 18, ['blurry'])),
    row('A3 dark', report('check', 55, ['dark'])),
    row('broken', report(null, null, [], 'The file ends early.')),
    row('A1 waiting', null),
  ];

  it('sorts by quality, worst first, unscored clips last', () => {
    expect(sortRows(rows, 'quality').map((r) => r.name)).toEqual(['A2 blurry', 'A3 dark', 'A10 good', 'broken', 'A1 waiting']);
  });

  it('sorts by verdict with errors first, and by name numerically', () => {
    expect(sortRows(rows, 'verdict').map((r) => r.name)).toEqual(['broken', 'A2 blurry', 'A3 dark', 'A10 good', 'A1 waiting']);
    expect(sortRows(rows, 'name').map((r) => r.name)).toEqual(['A1 waiting', 'A2 blurry', 'A3 dark', 'A10 good', 'broken']);
  });

  it('filters by verdict, errors and reason', () => {
    expect(filterRows(rows, 'unusable', 'all').map((r) => r.name)).toEqual(['A2 blurry']);
    expect(filterRows(rows, 'errors', 'all').map((r) => r.name)).toEqual(['broken']);
    expect(filterRows(rows, 'all', 'dark').map((r) => r.name)).toEqual(['A3 dark']);
    expect(filterRows(rows, 'usable', 'dark')).toEqual([]);
    expect(verdictCounts(rows)).toEqual({ usable: 1, check: 1, unusable: 1, errors: 1 });
  });

  it('counts a failed write to Premiere as an error to look at', () => {
    const failed = { ...rows[0], writeFailed: true, message: 'Rated, but not written to Premiere: locked' };
    expect(filterRows([failed], 'errors', 'all')).toHaveLength(1);
  });
});

describe('ratings sent to Premiere', () => {
  it('carries the verdict, quality, flags, segments and engine version', () => {
    const by = ratedBy({ version: '0.1.0', models: { exposure: 'e1', blur: 'b2' }, executionProvider: 'cpu' });
    expect(by).toBe('ClipTriage 0.1.0 (blur b2, exposure e1)');
    const r = toClipRating('n1', report('unusable', 18, ['blurry']), by);
    expect(r).toMatchObject({ nodeId: 'n1', verdict: 'unusable', quality: 18, flags: ['blurry'], ratedBy: by });
    expect(r?.segments).toEqual([{ startSec: 1, endSec: 3, flags: ['blurry'] }]);
  });

  it('never writes a clip that failed to rate', () => {
    expect(toClipRating('n1', report(null, null, [], 'bad'), 'x')).toBeNull();
  });
});

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem(k: string): string | null {
    return this.data.has(k) ? (this.data.get(k) as string) : null;
  }
  setItem(k: string, v: string): void {
    this.data.set(k, v);
  }
}

describe('settings', () => {
  it('round-trips through storage', () => {
    const store = new MemoryStorage();
    const s = { ...DEFAULT_PANEL_SETTINGS, sampleFps: 4, footageMode: 'log' as const, respectManualLabels: false, sensitivity: { ...DEFAULT_PANEL_SETTINGS.sensitivity, shaky: 1.4 } };
    expect(saveSettings(store, s)).toBe(true);
    expect(loadSettings(store)).toEqual(s);
  });

  it('falls back field by field on damaged or hostile data', () => {
    const store = new MemoryStorage();
    store.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ sampleFps: -3, footageMode: 'rm -rf', labelMap: { usable: 99, check: 2 }, sensitivity: { blurry: 9, dark: 0.7 }, writeMarkers: 'yes' }));
    const s = loadSettings(store);
    expect(s.sampleFps).toBe(DEFAULT_PANEL_SETTINGS.sampleFps);
    expect(s.footageMode).toBe('auto');
    expect(s.labelMap).toEqual({ usable: DEFAULT_PANEL_SETTINGS.labelMap.usable, check: 2, unusable: DEFAULT_PANEL_SETTINGS.labelMap.unusable });
    expect(s.sensitivity.blurry).toBe(1);
    expect(s.sensitivity.dark).toBe(0.7);
    expect(s.writeMarkers).toBe(true);
    // Saved by a panel that still had the learned models' "CPU only" switch: loads, without it.
    store.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ ...DEFAULT_PANEL_SETTINGS, cpuOnly: true, sampleFps: 4 }));
    expect(loadSettings(store)).toEqual({ ...DEFAULT_PANEL_SETTINGS, sampleFps: 4 });
    store.setItem(SETTINGS_STORAGE_KEY, '{not json');
    expect(loadSettings(store)).toEqual(DEFAULT_PANEL_SETTINGS);
    expect(sanitizeSettings(null)).toEqual(DEFAULT_PANEL_SETTINGS);
  });

  it('survives a storage that refuses writes', () => {
    const broken: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveSettings(broken, DEFAULT_PANEL_SETTINGS)).toBe(false);
  });

  it('maps onto the engine request and the host apply options', () => {
    const s = { ...DEFAULT_PANEL_SETTINGS, respectManualLabels: false, writeMarkers: false };
    expect(toEngineSettings(s)).toEqual({ sensitivity: s.sensitivity, sampleFps: 2, footageMode: 'auto' });
    expect(toApplyOptions(s)).toEqual({ labelMap: s.labelMap, overrideManualLabels: true, writeMarkers: false, writeLabels: true });
  });
});

describe('the Footage column', () => {
  test.each([
    ['S-Log3', 'log'],
    ['slog2', 'log'],
    ['V-Log', 'log'],
    ['LogC4', 'log'],
    ['C-Log 3', 'log'],
    ['HLG', 'hdr'],
    ['Hybrid Log-Gamma', 'hdr'],
    ['PQ', 'hdr'],
    ['BT.2100 PQ', 'hdr'],
    ['Rec.709', 'standard'],
    ['sdr', 'standard'],
    ['Auto', 'auto'],
  ] as const)('“%s” rates the clip as %s footage', (tag, mode) => {
    const r = parseFootageTag(tag);
    expect(r.mode).toBe(mode);
    expect(r.note).toContain(`“${tag}”`);
  });

  test('an empty column leaves the panel setting; an unknown one says so', () => {
    expect(parseFootageTag(null)).toEqual({ mode: null, note: null });
    expect(parseFootageTag('   ')).toEqual({ mode: null, note: null });
    const r = parseFootageTag('ProRes RAW');
    expect(r.mode).toBeNull();
    expect(r.note).toMatch(/“ProRes RAW” not understood/);
  });
});

describe('words and theme', () => {
  it('says how long is left in plain words', () => {
    expect(formatEta(null)).toBe('estimating time left…');
    expect(formatEta(12.2)).toBe('about 13 s left');
    expect(formatEta(150)).toBe('about 3 min left');
    expect(formatEta(3 * 3600 + 600)).toBe('about 3 h 10 min left');
  });

  it('follows Premiere’s brightness: dark skins get light text and vice versa', () => {
    const skin = (g: number): CepAppSkinInfo => ({ baseFontFamily: 'Adobe Clean', baseFontSize: 10, panelBackgroundColor: { color: { red: g, green: g, blue: g } } });
    const dark = themeFromSkin(skin(35));
    const light = themeFromSkin(skin(184));
    expect(dark.scheme).toBe('dark');
    expect(dark.bg).toBe('#232323');
    expect(light.scheme).toBe('light');
    expect(luminance({ red: 0xe6, green: 0xe6, blue: 0xe6 }) / luminance({ red: 35, green: 35, blue: 35 })).toBeGreaterThan(7);
    expect(light.fg).not.toBe(dark.fg);
    expect(dark.fontSize).toBe('12px'); // never smaller than readable
    expect(themeFromSkin(undefined).scheme).toBe('dark');
  });
});

describe('engine protocol framing', () => {
  it('reassembles lines split anywhere by the pipe, CRLF included', () => {
    const lines: string[] = [];
    const split = new LineSplitter((l) => lines.push(l));
    const text = '{"type":"ready","protocol":1}\r\n{"type":"progress","id":"a"}\n\n{"type":"done","id":"a"}';
    for (let i = 0; i < text.length; i += 7) split.push(text.slice(i, i + 7));
    expect(lines).toHaveLength(2);
    split.end();
    expect(lines.map((l) => parseEvent(l)?.type)).toEqual(['ready', 'progress', 'done']);
  });

  it('keeps non-protocol output out of the event stream', () => {
    expect(parseEvent('[engine] loading models')).toBeNull();
    expect(parseEvent('42')).toBeNull();
    expect(parseEvent('{"no":"type"}')).toBeNull();
    expect(parseEvent('{"type":"error","id":null,"message":"x"}')).toEqual({ type: 'error', id: null, message: 'x' });
  });
});

describe('CEP paths', () => {
  it('turns the extension folder URI into a file-system path on macOS and Windows', () => {
    expect(fileUriToPath('file:///Library/Application%20Support/Adobe/CEP/extensions/com.cliptriage')).toBe('/Library/Application Support/Adobe/CEP/extensions/com.cliptriage');
    expect(fileUriToPath('file:///C:/Program%20Files/Common%20Files/Adobe/CEP/extensions/com.cliptriage')).toBe('C:/Program Files/Common Files/Adobe/CEP/extensions/com.cliptriage');
  });
});
