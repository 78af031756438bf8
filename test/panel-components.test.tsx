// The results list renders what the editor needs to decide on a clip: verdict, quality, reasons,
// the quality strip, and errors in plain words next to the clip (no browser needed: server render).

import { renderToStaticMarkup } from 'react-dom/server';
import type { ClipReport } from '../extension/contracts/report';
import { DEFAULT_SETTINGS } from '../extension/contracts/settings';
import { ResultRow, rowFromListing } from '../panel/state/results';
import { QualityStrip, windowLevel } from '../panel/ui/QualityStrip';
import { ResultsList } from '../panel/ui/ResultsList';

const T = DEFAULT_SETTINGS.thresholds;

function base(name: string): ResultRow {
  return rowFromListing({ nodeId: name, name, mediaPath: `/m/${name}.mov`, treePath: 'Day 1/B-roll', durationSec: 4, colorLabel: 1, previousRating: null, footageTag: null });
}

const blurry: ClipReport = {
  path: '/m/blurry.mov',
  status: 'rated',
  error: null,
  media: { durationSec: 4, fps: 25, width: 320, height: 180 },
  framesAnalyzed: 8,
  verdict: 'unusable',
  quality: 21,
  flags: ['blurry'],
  scores: { blurry: 0.9, dark: 0.1, bright: 0, shaky: 0.05 },
  segments: [{ startSec: 1, endSec: 4, flags: ['blurry'] }],
  windows: [
    { startSec: 0, endSec: 1, scores: { blurry: 0.1, dark: 0, bright: 0, shaky: 0 } },
    { startSec: 1, endSec: 2, scores: { blurry: 0.5, dark: 0, bright: 0, shaky: 0 } },
    { startSec: 2, endSec: 4, scores: { blurry: 0.95, dark: 0, bright: 0, shaky: 0 } },
  ],
};

describe('results list rendering', () => {
  it('shows name, verdict badge, quality, reasons and the strip', () => {
    const html = renderToStaticMarkup(<ResultsList rows={[{ ...base('A001'), status: 'rated', report: blurry }]} thresholds={T} onReveal={() => undefined} />);
    expect(html).toContain('A001');
    expect(html).toMatch(/class="badge badge-unusable">Unusable</);
    expect(html).toMatch(/class="quality"[^>]*>21</);
    expect(html).toContain('Blurry');
    expect(html).toContain('Problems at 0:01–0:04 (Blurry)');
    expect(html.match(/strip-w strip-(good|near|bad)/g)).toEqual(['strip-w strip-good', 'strip-w strip-near', 'strip-w strip-bad']);
    expect(html).toContain('left:25%;width:25%');
  });

  it('puts a clip’s error in plain words right under its name, as an alert', () => {
    const row: ResultRow = { ...base('broken'), status: 'error', message: 'The file ends early: it looks truncated.' };
    const html = renderToStaticMarkup(<ResultsList rows={[row]} thresholds={T} onReveal={() => undefined} />);
    expect(html).toMatch(/badge-error">Error</);
    expect(html).toContain('<span class="row-message" role="alert">The file ends early: it looks truncated.</span>');
  });

  it('shows skipped items without offering to reveal them', () => {
    const row: ResultRow = { ...base('Seq'), status: 'skipped', message: 'Skipped: a sequence, not footage.' };
    const html = renderToStaticMarkup(<ResultsList rows={[row]} thresholds={T} onReveal={() => undefined} />);
    expect(html).toMatch(/<button type="button" class="row-main" disabled="">/);
    expect(html).toContain('Skipped: a sequence');
  });

  it('grades windows against each flag’s thresholds', () => {
    expect(windowLevel({ blurry: 0.59, dark: 0, bright: 0, shaky: 0 }, T)).toBe('near');
    expect(windowLevel({ blurry: 0, dark: 0, bright: 0, shaky: 0.6 }, T)).toBe('bad');
    expect(windowLevel({ blurry: 0.2, dark: 0.3, bright: 0, shaky: 0 }, T)).toBe('good');
  });

  it('draws segments on a clip without windows, and nothing for an unknown duration', () => {
    const html = renderToStaticMarkup(<QualityStrip windows={undefined} segments={blurry.segments} durationSec={4} thresholds={T} />);
    expect(html.match(/strip-bad/g)).toHaveLength(1);
    expect(renderToStaticMarkup(<QualityStrip windows={[]} segments={[]} durationSec={0} thresholds={T} />)).toBe('');
  });
});
