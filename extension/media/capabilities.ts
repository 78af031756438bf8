// What the ffmpeg binary in use can do, asked once per binary (two quick runs, nothing decoded):
// its hardware decoders (`-hwaccels`) and whether an input can skip the stream probe
// (`-nofind_stream_info`, in ffmpeg since 4.3 — the bundled 2018 build has it; an older binary
// set by FFMPEG_PATH may not). The answer is cached for the life of the process.

import { spawn } from 'child_process';
import type { Binaries } from './ffmpeg';

export interface FfmpegCapabilities {
  /** Names `-hwaccel` accepts, as the binary lists them (e.g. videotoolbox, d3d11va, cuda, vaapi). */
  hwaccels: string[];
  /** `-nofind_stream_info` is understood. */
  skipStreamProbe: boolean;
}

const cache = new Map<string, Promise<FfmpegCapabilities>>();

export function ffmpegCapabilities(bins: Binaries): Promise<FfmpegCapabilities> {
  let p = cache.get(bins.ffmpeg);
  if (!p) {
    p = Promise.all([output(bins.ffmpeg, ['-hide_banner', '-hwaccels']), output(bins.ffmpeg, ['-hide_banner', '-h', 'full'])]).then(([hw, help]) => ({
      hwaccels: parseHwaccels(hw),
      skipStreamProbe: /^-find_stream_info\b/m.test(help),
    }));
    cache.set(bins.ffmpeg, p);
  }
  return p;
}

/** `ffmpeg -hwaccels` prints a heading line, then one name per line. */
export function parseHwaccels(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^[a-z0-9_]+$/.test(l));
}

/** stdout of a short run ('' when it cannot run: then the binary can do nothing optional). */
function output(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      if (out.length < 4 * 1024 * 1024) out += d;
    });
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(out));
  });
}
