// What every browser test file does around its tests: Chromium started the one way CI has it, and
// per test a fresh engine cache (real analysis, no cache hits) and a fresh panel page.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ensurePanelBuilt } from '../../panel/dev/buildPanel';
import { createDemoSim, DemoClip, prepareDemoClips, simulatedHost } from '../../panel/dev/demoProject';
import { Harness, startHarness } from '../../panel/dev/harness';
import { ensureClips } from '../fixtures/clips';
import type { PremiereSim } from '../premiere-sim';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface PanelPage {
  context: BrowserContext;
  page: Page;
  cacheDir: string;
  close(): Promise<void>;
}

/** A fresh engine cache for the harness's engines and the panel open at CEP's default size, ready. */
export async function openPanel(browser: Browser, harness: Harness): Promise<PanelPage> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-browser-cache-'));
  harness.setEngineEnv({ XDG_CACHE_HOME: cacheDir });
  const context = await browser.newContext({ viewport: { width: 400, height: 600 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(harness.panelUrl);
  await page.getByRole('button', { name: 'Rate bin' }).waitFor();
  return {
    context,
    page,
    cacheDir,
    close: async () => {
      await context.close();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

export interface DemoRig {
  browser: Browser;
  harness: Harness;
  clips: DemoClip[];
  sim: PremiereSim;
  close(): Promise<void>;
}

/** The built panel, the demo clips, a simulated project, the harness over it and Chromium. */
export async function startDemo(engineServer: string, artifacts: string, extraClips: string[] = []): Promise<DemoRig> {
  if (!fs.existsSync(engineServer)) throw new Error(`${engineServer} is missing: run \`npm run build:engine\` first.`);
  const [panelDir, clips] = await Promise.all([ensurePanelBuilt(), prepareDemoClips(), ensureClips(extraClips)]);
  const sim = createDemoSim(clips);
  const harness = await startHarness({ host: simulatedHost(sim, clips), panelDir, engineServer });
  const browser = await launchChromium();
  fs.mkdirSync(artifacts, { recursive: true });
  return {
    browser,
    harness,
    clips,
    sim,
    close: async () => {
      await browser.close();
      await harness.close();
    },
  };
}
