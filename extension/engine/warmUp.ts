// One throw-away clip's worth of work when the engine starts: V8 compiles the hot loops (analysers, take signature, motion) on their first calls, which would
// otherwise land on the first clip the editor rates. Measured on a 10 s 1080p clip: the first
// clip's engine-process CPU fell from 0.69 to 0.38 s with this (steady state ≈ 0.2 s). Warm
// frames that look like decoded ones (below) took the 30 s bench clip's first clip from 0.53–0.70
// to 0.33–0.39 CPU-s (steady state 0.25–0.34) for 0.15 s more at start-up (2026-12-03).

import { CameraPathTracker } from '../analyze/shake';
import { SignatureBuilder } from '../analyze/takeSignature';
import type { AnalysisContext, Frame, FrameAnalyzer } from '../analyze/types';
import type { EngineSettings } from '../contracts/settings';
import type { MotionFrame } from '../media/samplingPlan';
import { ANALYSIS_BATCH } from './rateClip';

/** Analysis batches and motion frames run: about what a 10 s clip brings. */
const WARM_BATCHES = 2;
const WARM_MOTION_FRAMES = 40;

/**
 * Soft waves moving right by `shift` px between a blown band and a crushed one: edges of
 * fractional width, flat, dark and clipped tiles, as a picture has. Optimised code that saw only
 * whole-number readings, no clipping, one kind of array or one frame's cached luma is thrown away
 * on the first clip, so each frame is a Buffer of its own (as decoded frames arrive) and every
 * analyser meets the paths real frames take.
 */
function warmPixels(width: number, height: number, channels: number, shift: number): Buffer {
  const px = Buffer.alloc(width * height * channels);
  const across = Float64Array.from({ length: width }, (_, x) => 90 * Math.sin((x + shift) / 3.7));
  for (let y = 0; y < height; y++) {
    const down = Math.cos(y / 5.3);
    for (let x = 0; x < width; x++) {
      const wave = 128 + across[x] * down;
      const v = y > height * 0.8 ? 4 : y < height * 0.1 ? 255 : Math.round(wave);
      for (let c = 0; c < channels; c++) px[(y * width + x) * channels + c] = Math.min(255, v + c * 9);
    }
  }
  return px;
}

export async function warmUp(analyzers: FrameAnalyzer[], settings: EngineSettings): Promise<void> {
  const width = settings.analysisWidth;
  const height = Math.max(2, Math.round((width * 9) / 16 / 2) * 2);
  const batch = (b: number): Frame[] => Array.from({ length: ANALYSIS_BATCH }, (_, i) => ({ timeSec: (b * ANALYSIS_BATCH + i) / 3, width, height, rgb: warmPixels(width, height, 3, i) }));
  const ctx: AnalysisContext = { media: { durationSec: ANALYSIS_BATCH, fps: 1, width, height }, footageMode: 'standard', settings };
  const t = settings.tuning;
  const signature = new SignatureBuilder(t.takeSignatureFrames);
  // A failure here will show (with a clear message) on the first real clip; it must not stop start-up.
  for (let b = 0; b < WARM_BATCHES; b++) {
    const frames = batch(b);
    await Promise.all(analyzers.map((a) => a.analyze(frames, ctx).catch(() => undefined)));
    for (const f of frames) signature.push(f);
  }
  const mw = settings.motionWidth;
  const mh = Math.max(2, Math.round((mw * 9) / 16 / 2) * 2);
  const tracker = new CameraPathTracker(t.shakeMaxShiftFraction, t.shakeMinAgreeFraction, t.shakeCutOverlap);
  for (let i = 0; i < WARM_MOTION_FRAMES; i++) {
    const m: MotionFrame = { timeSec: i / 10, width: mw, height: mh, gray: warmPixels(mw, mh, 1, i % 3), run: 0 };
    tracker.push(m);
  }
  tracker.samples(settings);
}
