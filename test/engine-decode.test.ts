// How clips are decoded: inputs that skip ffmpeg's stream probe give the same frames at the same
// times as probed ones (H.264 with B-frames and a container start time, HEVC 10-bit, keyframe and
// fixed-rate plans; MP4/MOV only), and hardware decoding falls back to software — with the reason in the
// report and results identical to `hwDecode: 'off'` — when the hwaccel cannot start or differs.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveSettings } from '../extension/contracts/settings';
import type { ClipReport } from '../extension/contracts/report';
import { createEngine } from '../extension/index';
import type { Frame } from '../extension/analyze/types';
import { ffmpegCapabilities, parseHwaccels } from '../extension/media/capabilities';
import { frameHashes, resolveBinaries } from '../extension/media/ffmpeg';
import { checkClipDecode, compareDecodes, platformHwaccels, resolveHwDecode } from '../extension/media/hwDecode';
import { probeMedia } from '../extension/media/probe';
import { InputOptions, MotionFrame, planDecode, planSampling, sampleClip, SamplingPlan, SOFTWARE_INPUTS } from '../extension/media/sampler';
import { runFfmpeg } from './fixtures/process';

const bins = resolveBinaries({ ffmpegPath: null, ffprobePath: null });
let tmp: string;
let h264: string; // 6 s, 1 s GOP, B-frames: keyframe plan
let h264Long: string; // 12 s, keyframes every 5 s: fixed-rate plan cut into two parts
let hevc10: string; // 4 s, 1 s GOP, yuv420p10le

const ffmpeg = runFfmpeg;

const SRC = ['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30,noise=alls=8:allf=t'];

beforeAll(async () => {
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cliptriage-decode-'));
  h264 = path.join(tmp, 'h264-short-gop.mp4');
  h264Long = path.join(tmp, 'h264-long-gop.mp4');
  hevc10 = path.join(tmp, 'hevc10-short-gop.mov');
  const x264 = (gop: number) => ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-bf', '3', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0'];
  await Promise.all([
    // A container start time (an empty edit, as in clips cut from a longer file): ffmpeg adds it
    // to seeks and takes it off frame times only when it probed the stream.
    ffmpeg([...SRC, '-t', '6', ...x264(30), '-output_ts_offset', '0.25', h264]),
    ffmpeg([...SRC, '-t', '12', ...x264(150), '-output_ts_offset', '0.25', h264Long]),
    ffmpeg([...SRC, '-t', '4', '-c:v', 'libx265', '-preset', 'veryfast', '-pix_fmt', 'yuv420p10le', '-x265-params', 'keyint=30:min-keyint=30:bframes=3:log-level=error', hevc10]),
  ]);
});

afterAll(async () => {
  if (tmp) await fs.promises.rm(tmp, { recursive: true, force: true });
});

interface Decoded {
  frames: Frame[];
  motion: MotionFrame[];
}

async function decodeAll(file: string, plan: SamplingPlan): Promise<Decoded> {
  const probed = await probeMedia(bins, file);
  const frames: Frame[] = [];
  const motion: MotionFrame[] = [];
  await sampleClip(bins, file, probed, plan, { onFrame: (f) => void frames.push(f), onMotion: (m) => void motion.push(m) });
  frames.sort((a, b) => a.timeSec - b.timeSec);
  motion.sort((a, b) => a.run! - b.run! || a.timeSec - b.timeSec);
  return { frames, motion };
}

/**
 * Same frames, same times, same pixels. Times to the ms: a seeked input's times carry up to half a
 * tick of the stream's time base (≈ 33 µs at 1/15360), and which of two processes delivers a
 * keyframe at their boundary is a race, with or without the probe.
 */
function expectSameDecode(a: Decoded, b: Decoded): void {
  expect(a.frames.map((f) => f.timeSec.toFixed(3))).toEqual(b.frames.map((f) => f.timeSec.toFixed(3)));
  a.frames.forEach((f, i) => expect(Buffer.compare(Buffer.from(f.rgb), Buffer.from(b.frames[i].rgb))).toBe(0));
  expect(a.motion.map((m) => `${m.run}@${m.timeSec.toFixed(3)}`)).toEqual(b.motion.map((m) => `${m.run}@${m.timeSec.toFixed(3)}`));
  a.motion.forEach((m, i) => expect(Buffer.compare(Buffer.from(m.gray), Buffer.from(b.motion[i].gray))).toBe(0));
}

