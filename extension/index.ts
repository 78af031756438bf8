// The engine API, one pipeline for every front end (CLI, protocol server, tests):
//
//   const engine = await createEngine(settings);
//   const report = await engine.rate(items, { onProgress, onResult, signal });
//   const jpeg = await engine.thumbnail(path, timeSec, width);
//   await engine.close();
//
// Clips run `concurrency` at a time; each has its own timeout; cancelling the signal kills every
// running ffmpeg at once and reports the unfinished clips as `cancelled`. A bad clip never stops
// the batch.

import type { ClipReport, EngineInfo, Report } from './contracts/report';
import { REPORT_SCHEMA } from './contracts/report';
import type { EventOf, RateItem, Stage } from './contracts/protocol';
import { DeepPartial, EngineSettings, FOOTAGE_MODES, FootageMode, resolveSettings } from './contracts/settings';
import { ExposureAnalyzer } from './analyze/exposure';
import { EdgeWidthBlurAnalyzer } from './analyze/edgeWidth';
import type { FrameAnalyzer } from './analyze/types';
import { defaultCacheDir, resultContext, ResultCache } from './cache/store';
import { checkSettings } from './engine/checkSettings';
import { AbortReason, errorReport, rateClip } from './engine/rateClip';
import { warmUp } from './engine/warmUp';
import { Binaries, jpegFrame, resolveBinaries } from './media/ffmpeg';
import { ffmpegCapabilities } from './media/capabilities';
import { resolveHwDecode } from './media/hwDecode';
import { checkFile } from './media/probe';
import { ENGINE_VERSION } from './version';
import { CAMERA_PATH_ID } from './analyze/shake';
import { TAKE_SIGNATURE_ID } from './analyze/takeSignature';
import { forEachLimited } from './util/pool';

export { ENGINE_VERSION } from './version';
export type { RateItem } from './contracts/protocol';

/** Progress of one clip in a batch: the protocol's `progress` event without its envelope. */
export type Progress = Omit<EventOf<'progress'>, 'type' | 'id'>;

export interface RateOptions {
  onProgress?(p: Progress): void;
  onResult?(key: string, clip: ClipReport): void;
  signal?: AbortSignal;
  /** Overrides for this batch, merged over the engine's settings. */
  settings?: DeepPartial<EngineSettings>;
}

export interface Engine {
  readonly info: EngineInfo;
  readonly settings: EngineSettings;
  /** Settings that were out of range and fell back to their defaults, for logs. */
  readonly warnings: string[];
  rate(items: RateItem[], opts?: RateOptions): Promise<Report>;
  /** A JPEG of the frame at `timeSec`, `width` px wide. */
  thumbnail(path: string, timeSec: number, width?: number, signal?: AbortSignal): Promise<Buffer>;
  close(): Promise<void>;
}

export async function createEngine(partial: DeepPartial<EngineSettings> = {}): Promise<Engine> {
  const checked = checkSettings(resolveSettings(partial));
  const base = checked.settings;
  const bins = resolveBinaries(base);
  const analyzers: FrameAnalyzer[] = [new EdgeWidthBlurAnalyzer(), new ExposureAnalyzer()];
  await warmUp(analyzers, base);
  const info: EngineInfo = {
    version: ENGINE_VERSION,
    // The report keeps both fields (schema cliptriage.report/1): no learned models, analysis on the CPU.
    models: {},
    executionProvider: 'cpu',
    // Asked once here, so the first clip does not pay for it (and the report can say it).
    decode: (await Promise.all([resolveHwDecode(bins, base.hwDecode), ffmpegCapabilities(bins)]))[0].label,
  };
  let closed = false;

  async function rate(items: RateItem[], opts: RateOptions = {}): Promise<Report> {
    if (closed) throw new Error('engine is closed');
    const settings = opts.settings ? checkSettings(resolveSettings(merge(base, opts.settings))).settings : base;
    const contextKey = (s: EngineSettings): string => resultContext(ENGINE_VERSION, analyzers.map((a) => a.id).concat(CAMERA_PATH_ID, TAKE_SIGNATURE_ID), s);
    const ctxKey = contextKey(settings);
    const cache = settings.noCache ? null : new ResultCache(settings.cacheDir || defaultCacheDir());
    const bins2: Binaries = settings.ffmpegPath || settings.ffprobePath ? resolveBinaries(settings) : bins;
    const results: ClipReport[] = new Array(items.length);
    const progress = new BatchProgress(items, opts.onProgress);
    await forEachLimited(items, settings.concurrency, async (item, i) => {
      let clip: ClipReport;
      if (opts.signal?.aborted) {
        clip = errorReport(item.path, 'cancelled', 'Rating was cancelled before this clip started.');
      } else {
        // A per-clip footage mode changes the results, so it is part of that clip's cache key too.
        const own = FOOTAGE_MODES.includes(item.footageMode as FootageMode) && item.footageMode !== settings.footageMode;
        const clipSettings = own ? { ...settings, footageMode: item.footageMode as FootageMode } : settings;
        clip = await withClipSignal(opts.signal, settings.clipTimeoutSec, (signal) =>
          rateClip({
            path: item.path,
            bins: bins2,
            settings: clipSettings,
            analyzers,
            cache,
            cacheContext: own ? contextKey(clipSettings) : ctxKey,
            signal,
            onStage: (stage, f, media) => progress.update(i, stage, f, media?.durationSec ?? null),
          }),
        );
      }
      results[i] = clip;
      progress.finish(i);
      opts.onResult?.(item.key, clip);
    });
    // A batch's own settings may name another binary or hwDecode: the report says what this batch had.
    const decode = (await resolveHwDecode(bins2, settings.hwDecode)).label;
    return { schema: REPORT_SCHEMA, engine: { ...info, decode }, clips: results };
  }

  async function thumbnail(path: string, timeSec: number, width = 320, signal?: AbortSignal): Promise<Buffer> {
    await checkFile(path);
    return jpegFrame(bins, path, timeSec, width, signal);
  }

  async function close(): Promise<void> {
    closed = true;
    await Promise.all(analyzers.map((a) => a.dispose?.()));
  }

  return { info, settings: base, warnings: checked.notes, rate, thumbnail, close };
}

