// The result cache: one JSON file per (file fingerprint × engine × models × result-affecting
// settings), written atomically. A torn or foreign file is treated as a miss, never an error.

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ClipReport } from '../contracts/report';
import type { EngineSettings } from '../contracts/settings';
import { writeFileAtomic } from '../util/atomic';

const FORMAT = 'cliptriage.cache/1';

/** The platform's per-user cache folder for ClipTriage. */
export function defaultCacheDir(): string {
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'ClipTriage', 'Cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'ClipTriage');
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'cliptriage');
}

/** Everything besides the file that changes a result: engine and analyser versions, settings. */
export function resultContext(engineVersion: string, analyzerIds: string[], s: EngineSettings): string {
  const affecting = {
    sampleFps: s.sampleFps,
    analysisWidth: s.analysisWidth,
    motionFps: s.motionFps,
    motionWidth: s.motionWidth,
    windowSec: s.windowSec,
    thresholds: s.thresholds,
    sensitivity: s.sensitivity,
    minSegmentSec: s.minSegmentSec,
    unusableFraction: s.unusableFraction,
    unusableSeverity: s.unusableSeverity,
    footageMode: s.footageMode,
    tuning: s.tuning,
  };
  return crypto.createHash('sha256').update(JSON.stringify({ engineVersion, analyzerIds, affecting })).digest('hex');
}

/** Temporary files older than this were left by a killed writer and are removed. */
const STALE_TMP_MS = 10 * 60 * 1000;

export class ResultCache {
  private swept = false;

  constructor(readonly dir: string) {}

  /** Removes temporaries a killed process left in the shards it writes to (best effort, once). */
  private async sweep(shard: string): Promise<void> {
    if (this.swept) return;
    this.swept = true;
    const now = Date.now();
    const shards = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    for (const sh of [shard, ...shards.map((d) => path.join(this.dir, d))]) {
      const names = await fs.promises.readdir(sh).catch(() => [] as string[]);
      for (const n of names) {
        if (!n.endsWith('.tmp')) continue;
        const f = path.join(sh, n);
        const st = await fs.promises.stat(f).catch(() => null);
        if (st && now - st.mtimeMs > STALE_TMP_MS) await fs.promises.unlink(f).catch(() => undefined);
      }
    }
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  static key(fileFingerprint: string, context: string): string {
    return crypto.createHash('sha256').update(`${fileFingerprint}|${context}`).digest('hex');
  }

  async get(key: string): Promise<ClipReport | null> {
    try {
      const entry = JSON.parse(await fs.promises.readFile(this.file(key), 'utf8'));
      if (entry?.format !== FORMAT || entry.key !== key || !entry.clip) return null;
      return entry.clip as ClipReport;
    } catch {
      return null;
    }
  }

  async put(key: string, clip: ClipReport): Promise<void> {
    const file = this.file(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    void this.sweep(path.dirname(file));
    const { cached: _c, ...rest } = clip;
    await writeFileAtomic(file, JSON.stringify({ format: FORMAT, key, clip: rest }));
  }
}
