// Rate on import and take groups in real headless Chromium against the dev harness (built panel,
// real host .jsx in the Premiere simulator, real engine processes): an editor switches on Rate new
// clips, presses the harness's Import clip, and the clip is rated without anything else pressed;
// Rate bin on a bin of takes writes the Take group column and marks the best take.

import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { createDemoSim, DEMO_CLIPS, DemoClip, IMPORT_BIN, simulatedHost } from '../../panel/dev/demoProject';
import type { Harness } from '../../panel/dev/harness';
import { WATCH_STORAGE_KEY } from '../../panel/state/watchQueue';
import { clipPath } from '../fixtures/clips';
import { PRIVATE_NS, PremiereSim } from '../premiere-sim';
import { DemoRig, openPanel, PanelPage, startDemo } from './session';

const ROOT = path.resolve(__dirname, '..', '..');
const ENGINE_SERVER = path.join(ROOT, 'build', 'extension', 'server.js');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
const IMPORTS = DEMO_CLIPS.filter((c) => c.bin === 'Import').map((c) => c.name);
const TAKES = DEMO_CLIPS.filter((c) => c.bin === 'Scene 4').map((c) => c.name);

let browser: Browser;
let harness: Harness;
let clips: DemoClip[];
let sim: PremiereSim;
let page: Page;
let panel: PanelPage;

jest.setTimeout(120_000);

let rig: DemoRig;
beforeAll(async () => {
  rig = await startDemo(ENGINE_SERVER, ARTIFACTS, ['truncated']);
  ({ browser, harness, clips, sim } = rig);
}, 240_000);

afterAll(() => rig?.close());

beforeEach(async () => {
  sim = createDemoSim(clips);
  harness.setHost(simulatedHost(sim, clips));
  panel = await openPanel(browser, harness);
  ({ page } = panel);
});

afterEach(() => panel.close());

const column = (name: string, field: string): string | undefined => sim.item(name).metadata.get(`${PRIVATE_NS}\u0000ClipTriage${field}`);
const entry = (name: string) => page.locator('li.watch-entry', { has: page.locator('.watch-name', { hasText: name }) });
const importClip = () => page.evaluate("fetch('/__harness/import', { method: 'POST' }).then((r) => r.json())") as Promise<{ imported: string }>;

async function waitUntil(cond: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function setRateNewClips(on: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Rate new clips automatically').setChecked(on);
  await page.getByRole('button', { name: 'Done' }).click();
}

describe('Rate new clips (watch mode)', () => {
  it('an imported clip is rated without pressing anything, by a low-priority engine; a bad one fails alone', async () => {
    await setRateNewClips(true);
    await page.locator('.watch-summary', { hasText: 'watching for new clips' }).waitFor();
    // A broken file first: it fails with its reason and the queue goes on.
    sim.importClips([{ clip: 'Z999 card copy interrupted', path: clipPath('truncated') }], IMPORT_BIN);
    const { imported } = await importClip();
    expect(imported).toBe(IMPORTS[0]);
    await waitUntil(() => column(imported, 'Usability') !== undefined);
    await entry(imported).locator('.watch-status', { hasText: /^(Usable|Check|Unusable) · \d+$/ }).waitFor();
    await entry('Z999').locator('.watch-status', { hasText: 'Failed' }).waitFor();
    await expect(entry('Z999').locator('.watch-message').textContent()).resolves.toMatch(/cut off|truncated|incomplete/i);
    expect(column(imported, 'Quality')).toMatch(/^\d+$/);
    // It was the low-priority engine: one engine process runs at nice 10 (Linux).
    if (process.platform === 'linux') expect(harness.enginePids().map((p) => os.getPriority(p))).toContain(os.constants.priority.PRIORITY_BELOW_NORMAL);
    // Rate bin's own batch did not run: nothing else in the project was rated.
    expect(column('A001 interview wide', 'Usability')).toBeUndefined();
    await page.screenshot({ path: path.join(ARTIFACTS, 'panel-watch.png') });
  });

  it('the queue survives a reload, can be paused and resumed, and switching off stops it', async () => {
    await setRateNewClips(true);
    await page.locator('.watch-summary', { hasText: 'watching' }).waitFor();
    // Pause is offered once something waits.
    const first = await importClip();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.watch[data-paused="true"]').waitFor();
    const second = await importClip();
    await entry(second.imported).locator('.watch-status', { hasText: 'Waiting' }).waitFor();
    // Persisted: a reload keeps the waiting clip and the pause.
    const stored = JSON.parse(String(await page.evaluate(`localStorage.getItem(${JSON.stringify(WATCH_STORAGE_KEY)})`)));
    expect(stored.paused).toBe(true);
    expect(stored.entries.map((e: { name: string }) => e.name)).toContain(second.imported);
    await page.reload();
    await entry(second.imported).locator('.watch-status', { hasText: 'Waiting' }).waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    expect(column(second.imported, 'Usability')).toBeUndefined(); // still paused after the reload
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitUntil(() => column(second.imported, 'Usability') !== undefined && column(first.imported, 'Usability') !== undefined);
    // Off: imports are ignored.
    await setRateNewClips(false);
    const third = await importClip();
    await new Promise((r) => setTimeout(r, 1500));
    await expect(entry(third.imported).count()).resolves.toBe(0);
    expect(column(third.imported, 'Usability')).toBeUndefined();
  });
});

describe('Take groups', () => {
  it('Rate bin on a bin of takes writes the Take group column and marks the best take', async () => {
    sim.select(['Scene 4']);
    await page.getByRole('button', { name: 'Rate bin' }).click();
    await page.locator('.app[data-phase="idle"] .notice-text', { hasText: /3 takes in 1 take group/ }).waitFor({ timeout: 60_000 });
    const groups = TAKES.map((n) => column(n, 'TakeGroup')).sort();
    expect(groups).toEqual(['Group 1 · 1 of 3', 'Group 1 · 2 of 3', 'Group 1 · 3 of 3']);
    const best = TAKES.filter((n) => /· best take$/.test(column(n, 'Usability') ?? ''));
    expect(best).toEqual(['S4 T1 wide, locked off']);
    await page.locator('.row-take[data-best="true"]', { hasText: 'Take group: Group 1 · 1 of 3 · best take' }).waitFor();
    // The harness's simulated Project panel shows the column.
    const project = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await project.goto(harness.url);
    await project.locator('#project td', { hasText: 'Group 1 · 1 of 3' }).waitFor();
    await project.screenshot({ path: path.join(ARTIFACTS, 'harness-take-groups.png') });
    await project.close();
    // Clear ratings removes ours.
    await page.getByRole('button', { name: 'Clear ratings' }).click();
    await page.locator('.app[data-phase="idle"] .notice-text', { hasText: /^Cleared/ }).waitFor();
    expect(TAKES.map((n) => column(n, 'TakeGroup'))).toEqual([undefined, undefined, undefined]);
  });
});