describe('inputs without the stream probe', () => {
  test('this ffmpeg can skip the probe, and lists its hardware decoders', async () => {
    const caps = await ffmpegCapabilities(bins);
    expect(caps.skipStreamProbe).toBe(true);
    expect(caps.hwaccels.length).toBeGreaterThan(0);
    expect(parseHwaccels('Hardware acceleration methods:\nvideotoolbox\n\n')).toEqual(['videotoolbox']);
  });

  const probeless: InputOptions = { ...SOFTWARE_INPUTS, skipStreamProbe: true };
  test.each([
    ['H.264 with B-frames, keyframe plan', () => h264, 'keyframes', {}],
    ['H.264, fixed-rate plan in two parts', () => h264Long, 'fixed', { skipFrames: 'noref' }],
    ['HEVC 10-bit, keyframe plan', () => hevc10, 'keyframes', {}],
  ] as const)('%s: same frames at the same times as with the probe', async (_, clip, mode, tuning) => {
    const file = clip();
    const probed = await probeMedia(bins, file);
    const settings = resolveSettings({ tuning: { ...tuning, motionBurstIntervalSec: 1, motionBurstsPerProcess: 3 } });
    const splits = mode === 'fixed' ? [5] : [];
    const plain = planSampling(probed, settings, splits);
    const skipped = planSampling(probed, settings, splits, probeless);
    expect(skipped.mode).toBe(mode);
    expect(skipped.chunks.length).toBeGreaterThan(1);
    for (const c of skipped.chunks) expect(c.inputArgs).toContain('-nofind_stream_info');
    expect(plain.chunks.flatMap((c) => c.inputArgs)).not.toContain('-nofind_stream_info');
    const [a, b] = await Promise.all([decodeAll(file, skipped), decodeAll(file, plain)]);
    expect(a.frames.length).toBeGreaterThanOrEqual(mode === 'fixed' ? 24 : 4);
    if (mode === 'keyframes') expect(a.motion.length).toBeGreaterThanOrEqual(9 * 4);
    expectSameDecode(a, b);
  });

  test('the H.264 fixtures start at 0.25 s, so the start-time correction is exercised', async () => {
    for (const f of [h264, h264Long]) expect((await probeMedia(bins, f)).startSec).toBeCloseTo(0.25, 3);
  });

  test('the engine plans probe-free inputs for MP4/MOV only', async () => {
    const settings = resolveSettings({ hwDecode: 'off' });
    const mp4 = await planDecode(bins, await probeMedia(bins, h264), settings);
    expect(mp4.chunks[0].inputArgs).toContain('-nofind_stream_info');
    const mkv = path.join(tmp, 'h264.mkv');
    await ffmpeg(['-i', h264, '-c', 'copy', mkv]);
    const matroska = await planDecode(bins, await probeMedia(bins, mkv), settings);
    expect(matroska.mode).toBe('keyframes');
    expect(matroska.chunks.flatMap((c) => c.inputArgs)).not.toContain('-nofind_stream_info');
    const off = await planDecode(bins, await probeMedia(bins, h264), resolveSettings({ hwDecode: 'off', tuning: { skipStreamProbe: false } }));
    expect(off.chunks.flatMap((c) => c.inputArgs)).not.toContain('-nofind_stream_info');
  });
});