/** Runs `fn` with a signal that aborts on batch cancel or after the per-clip timeout. */
async function withClipSignal<T>(batch: AbortSignal | undefined, timeoutSec: number, fn: (s: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onCancel = () => ac.abort(new AbortReason('cancelled', 'Rating was cancelled before this clip finished.'));
  batch?.addEventListener('abort', onCancel, { once: true });
  const timer =
    timeoutSec > 0
      ? setTimeout(() => ac.abort(new AbortReason('timeout', `Analysis took longer than the ${timeoutSec} s per-clip limit and was stopped.`)), timeoutSec * 1000)
      : null;
  try {
    return await fn(ac.signal);
  } finally {
    if (timer) clearTimeout(timer);
    batch?.removeEventListener('abort', onCancel);
  }
}

function merge(base: EngineSettings, over: DeepPartial<EngineSettings>): DeepPartial<EngineSettings> {
  // resolveSettings merges over the defaults; start from the engine's own settings instead.
  const out = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const rec = (t: Record<string, unknown>, s: Record<string, unknown>) => {
    for (const k of Object.keys(s)) {
      const v = s[k];
      if (v === undefined || !(k in t)) continue;
      // null for a group of settings (thresholds, tuning…) means "keep what the engine has".
      if (v === null && t[k] && typeof t[k] === 'object') continue;
      if (v && typeof v === 'object' && !Array.isArray(v) && t[k] && typeof t[k] === 'object') rec(t[k] as Record<string, unknown>, v as Record<string, unknown>);
      else t[k] = v;
    }
  };
  rec(out, over as Record<string, unknown>);
  return out as DeepPartial<EngineSettings>;
}

/** Batch progress weighted by media duration (average duration until a clip is probed) with an ETA. */
class BatchProgress {
  private readonly fraction: number[];
  private readonly weight: (number | null)[];
  private readonly done: boolean[];
  private readonly started = Date.now();
  private doneCount = 0;

  constructor(private readonly items: RateItem[], private readonly emit?: (p: Progress) => void) {
    this.fraction = items.map(() => 0);
    this.weight = items.map(() => null);
    this.done = items.map(() => false);
  }

  update(i: number, stage: Stage, clipFraction: number, durationSec: number | null): void {
    if (durationSec !== null && durationSec > 0) this.weight[i] = durationSec;
    this.fraction[i] = clipFraction;
    this.send(i, stage);
  }

  finish(i: number): void {
    if (this.done[i]) return;
    this.done[i] = true;
    this.fraction[i] = 1;
    this.doneCount++;
    this.send(i, 'done');
  }

  private send(i: number, stage: Stage): void {
    if (!this.emit) return;
    const known = this.weight.filter((w): w is number => w !== null);
    const avg = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
    let total = 0, got = 0;
    this.items.forEach((_, k) => {
      const w = this.weight[k] ?? avg;
      total += w;
      got += w * this.fraction[k];
    });
    const batchFraction = total > 0 ? Math.min(1, got / total) : 1;
    const elapsed = (Date.now() - this.started) / 1000;
    const etaSec = batchFraction >= 1 ? 0 : batchFraction > 0.02 && elapsed > 0.5 ? Math.round((elapsed * (1 - batchFraction)) / batchFraction) : null;
    this.emit({
      key: this.items[i].key,
      path: this.items[i].path,
      stage,
      clipFraction: this.fraction[i],
      batchFraction,
      etaSec,
      clipsDone: this.doneCount,
      clipCount: this.items.length,
    });
  }
}
