// Rates one clip: cache lookup → probe → one decode streaming into the analysers → aggregate →
// cache write. Every failure becomes a ClipReport with a plain-words error; nothing here throws.

import type { ClipErrorCode, ClipReport, FlagScores, MediaInfo } from '../contracts/report';
import type { EngineSettings } from '../contracts/settings';
import type { Stage } from '../contracts/protocol';
import { aggregate, TimedScores } from '../aggregate/aggregate';
import { mergeScores, withoutBlurWhereDark } from '../analyze/combine';
import { CameraPathTracker, cameraStyle } from '../analyze/shake';
import { captureTime, SignatureBuilder } from '../analyze/takeSignature';
import { promises as fsp } from 'fs';
import type { AnalysisContext, Frame, FrameAnalyzer, FrameScores } from '../analyze/types';
import { fingerprint } from '../cache/fingerprint';
import { ResultCache } from '../cache/store';
import type { Binaries } from '../media/ffmpeg';
import { ClipFailure, probeMedia } from '../media/probe';
import type { DecodeChoice } from '../media/hwDecode';
import { planDecode, sampleClip, SamplingPlan } from '../media/sampler';

/** Frames handed to the analysers at once. */
export const ANALYSIS_BATCH = 8;
/** Batches waiting for the analysers before decoding pauses (bounds memory when analysis falls behind). */
const MAX_QUEUED_BATCHES = 3;

export interface ClipJob {
  path: string;
  bins: Binaries;
  settings: EngineSettings;
  analyzers: FrameAnalyzer[];
  cache: ResultCache | null;
  /** Hashes everything besides the file that changes the result (see resultContext). */
  cacheContext: string;
  signal: AbortSignal;
  onStage(stage: Stage, clipFraction: number, media: MediaInfo | null): void;
}

export class AbortReason extends Error {
  constructor(readonly code: 'timeout' | 'cancelled', message: string) {
    super(message);
  }
}

export function errorReport(path: string, code: ClipErrorCode, message: string, media: MediaInfo | null = null): ClipReport {
  return { path, status: 'error', error: { code, message }, media, framesAnalyzed: 0, verdict: null, quality: null, flags: [], scores: null, segments: [] };
}

export async function rateClip(job: ClipJob): Promise<ClipReport> {
  let media: MediaInfo | null = null;
  try {
    job.onStage('probing', 0, null);
    let key: string | null = null;
    if (job.cache) {
      try {
        key = ResultCache.key(await fingerprint(job.path), job.cacheContext);
        const hit = await job.cache.get(key);
        if (hit) {
          job.onStage('cached', 1, hit.media);
          return { ...hit, path: job.path, cached: true };
        }
      } catch {
        key = null; // unreadable: probe below says why in plain words
      }
    }
    const t = job.settings.tuning;
    const probed = await probeMedia(job.bins, job.path, job.signal, t.gopSampling ? t.gopProbeSec : 0, t.probeFromHeaders);
    media = probed.media;
    const report = await analyse(job, probed);
    if (job.cache && key) await job.cache.put(key, report).catch(() => undefined); // a full disk must not fail the rating
    return report;
  } catch (e) {
    if (job.signal.aborted) {
      const r = job.signal.reason;
      if (r instanceof AbortReason) return errorReport(job.path, r.code, r.message, media);
      return errorReport(job.path, 'cancelled', 'Rating was cancelled before this clip finished.', media);
    }
    if (e instanceof ClipFailure) return errorReport(job.path, e.code, e.message, media);
    return errorReport(job.path, 'internal', `Unexpected engine error: ${(e as Error)?.message ?? String(e)}`, media);
  }
}

async function analyse(job: ClipJob, probed: Awaited<ReturnType<typeof probeMedia>>, software?: DecodeChoice): Promise<ClipReport> {
  const plan = await planDecode(job.bins, probed, job.settings, job.signal, software);
  try {
    return await analysePlan(job, probed, plan);
  } catch (e) {
    // The hardware decoder passed the clip's check but failed later (a device lost, too many
    // decoder sessions): the clip is decoded again in software, from the start, saying why.
    if (!plan.decode.hwaccel || job.signal.aborted) throw e;
    return analyse(job, probed, { hwaccel: null, label: `software (${plan.decode.hwaccel} failed during the decode: ${(e as Error).message})` });
  }
}

