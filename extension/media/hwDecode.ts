// Hardware decoding (`hwDecode`): which ffmpeg hwaccel a clip is decoded with, or why software.
//
// Per engine (once per binary and setting): `auto` takes the platform's decoders in order of
// preference that this ffmpeg lists (`-hwaccels`) and keeps the first whose device answers a
// tiny decode; a name is tried as given. Per clip: the first `hwDecodeCheck.seconds` are decoded
// with the hwaccel and in software, and the hwaccel is used only when every picture is the same
// (checksums after conversion to the file's pixel format, as skipCheck does for `bidir`) and it
// was faster. Anything else — a device that cannot start, a decoder that silently fell back, one
// different pixel, no speed gain — decodes in software and the report says why.

import type { EngineSettings } from '../contracts/settings';
import { ffmpegCapabilities } from './capabilities';
import { Binaries, frameHashesLogged, ProcessError, runFfmpeg } from './ffmpeg';
import type { ProbedMedia } from './probe';

export interface DecodeChoice {
  /** The `-hwaccel` name, or null for software. */
  hwaccel: string | null;
  /** What the report says: the hwaccel's name, or `software (why)`. */
  label: string;
}

const software = (why: string): DecodeChoice => ({ hwaccel: null, label: `software (${why})` });

/** Hardware decoders worth trying on a platform, best first. */
export function platformHwaccels(platform: NodeJS.Platform = process.platform): string[] {
  switch (platform) {
    case 'darwin':
      return ['videotoolbox'];
    case 'win32':
      return ['d3d11va', 'dxva2'];
    case 'linux':
      return ['cuda', 'vaapi'];
    default:
      return [];
  }
}

const engineChoices = new Map<string, Promise<DecodeChoice>>();

/** What `hwDecode` means with this binary on this machine (cached per binary and setting). */
export function resolveHwDecode(bins: Binaries, setting: EngineSettings['hwDecode']): Promise<DecodeChoice> {
  const key = `${bins.ffmpeg}\n${setting}`;
  let p = engineChoices.get(key);
  if (!p) {
    p = chooseHwaccel(bins, setting);
    engineChoices.set(key, p);
  }
  return p;
}

async function chooseHwaccel(bins: Binaries, setting: string): Promise<DecodeChoice> {
  if (setting === 'off') return software('hwDecode: off');
  if (setting !== 'auto') {
    const why = await deviceFails(bins, setting);
    return why ? software(`${setting}: ${why}`) : { hwaccel: setting, label: setting };
  }
  const offered = (await ffmpegCapabilities(bins)).hwaccels;
  const candidates = platformHwaccels().filter((h) => offered.includes(h));
  if (!candidates.length) {
    return software(`no hardware decoder for ${process.platform} in this ffmpeg (it offers ${offered.length ? offered.join(', ') : 'none'})`);
  }
  const failures: string[] = [];
  for (const h of candidates) {
    const why = await deviceFails(bins, h);
    if (!why) return { hwaccel: h, label: h };
    failures.push(`${h}: ${why}`);
  }
  return software(`no hardware decoder answered: ${failures.join('; ')}`);
}

let tinyClip: Promise<Buffer | null> | null = null;

/** A few frames of H.264 made by this ffmpeg (null when it has no H.264 encoder). */
function tinyH264(bins: Binaries): Promise<Buffer | null> {
  tinyClip ??= runFfmpeg(bins, ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=30:duration=0.2', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-f', 'h264', 'pipe:1'])
    .then((r) => (r.stdout.length ? r.stdout : null))
    .catch(() => null);
  return tinyClip;
}

/** Null when `hwaccel` decodes a tiny clip here; else why not, in ffmpeg's words. */
async function deviceFails(bins: Binaries, hwaccel: string): Promise<string | null> {
  const clip = await tinyH264(bins);
  // Without an encoder, a clip of the device's own making is not possible: the per-clip check decides.
  if (!clip) return null;
  try {
    const { stderr } = await runFfmpeg(bins, ['-loglevel', 'warning', '-hwaccel', hwaccel, '-f', 'h264', '-i', 'pipe:0', '-f', 'null', '-'], undefined, clip);
    return silentFallback(stderr);
  } catch (e) {
    return ffmpegReason(e);
  }
}

