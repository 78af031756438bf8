// The settings form. Every change is saved at once (localStorage) and used by the next Rate.

import { FLAGS } from '../../extension/contracts/report';
import type { Verdict } from '../../extension/contracts/report';
import type { FootageMode } from '../../extension/contracts/settings';
import { FLAG_WORDS, VERDICT_WORDS } from '../state/format';
import { COLOR_LABELS } from '../state/labels';
import { DEFAULT_PANEL_SETTINGS, PanelSettings, SAMPLE_FPS_CHOICES, SELECTS_MIN_SEC_CHOICES, SENSITIVITY_RANGE } from '../state/settings';

const FOOTAGE_WORDS: Record<FootageMode, string> = {
  auto: 'Automatic (HDR from the file’s tags)',
  standard: 'Standard (Rec. 709)',
  log: 'Log (flat S-Log/V-Log-like)',
  hdr: 'HDR (PQ/HLG)',
};

function sensitivityWords(v: number): string {
  if (v <= 0.75) return 'lenient';
  if (v >= 1.25) return 'strict';
  return 'normal';
}

export function SettingsView(props: {
  settings: PanelSettings;
  showNodePath: boolean;
  onChange(s: PanelSettings): void;
  onClose(): void;
}) {
  const { settings: s, onChange } = props;
  const set = <K extends keyof PanelSettings>(k: K, v: PanelSettings[K]): void => onChange({ ...s, [k]: v });
  return (
    <section className="settings" aria-label="Settings">
      <div className="settings-head">
        <h2>Settings</h2>
        <button type="button" onClick={props.onClose}>
          Done
        </button>
      </div>

      <fieldset>
        <legend>Sensitivity</legend>
        {FLAGS.map((f) => (
          <label key={f} className="slider">
            <span className="slider-name">{FLAG_WORDS[f]}</span>
            <input
              type="range"
              min={SENSITIVITY_RANGE.min}
              max={SENSITIVITY_RANGE.max}
              step={SENSITIVITY_RANGE.step}
              value={s.sensitivity[f]}
              aria-label={`${FLAG_WORDS[f]} sensitivity`}
              onChange={(e) => set('sensitivity', { ...s.sensitivity, [f]: Number(e.target.value) })}
            />
            <span className="dim slider-value">{sensitivityWords(s.sensitivity[f])}</span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Analysis</legend>
        <label className="field">
          <span>Frames sampled per second</span>
          <select value={s.sampleFps} onChange={(e) => set('sampleFps', Number(e.target.value))}>
            {SAMPLE_FPS_CHOICES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field" title="For the whole batch. A clip whose Footage column in the Project panel says “S-Log3”, “HLG”, “Rec.709”… is rated as that instead.">
          <span>Footage</span>
          <select value={s.footageMode} onChange={(e) => set('footageMode', e.target.value as FootageMode)}>
            {(Object.keys(FOOTAGE_WORDS) as FootageMode[]).map((m) => (
              <option key={m} value={m}>
                {FOOTAGE_WORDS[m]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>Writing to Premiere</legend>
        <label className="check">
          <input type="checkbox" checked={s.writeLabels} onChange={(e) => set('writeLabels', e.target.checked)} /> Set colour labels
        </label>
        {(['usable', 'check', 'unusable'] as Verdict[]).map((v) => (
          <label key={v} className="field field-indent">
            <span>
              <span className="swatch" style={{ background: COLOR_LABELS[s.labelMap[v]]?.swatch }} aria-hidden="true" /> {VERDICT_WORDS[v]}
            </span>
            <select
              value={s.labelMap[v]}
              disabled={!s.writeLabels}
              aria-label={`Label for ${VERDICT_WORDS[v]}`}
              onChange={(e) => set('labelMap', { ...s.labelMap, [v]: Number(e.target.value) })}
            >
              {COLOR_LABELS.map((l) => (
                <option key={l.index} value={l.index}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="check field-indent">
          <input type="checkbox" checked={s.respectManualLabels} disabled={!s.writeLabels} onChange={(e) => set('respectManualLabels', e.target.checked)} /> Keep
          labels I set by hand
        </label>
        <label className="check">
          <input type="checkbox" checked={s.writeMarkers} onChange={(e) => set('writeMarkers', e.target.checked)} /> Add clip markers on bad stretches
        </label>
        <label className="check" title="Near-duplicate takes of one set-up get a Take group column; the best by quality is marked “best take” in Usability">
          <input type="checkbox" checked={s.groupTakes} onChange={(e) => set('groupTakes', e.target.checked)} /> Group takes of the same set-up
        </label>
      </fieldset>

      <fieldset>
        <legend>Background</legend>
        <label className="check" title="Clips added to the project are rated one at a time at low priority, without pressing anything">
          <input type="checkbox" checked={s.rateNewClips} onChange={(e) => set('rateNewClips', e.target.checked)} /> Rate new clips automatically
        </label>
      </fieldset>

      <fieldset>
        <legend>Selects</legend>
        <label className="field" title="A usable stretch shorter than this does not become a select">
          <span>Shortest select (seconds)</span>
          <select value={s.selects.minSec} onChange={(e) => set('selects', { ...s.selects, minSec: Number(e.target.value) })}>
            {Array.from(new Set([...SELECTS_MIN_SEC_CHOICES, s.selects.minSec]))
              .sort((a, b) => a - b)
              .map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={s.selects.hardBoundaries} onChange={(e) => set('selects', { ...s.selects, hardBoundaries: e.target.checked })} /> Restrict trims
          to the select (no handles)
        </label>
      </fieldset>

      {props.showNodePath ? (
        <fieldset>
          <legend>Engine</legend>
          <label className="field field-column">
            <span>Node.js program (empty: find it automatically)</span>
            <input type="text" spellCheck={false} value={s.nodePath} placeholder="e.g. /usr/local/bin/node" onChange={(e) => set('nodePath', e.target.value)} />
          </label>
        </fieldset>
      ) : null}

      <button type="button" className="link" onClick={() => onChange({ ...DEFAULT_PANEL_SETTINGS, nodePath: s.nodePath })}>
        Reset to defaults
      </button>
    </section>
  );
}
