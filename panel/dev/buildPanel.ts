// Builds the panel bundle when its sources are newer than build/panel (tests and the harness call
// this so a fresh clone needs no manual step). Same config as `npm run build:panel`.

import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
export const PANEL_BUILD_DIR = path.join(ROOT, 'build', 'panel');
const SOURCES = [
  path.join(ROOT, 'panel'),
  path.join(ROOT, 'extension', 'contracts'),
  path.join(ROOT, 'extension', 'takes'),
  path.join(ROOT, 'host-scripts', 'call.ts'),
  path.join(ROOT, 'host-scripts', 'contract.ts'),
];

function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let n = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'dev' && p === path.join(ROOT, 'panel')) continue; // the harness is not in the bundle
    n = Math.max(n, newest(path.join(p, e)));
  }
  return n;
}

export function panelBuildIsStale(): boolean {
  const bundle = path.join(PANEL_BUILD_DIR, 'bundle.js');
  if (!fs.existsSync(bundle) || !fs.existsSync(path.join(PANEL_BUILD_DIR, 'index.html'))) return true;
  return Math.max(...SOURCES.map(newest)) > fs.statSync(bundle).mtimeMs;
}

export async function ensurePanelBuilt(): Promise<string> {
  if (!panelBuildIsStale()) return PANEL_BUILD_DIR;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as (cfg: unknown) => { run(cb: (err: Error | null, stats?: { hasErrors(): boolean; toString(o: unknown): string }) => void): void; close(cb: () => void): void };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, 'panel', 'webpack.config.js')) as (env: unknown, argv: unknown) => unknown;
  const compiler = webpack(makeConfig({}, { mode: 'production' }));
  await new Promise<void>((resolve, reject) => {
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(`panel build failed:\n${stats.toString({ all: false, errors: true })}`));
      resolve();
    });
  });
  return PANEL_BUILD_DIR;
}
