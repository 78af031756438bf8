// The clip probe without its first-frame decode (`tuning.probeFromHeaders`): for H.264 the
// sequence parameter set answers what that decode would (pixel format, range, colour description,
// scan, reorder depth) and the packet listing what it would work out of timings, so the probed
// media are exactly the full probe's — checked on generated files of every kind the header path
// takes (a variable frame rate among them), and on two it must leave to the full probe
// (field-coded, Matroska).

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hexDumpBytes, resolveBinaries } from '../extension/media/ffmpeg';
import { spsStreamFacts } from '../extension/media/h264Sps';
import { keyframesNear, probeHeaders, probeMedia } from '../extension/media/probe';
import { runFfmpeg } from './fixtures/process';

const bins = resolveBinaries({ ffmpegPath: null, ffprobePath: null });
const SRC = ['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30'];
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-t', '2'];
let tmp: string;

// name → encoder arguments (after the source); each is a way cameras and phones write H.264.
const KINDS: Record<string, string[]> = {
  'bframes.mp4': [...X264, '-preset', 'veryfast', '-bf', '3', '-pix_fmt', 'yuv420p'],
  'fullrange-bt709.mp4': [...X264, '-pix_fmt', 'yuvj420p', '-color_range', 'pc', '-colorspace', 'bt709'],
  'fullrange-flag.mp4': [...X264, '-pix_fmt', 'yuv420p', '-x264-params', 'fullrange=on'],
  'pq-bt2020.mp4': [...X264, '-pix_fmt', 'yuv420p', '-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc'],
  'baseline.mp4': [...X264, '-profile:v', 'baseline', '-pix_fmt', 'yuv420p'],
  '422.mov': [...X264, '-pix_fmt', 'yuv422p'],
  'rotated.mp4': [...X264, '-pix_fmt', 'yuv420p', '-metadata:s:v', 'rotate=90'],
  'audio-offset.mp4': ['-f', 'lavfi', '-i', 'sine=d=2.5', ...X264, '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-output_ts_offset', '0.25'],
};
const INTERLACED = 'interlaced.mp4';
// Keyframes every 5 s behind a container start time (an empty edit), for the split-point seeks.
const LONG_GOP = 'long-gop-offset.mp4';
// Matroska keeps stream durations in tags: the header path cannot rebuild the timings.
const MATROSKA = 'matroska.mkv';
// Frames 1, 1 and 3 ticks long: a variable frame rate.
const VFR = 'variable-rate.mp4';

beforeAll(async () => {
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cliptriage-probe-'));
  await Promise.all([
    ...Object.entries(KINDS).map(([name, args]) => runFfmpeg([...SRC, ...args, path.join(tmp, name)])),
    runFfmpeg([...SRC, ...X264, '-pix_fmt', 'yuv420p', '-flags', '+ildct+ilme', path.join(tmp, INTERLACED)]),
    runFfmpeg([...SRC, ...X264, '-pix_fmt', 'yuv420p', '-bf', '2', path.join(tmp, MATROSKA)]),
    runFfmpeg([...SRC, ...X264, '-pix_fmt', 'yuv420p', '-vf', 'select=lt(mod(n\\,5)\\,3)', '-vsync', 'vfr', path.join(tmp, VFR)]),
    runFfmpeg([...SRC, '-c:v', 'libx264', '-preset', 'ultrafast', '-t', '12', '-pix_fmt', 'yuv420p', '-g', '150', '-keyint_min', '150', '-sc_threshold', '0', '-output_ts_offset', '0.25', path.join(tmp, LONG_GOP)]),
  ]);
}, 60_000);

afterAll(async () => {
  if (tmp) await fs.promises.rm(tmp, { recursive: true, force: true });
});

describe('probe from the codec header', () => {
  test.each(Object.keys(KINDS))('%s: the header path is taken and gives the full probe’s media', async (name) => {
    const file = path.join(tmp, name);
    expect(await probeHeaders(bins, file, undefined, 10)).not.toBeNull();
    expect(await probeMedia(bins, file, undefined, 10, true)).toEqual(await probeMedia(bins, file, undefined, 10, false));
  });

  test('the colour facts the conversion depends on come through', async () => {
    const full = await probeMedia(bins, path.join(tmp, 'fullrange-flag.mp4'), undefined, 10, true);
    expect(full.media.colorRange).toBe('full');
    const pq = await probeMedia(bins, path.join(tmp, 'pq-bt2020.mp4'), undefined, 10, true);
    expect([pq.media.colorTransfer, pq.media.hdr, pq.colorMatrix]).toEqual(['smpte2084', true, 'bt2020']);
    expect((await probeMedia(bins, path.join(tmp, 'baseline.mp4'), undefined, 10, true)).hasBFrames).toBe(false);
  });

  test('a field-coded stream is left to the full probe, which says it is interlaced', async () => {
    const file = path.join(tmp, INTERLACED);
    expect(await probeHeaders(bins, file, undefined, 10)).toBeNull();
    const probed = await probeMedia(bins, file, undefined, 10, true);
    expect(probed.interlaced).toBe(true);
    expect(probed).toEqual(await probeMedia(bins, file, undefined, 10, false));
  });

  test('Matroska (durations in tags) is left to the full probe, with the same result', async () => {
    const file = path.join(tmp, MATROSKA);
    expect(await probeHeaders(bins, file, undefined, 10)).toBeNull();
    expect(await probeMedia(bins, file, undefined, 10, true)).toEqual(await probeMedia(bins, file, undefined, 10, false));
  });

  test('a variable frame rate is seen the same way by both (MP4 states both rates)', async () => {
    const file = path.join(tmp, VFR);
    expect(await probeHeaders(bins, file, undefined, 10)).not.toBeNull();
    const probed = await probeMedia(bins, file, undefined, 10, true);
    expect(probed.media.variableFrameRate).toBe(true);
    expect(probed).toEqual(await probeMedia(bins, file, undefined, 10, false));
  });

  test('split points: ffprobe’s seeks find the same keyframes without its stream probe', async () => {
    const file = path.join(tmp, LONG_GOP);
    const probed = await probeMedia(bins, file, undefined, 0, true); // no packet map: the seeks answer
    const targets = [3, 7, 11]; // a seek lands on the keyframe at or before its target
    const fast = await keyframesNear(bins, probed, targets, undefined, true);
    expect(fast.map((t) => Math.round(t * 1000) / 1000)).toEqual([0, 5, 10]);
    expect(fast).toEqual(await keyframesNear(bins, probed, targets, undefined, false));
  });

  test('an SPS is read from an ffprobe hex dump; a damaged or cut one answers null', () => {
    // x264's High-profile SPS for 1920×1080 with VUI and bitstream restriction (bench clip).
    const dump = '\n00000000: 0164 0029 ffe1 001b 6764 0029 acd9 4078  .d.)....gd.)..@x\n00000010: 0227 e5c0 4400 0003 0004 0000 0300 f03c  .\'..D..........<\n00000020: 60c6 5801 0004 68ef bcb0                 `.X...h...\n';
    const bytes = hexDumpBytes(dump);
    expect(bytes.length).toBe(42);
    expect(spsStreamFacts(bytes)).toEqual({ pix_fmt: 'yuv420p', color_range: 'unknown', color_space: 'unknown', color_transfer: 'unknown', color_primaries: 'unknown', field_order: 'progressive', has_b_frames: 2 });
    expect(spsStreamFacts(bytes.subarray(0, 20))).toBeNull();
    expect(spsStreamFacts(Uint8Array.from([0, 1, 2, 3]))).toBeNull();
  });
});
