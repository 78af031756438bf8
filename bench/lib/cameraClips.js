'use strict';
// Camera-format clips for the benchmark: what editors' cards hold, several times costlier to decode
// than the 1080p headline clips. Generated at bench time (once; cached beside the other clips,
// keyed by recipe and encoder binary), short so the bench stays within minutes:
//   - 4K30 H.264 High, ~100 Mbit/s, CABAC, 2 B-frames, a keyframe every second (Sony XAVC S,
//     Canon, DJI style long-GOP: inter-coded, as opposed to all-intra);
//   - 4K30 HEVC Main 10 (yuv420p10le), ~60 Mbit/s, 3 B-frames, a keyframe every second (phones,
//     mirrorless cameras and drones).
// Content: testsrc2 at 1080p with temporal noise, scaled ×2 (the noise then costs the encoder
// and decoder what texture does), so generation is the encoder's time, not the pattern's.
// Encoding 4K is the slow part (≈ 10 CPU-s per video second for H.264 superfast, ≈ 20 for HEVC
// ultrafast, measured on the 2-core bench machine), which is why the HEVC clip is shorter.

const fs = require('fs');
const path = require('path');
const { run } = require('./proc');

const SOURCE = 'testsrc2=size=1920x1080:rate=30,noise=alls=6:allf=t,scale=3840:2160:flags=neighbor';

const FORMATS = [
  {
    id: 'h264-4k-100m',
    name: '4K30 H.264 100 Mbit/s (XAVC S-like, GOP 1 s)',
    sec: 10,
    encoder: 'libx264',
    args: ['-c:v', 'libx264', '-preset', 'superfast', '-profile:v', 'high', '-b:v', '100M', '-maxrate', '120M', '-bufsize', '200M',
      '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-bf', '2', '-pix_fmt', 'yuv420p'],
  },
  {
    id: 'hevc10-4k',
    name: '4K30 HEVC 10-bit 60 Mbit/s (phone/mirrorless-like, GOP 1 s)',
    sec: 6,
    encoder: 'libx265',
    args: ['-c:v', 'libx265', '-preset', 'ultrafast', '-b:v', '60M', '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1',
      '-x265-params', 'keyint=30:min-keyint=30:scenecut=0:bframes=3:log-level=error'],
  },
];

/** Whether `ffmpeg` can encode this format (a 2-frame test encode to the null muxer). */
async function canEncode(ffmpeg, fmt) {
  try {
    const r = await run(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=30', '-frames:v', '2', ...fmt.args, '-f', 'null', '-']);
    return r.code === 0;
  } catch {
    return false;
  }
}

/**
 * The camera clips in `dir`, generating what is missing. Each is encoded by the engine's ffmpeg
 * when it can, else by the system's (/usr/bin/ffmpeg), else skipped with what to install.
 * Returns [{ ...format, file, encodedBy } | { ...format, skipped }].
 */
async function ensureCameraClips(dir, ffmpeg, log) {
  fs.mkdirSync(dir, { recursive: true });
  const out = [];
  for (const fmt of FORMATS) {
    const file = path.join(dir, `${fmt.id}-${fmt.sec}s.mp4`);
    const encodedByFile = `${file}.encoder`;
    if (fs.existsSync(file)) {
      out.push({ ...fmt, file, encodedBy: fs.existsSync(encodedByFile) ? fs.readFileSync(encodedByFile, 'utf8') : ffmpeg });
      continue;
    }
    const candidates = [ffmpeg, '/usr/bin/ffmpeg'].filter((b, i, a) => a.indexOf(b) === i && (i === 0 || fs.existsSync(b)));
    let encoder = null;
    for (const b of candidates) if (await canEncode(b, fmt)) { encoder = b; break; }
    if (!encoder) {
      out.push({ ...fmt, skipped: `neither the engine's ffmpeg nor /usr/bin/ffmpeg can encode it with ${fmt.encoder}: install Debian's ffmpeg (\`apt-get install ffmpeg\`) or set FFMPEG_PATH to an ffmpeg with ${fmt.encoder}` });
      continue;
    }
    log(`generating ${path.basename(file)} (${fmt.name}, ${fmt.sec} s) with ${encoder} — once, cached; 4K encoding takes minutes on 2 cores`);
    const tmp = `${file}.part.mp4`;
    const r = await run(encoder, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', SOURCE, '-t', String(fmt.sec),
      ...fmt.args, '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-movflags', '+faststart', '-y', tmp]);
    if (r.code !== 0) {
      out.push({ ...fmt, skipped: `encoding failed: ${r.stderr.slice(-300)}` });
      continue;
    }
    fs.renameSync(tmp, file);
    fs.writeFileSync(encodedByFile, encoder);
    out.push({ ...fmt, file, encodedBy: encoder });
  }
  return out;
}

module.exports = { ensureCameraClips, CAMERA_FORMATS: FORMATS };
