// Sampling: ONE ffmpeg process per clip decodes the video once and emits two raw streams —
// small full-range RGB frames for blur/exposure (sampleFps × analysisWidth) and a denser,
// tiny grey stream for motion (motionFps × motionWidth). Rate reduction and scaling happen inside
// ffmpeg (fps before scale, so only sampled frames are ever scaled or converted), and frames are
// handed to the caller while ffmpeg keeps decoding. The plan is a value so strategies (e.g.
// keyframe-only sampling for short-GOP files) can be added here without touching the analysers.

import type { Frame } from '../analyze/types';
import type { EngineSettings } from '../contracts/settings';
import { Binaries, decodeRaw } from './ffmpeg';
import { ClipFailure, ProbedMedia } from './probe';

export interface MotionFrame {
  timeSec: number;
  width: number;
  height: number;
  gray: Uint8Array;
}

export interface SamplingPlan {
  analysisFps: number;
  analysisWidth: number;
  analysisHeight: number;
  motionFps: number;
  motionWidth: number;
  motionHeight: number;
  filterGraph: string;
  inputArgs: string[];
}

export interface SampleSink {
  /** May return a promise to pause decoding until the analysis has caught up. */
  onFrame(frame: Frame): void | Promise<unknown>;
  onMotion(frame: MotionFrame): void;
}

const even = (v: number) => Math.max(2, Math.round(v / 2) * 2);

export function planSampling(probed: ProbedMedia, settings: EngineSettings): SamplingPlan {
  const { media } = probed;
  const dur = Math.max(media.durationSec, 0.001);
  const nativeFps = media.fps > 0 ? media.fps : 30;
  // Long clips sample more sparsely so analysis time stays bounded; never above the native rate
  // (duplicated frames would look like a frozen camera to the motion analysis).
  const cap = settings.tuning.maxSampledFrames / dur;
  // A clip shorter than two sample periods (a single frame, a flash frame) is decoded whole: the
  // fps filter would otherwise emit nothing for it.
  const tiny = dur * Math.min(settings.sampleFps, nativeFps) < 2;
  const analysisFps = tiny ? nativeFps : Math.min(settings.sampleFps, nativeFps, cap);
  const motionFps = Math.min(settings.motionFps, nativeFps, cap * 5);
  const rateA = tiny ? 'null' : `fps=fps=${analysisFps.toFixed(6)}`;
  const aspect = media.height / Math.max(1, media.width);
  const analysisWidth = even(Math.min(settings.analysisWidth, media.width));
  const analysisHeight = even(analysisWidth * aspect);
  const motionWidth = even(Math.min(settings.motionWidth, media.width));
  const motionHeight = even(motionWidth * aspect);

  // Range-aware conversion: tell swscale what the source range and matrix are and ask for full
  // range out, so a limited-range (16–235) clip and a full-range one give the same RGB values.
  const inRange = media.colorRange === 'full' ? 'pc' : 'tv';
  const matrix = probed.colorMatrix ? `:in_color_matrix=${probed.colorMatrix}` : '';
  const conv = `in_range=${inRange}:out_range=pc${matrix}`;
  const pre = probed.interlaced ? 'yadif=mode=0,' : '';
  const filterGraph =
    `[0:v]${pre}split=2[s0][s1];` +
    `[s0]${rateA},scale=${analysisWidth}:${analysisHeight}:flags=area:${conv},format=rgb24[a];` +
    `[s1]fps=fps=${motionFps.toFixed(6)},scale=${motionWidth}:${motionHeight}:flags=area:${conv},format=gray[m]`;
  return {
    analysisFps,
    analysisWidth,
    analysisHeight,
    motionFps,
    motionWidth,
    motionHeight,
    filterGraph,
    inputArgs: ['-threads', '0', ...(settings.tuning.skipLoopFilter ? ['-skip_loop_filter', 'all'] : [])],
  };
}

export interface SampleResult {
  frames: number;
  motionFrames: number;
  lastTimeSec: number;
}

/** Decodes `file` per `plan`, feeding `sink`; throws ClipFailure when nothing usable decodes. */
export async function sampleClip(
  bins: Binaries,
  file: string,
  probed: ProbedMedia,
  plan: SamplingPlan,
  sink: SampleSink,
  signal?: AbortSignal,
): Promise<SampleResult> {
  let frames = 0;
  let motionFrames = 0;
  let lastTimeSec = 0;
  const aBytes = plan.analysisWidth * plan.analysisHeight * 3;
  const mBytes = plan.motionWidth * plan.motionHeight;
  // The fps filter emits frame n at n / fps (timestamps start at 0 without -copyts).
  const result = await decodeRaw(bins, {
    inputArgs: plan.inputArgs,
    input: file,
    filterGraph: plan.filterGraph,
    signal,
    outputs: [
      {
        label: '[a]',
        pixFmt: 'rgb24',
        frameBytes: aBytes,
        onFrame: (buf, n) => {
          frames++;
          lastTimeSec = n / plan.analysisFps;
          return sink.onFrame({ timeSec: lastTimeSec, width: plan.analysisWidth, height: plan.analysisHeight, rgb: buf });
        },
      },
      {
        label: '[m]',
        pixFmt: 'gray',
        frameBytes: mBytes,
        onFrame: (buf, n) => {
          motionFrames++;
          sink.onMotion({ timeSec: n / plan.motionFps, width: plan.motionWidth, height: plan.motionHeight, gray: buf });
        },
      },
    ],
  });
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
  if (frames === 0) throw decodeFailure(result.stderrTail);
  // The data ended well before the duration the header promises: a cut-off copy or recording.
  const expected = probed.media.durationSec;
  const covered = lastTimeSec + 1 / plan.analysisFps;
  if (expected > 2 && covered < expected * 0.85 - 0.5 && (result.exitCode !== 0 || /partial file|Invalid|error|Truncat|corrupt/i.test(result.stderrTail))) {
    throw new ClipFailure(
      'truncated',
      `The file is cut off: only ${covered.toFixed(1)} s of ${expected.toFixed(1)} s could be decoded (incomplete copy or interrupted recording).`,
    );
  }
  return { frames, motionFrames, lastTimeSec };
}

function decodeFailure(stderr: string): ClipFailure {
  const m = /Decoder \(codec ([^)]+)\) not found|Unknown decoder '([^']+)'|Unsupported codec|no decoder/i.exec(stderr);
  if (m) return new ClipFailure('unsupported-codec', `The video codec${m[1] || m[2] ? ` (${m[1] || m[2]})` : ''} cannot be decoded by this ffmpeg.`);
  return new ClipFailure('truncated', 'No picture could be decoded: the file is damaged or ends before its first frame.');
}