async function analysePlan(job: ClipJob, probed: Awaited<ReturnType<typeof probeMedia>>, plan: SamplingPlan): Promise<ClipReport> {
  const { settings } = job;
  const media = probed.media;
  const footageMode = settings.footageMode === 'auto' ? (media.hdr ? 'hdr' : 'standard') : settings.footageMode;
  const ctx: AnalysisContext = { media, footageMode, settings };
  const tracker = new CameraPathTracker(settings.tuning.shakeMaxShiftFraction, settings.tuning.shakeMinAgreeFraction, settings.tuning.shakeCutOverlap);
  const samples: TimedScores[] = [];
  const signature = new SignatureBuilder(settings.tuning.takeSignatureFrames);
  let pending: Frame[] = [];
  let chain: Promise<void> = Promise.resolve();
  let analysisError: unknown = null;
  let queued = 0;

  /** Queues the pending frames for analysis; returns a promise when decoding should wait. */
  const flush = (): Promise<void> | undefined => {
    const batch = pending;
    pending = [];
    queued++;
    chain = chain.then(async () => {
      try {
        if (!analysisError && batch.length) samples.push(...(await scoreBatch(batch, job, ctx)));
      } catch (e) {
        analysisError = e;
      } finally {
        queued--;
      }
    });
    return queued > MAX_QUEUED_BATCHES ? chain : undefined;
  };

  job.onStage('decoding', 0, media);
  const dur = Math.max(media.durationSec, 1e-3);
  let lastReport = 0;
  let reached = 0; // parts of the clip decode side by side: progress is the furthest frame so far
  const result = await sampleClip(
    job.bins,
    job.path,
    probed,
    plan,
    {
      onFrame: (f) => {
        pending.push(f);
        signature.push(f);
        reached = Math.max(reached, f.timeSec);
        const now = Date.now();
        if (now - lastReport > 200) {
          lastReport = now;
          job.onStage('decoding', Math.min(0.99, reached / dur), media);
        }
        return pending.length >= ANALYSIS_BATCH ? flush() : undefined;
      },
      onMotion: (m) => tracker.push(m),
    },
    job.signal,
  );
  flush();
  job.onStage('analysing', 0.99, media);
  await chain;
  if (analysisError) throw analysisError;

  const shake = tracker.samples(settings);
  for (const s of shake) samples.push({ timeSec: s.timeSec, scores: { shaky: s.score } });
  // Frames arrive in the order the decoders deliver them; the report must not depend on that.
  samples.sort((a, b) => a.timeSec - b.timeSec);
  const agg = aggregate(media.durationSec, samples, settings);
  const mtimeMs = await fsp.stat(job.path).then((st) => st.mtimeMs, () => null);
  const captured = captureTime(probed.creationTime, mtimeMs);
  job.onStage('done', 1, media);
  return {
    path: job.path,
    status: 'rated',
    error: null,
    media,
    framesAnalyzed: result.frames,
    verdict: agg.verdict,
    quality: agg.quality,
    flags: agg.flags,
    scores: agg.scores as FlagScores,
    segments: agg.segments,
    windows: agg.windows,
    worstFrameSec: agg.worstFrameSec,
    camera: cameraStyle(shake, tracker.speedPct(), settings.tuning.cameraStyle),
    signature: signature.build(media.durationSec, captured.at, captured.from),
    decode: plan.decode.label,
  };
}

async function scoreBatch(frames: Frame[], job: ClipJob, ctx: AnalysisContext): Promise<TimedScores[]> {
  const scored = await Promise.all(job.analyzers.map((a) => a.analyze(frames, ctx)));
  return frames.map((f, i) => {
    const s: FrameScores = mergeScores(scored.map((r) => r[i]));
    return { timeSec: f.timeSec, scores: withoutBlurWhereDark(s, ctx) };
  });
}