/** ffmpeg falls back to software with only a warning when a hwaccel cannot take a stream. */
function silentFallback(stderr: string): string | null {
  const m = /Failed setup for format[^\n]*|hwaccel initialisation returned error[^\n]*|[^\n]*(?:Using|Falling back to) software decoding[^\n]*/i.exec(stderr);
  return m ? `the decoder fell back to software (${clean(m[0])})` : null;
}

/** The most telling line of a failed ffmpeg run. */
function ffmpegReason(e: unknown): string {
  const stderr = e instanceof ProcessError ? e.stderr : '';
  const lines = stderr.split(/\r?\n/).map(clean).filter(Boolean);
  const telling = lines.find((l) => /Unrecognized hwaccel|Device creation failed|No VA display|Cannot load|not supported|No device available/i.test(l));
  return telling ?? lines[lines.length - 1] ?? (e as Error).message;
}

const clean = (line: string) => line.replace(/^\[[^\]]*\]\s*/, '').trim();

/** The decode a clip gets: the engine's hwaccel if this clip's check passes, else software with the reason. */
export async function chooseClipDecode(bins: Binaries, probed: ProbedMedia, settings: EngineSettings, signal?: AbortSignal): Promise<DecodeChoice> {
  const engine = await resolveHwDecode(bins, settings.hwDecode);
  if (!engine.hwaccel) return engine;
  const c = settings.hwDecodeCheck;
  if (!(probed.media.durationSec >= c.minClipSec)) return software(`clip shorter than ${c.minClipSec} s: checking ${engine.hwaccel} would cost more than it saves`);
  return checkClipDecode(bins, probed, engine.hwaccel, settings, signal);
}

/** Decodes the clip's first seconds with `hwaccel` and in software; the hwaccel only if identical and faster. */
export async function checkClipDecode(bins: Binaries, probed: ProbedMedia, hwaccel: string, settings: EngineSettings, signal?: AbortSignal): Promise<DecodeChoice> {
  const c = settings.hwDecodeCheck;
  const pix = probed.media.pixelFormat;
  const filter = pix ? `format=${pix}` : undefined;
  const input = ['-threads', '0', '-t', c.seconds.toFixed(3)];
  // One after the other: each is timed alone.
  const timedDecode = async (extra: string[]) => {
    const t0 = process.hrtime.bigint();
    const r = await frameHashesLogged(bins, probed.path, [...extra, ...input], signal, filter);
    return { ...r, sec: Number(process.hrtime.bigint() - t0) / 1e9 };
  };
  const attempt = async (extra: string[]) => {
    try {
      return await timedDecode(extra);
    } catch (e) {
      if (signal?.aborted) throw e;
      return ffmpegReason(e);
    }
  };
  const hw = await attempt(['-hwaccel', hwaccel]);
  if (typeof hw === 'string') return software(`${hwaccel} failed on this clip: ${hw}`);
  const fellBack = silentFallback(hw.stderr);
  if (fellBack) return software(`${hwaccel}: ${fellBack}`);
  const sw = await attempt([]);
  if (typeof sw === 'string') return software(`${hwaccel} could not be checked: the software decode failed (${sw})`);
  const differs = compareDecodes(sw.hashes, hw.hashes);
  if (differs) return software(`${hwaccel} ${differs}`);
  if (hw.sec * c.minSpeedup > sw.sec) return software(`${hwaccel} was not faster: ${hw.sec.toFixed(2)} s against ${sw.sec.toFixed(2)} s in software for the first ${c.seconds} s`);
  return { hwaccel, label: hwaccel };
}

/**
 * Null when every picture of `candidate` is the picture `reference` has at that time and there are
 * enough to judge; else what differs, in words.
 */
export function compareDecodes(reference: Map<string, string>, candidate: Map<string, string>): string | null {
  if (reference.size < 3) return `could not be compared: the software decode gave ${reference.size} frame(s)`;
  let differ = 0;
  let missing = 0;
  for (const [pts, hash] of reference) {
    const other = candidate.get(pts);
    if (other === undefined) missing++;
    else if (other !== hash) differ++;
  }
  if (differ) return `gave different pictures (${differ} of ${reference.size} frames)`;
  if (missing || candidate.size !== reference.size) return `gave ${candidate.size} frames where software gave ${reference.size}`;
  return null;
}