describe('hardware decoding falls back to software', () => {
  test('each platform has its decoders in order of preference', () => {
    expect(platformHwaccels('darwin')).toEqual(['videotoolbox']);
    expect(platformHwaccels('win32')).toEqual(['d3d11va', 'dxva2']);
    expect(platformHwaccels('linux')).toEqual(['cuda', 'vaapi']);
  });

  // This machine has no GPU and no /dev/dri: VAAPI cannot start, and a bogus name is refused.
  const noDevice = !fs.existsSync('/dev/dri');
  const forced = noDevice ? ['vaapi', 'bogus'] : ['bogus'];
  test.each(forced)('hwDecode %s that cannot start: software with the reason, same results as off', async (hw) => {
    const choice = await resolveHwDecode(bins, hw);
    expect(choice.hwaccel).toBeNull();
    expect(choice.label).toMatch(new RegExp(`^software \\(${hw}: .+\\)$`));
    if (hw === 'bogus') expect(choice.label).toMatch(/Unrecognized hwaccel/);
    const rate = async (hwDecode: string): Promise<{ decode: string | undefined; clips: ClipReport[] }> => {
      const engine = await createEngine({ noCache: true, hwDecode });
      try {
        const r = await engine.rate([h264, h264Long, hevc10].map((p, i) => ({ key: String(i), path: p })));
        return { decode: r.engine.decode, clips: r.clips };
      } finally {
        await engine.close();
      }
    };
    const [forcedRun, offRun] = [await rate(hw), await rate('off')];
    expect(forcedRun.decode).toBe(choice.label);
    expect(offRun.decode).toBe('software (hwDecode: off)');
    for (const c of forcedRun.clips) expect(c.decode).toBe(choice.label);
    const results = (r: { clips: ClipReport[] }) => r.clips.map(({ decode, ...rest }) => rest);
    expect(forcedRun.clips.every((c) => c.status === 'rated')).toBe(true);
    expect(results(forcedRun)).toEqual(results(offRun));
  });

  test('auto on a machine without a usable device says why in the report', async () => {
    const auto = await resolveHwDecode(bins, 'auto');
    if (auto.hwaccel) return; // a machine with a working hardware decoder: nothing to fall back from
    expect(auto.label).toMatch(/^software \(.+\)$/);
    const engine = await createEngine({ noCache: true });
    try {
      const r = await engine.rate([{ key: 'a', path: h264 }]);
      expect(r.engine.decode).toBe(auto.label);
      expect(r.clips[0].decode).toBe(auto.label);
    } finally {
      await engine.close();
    }
  });

  test('a clip whose hardware decode fails is decoded in software, with ffmpeg\'s reason', async () => {
    const probed = await probeMedia(bins, h264Long);
    const choice = await checkClipDecode(bins, probed, 'bogus', resolveSettings());
    expect(choice).toEqual({ hwaccel: null, label: expect.stringMatching(/^software \(bogus failed on this clip: Unrecognized hwaccel: bogus\.?\)$/) });
  });

  test('the check: pictures that differ, frames that are missing, or too few to judge mean software', async () => {
    const input = ['-threads', '1', '-t', '1'];
    const reference = await frameHashes(bins, h264Long, input);
    // A real decode that differs: deblocking skipped changes pixels, not timestamps.
    const different = await frameHashes(bins, h264Long, ['-skip_loop_filter', 'all', ...input]);
    const fewer = await frameHashes(bins, h264Long, ['-skip_frame', 'noref', ...input]);
    expect(reference.size).toBe(30);
    expect(compareDecodes(reference, await frameHashes(bins, h264Long, input))).toBeNull();
    expect(compareDecodes(reference, different)).toMatch(/^gave different pictures \(\d+ of 30 frames\)$/);
    expect(compareDecodes(reference, fewer)).toMatch(new RegExp(`^gave ${fewer.size} frames where software gave 30$`));
    expect(compareDecodes(new Map([...reference].slice(0, 2)), reference)).toMatch(/could not be compared/);
  });

  test('clips shorter than the check is worth are not checked', async () => {
    const probed = await probeMedia(bins, h264);
    const { chooseClipDecode } = await import('../extension/media/hwDecode');
    const auto = await resolveHwDecode(bins, 'auto');
    const choice = await chooseClipDecode(bins, probed, resolveSettings({ hwDecodeCheck: { minClipSec: 60 } }));
    // Either the engine had no hardware decoder (its reason), or the clip is too short for one.
    expect(choice.hwaccel).toBeNull();
    if (auto.hwaccel) expect(choice.label).toMatch(/clip shorter than 60 s/);
    else expect(choice.label).toBe(auto.label);
  });
});
