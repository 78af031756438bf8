// The one place that knows how to find and run ffmpeg/ffprobe. Everything else asks this module
// for probe JSON, raw frame streams or a JPEG; swapping the ffmpeg front end happens here only.
// fluent-ffmpeg (archived upstream) is used where its single-output model fits (thumbnails);
// probing and multi-stream decoding spawn the binaries directly because they need a kill switch on
// every process and more than one output pipe, which fluent-ffmpeg cannot give.
// Never a shell: every process is spawned with an argument array.

import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import { Readable } from 'stream';
import Ffmpeg from 'fluent-ffmpeg';
import { applyChildPriority } from '../util/priority';

export interface Binaries {
  ffmpeg: string;
  ffprobe: string;
}

export interface BinarySettings {
  ffmpegPath: string | null;
  ffprobePath: string | null;
}

/** settings → $FFMPEG_PATH/$FFPROBE_PATH → the binaries bundled by @ffmpeg-installer/@ffprobe-installer. */
export function resolveBinaries(settings: BinarySettings): Binaries {
  const ffmpeg = settings.ffmpegPath || process.env.FFMPEG_PATH || bundled('@ffmpeg-installer/ffmpeg');
  const ffprobe = settings.ffprobePath || process.env.FFPROBE_PATH || bundled('@ffprobe-installer/ffprobe');
  return { ffmpeg: ensureExecutable(ffmpeg), ffprobe: ensureExecutable(ffprobe) };
}

function bundled(pkg: string): string {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (require(pkg) as { path: string }).path;
}

// npm installs with --ignore-scripts (or an allowScripts policy) leave the bundled binaries without
// their execute bit; restore it rather than failing every clip with EACCES.
function ensureExecutable(file: string): string {
  if (process.platform === 'win32') return file;
  try {
    const st = fs.statSync(file);
    if ((st.mode & 0o111) !== 0o111) fs.chmodSync(file, st.mode | 0o755);
  } catch {
    /* not a plain path we can fix (e.g. a bare command name on PATH): leave it to spawn */
  }
  return file;
}

export class ProcessError extends Error {
  constructor(message: string, readonly stderr: string, readonly exitCode: number | null, readonly killedBy: string | null) {
    super(message);
  }
}

/** Kills `child` when `signal` aborts; returns the un-hook function. */
function killOnAbort(child: ChildProcess, signal?: AbortSignal): () => void {
  if (!signal) return () => undefined;
  const kill = () => child.kill('SIGKILL');
  if (signal.aborted) kill();
  signal.addEventListener('abort', kill, { once: true });
  return () => signal.removeEventListener('abort', kill);
}

/**
 * `ffprobe -of json -show_streams -show_format` for one file; rejects with ProcessError on failure.
 * With `packetsSec` > 0 it also lists the packets (stream, time, flags) of that many seconds at
 * the start: where the keyframes are, read from packet flags without decoding anything. With
 * `headersOnly` it skips the stream probe (`-nofind_stream_info`: nothing decoded, so no pixel
 * format, range or scan) and gives each stream's codec header (`extradata`, a hex dump) instead,
 * from a second ffprobe run beside it: `-show_data` beside a packet listing formats every
 * packet's payload (4.8 CPU-s for 10 s of 20 Mbit/s), alone it reads the headers only.
 */
export async function probeJson(bins: Binaries, file: string, signal?: AbortSignal, packetsSec = 0, headersOnly = false): Promise<FfprobeJson> {
  const packets = packetsSec > 0 ? ['-show_entries', 'packet=stream_index,pts_time,flags', '-read_intervals', `%+${packetsSec}`] : [];
  if (!headersOnly) return ffprobeJson(bins, ['-show_format', '-show_streams', ...packets, '-i', file], signal);
  const [json, headers] = await Promise.all([
    ffprobeJson(bins, ['-nofind_stream_info', '-show_format', '-show_streams', ...packets, '-i', file], signal),
    ffprobeJson(bins, ['-nofind_stream_info', '-show_data', '-show_streams', '-i', file], signal),
  ]);
  for (const s of json.streams ?? []) s.extradata = (headers.streams ?? []).find((h) => h.index === s.index)?.extradata;
  return json;
}

/** Bytes of an ffprobe hex dump (`-show_data`: lines of `00000000: 0164 0029 …  .d.)`). */
export function hexDumpBytes(dump: string): Uint8Array {
  const bytes: number[] = [];
  for (const line of dump.split('\n')) {
    const m = /^[0-9a-f]{8}: ((?:[0-9a-f]{2,4} )*[0-9a-f]{2,4})/i.exec(line);
    if (!m) continue;
    const hex = m[1].replace(/ /g, '');
    for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  }
  return Uint8Array.from(bytes);
}

/**
 * The first packet of stream `streamIndex` after a seek to each of `timesSec`: a seek lands on a
 * keyframe, so these are keyframe times near the targets (in the order asked). With
 * `skipStreamProbe` nothing at all is decoded (packet times are the container's either way).
 */
export function probePacketsAfterSeeks(bins: Binaries, file: string, streamIndex: number, timesSec: number[], signal?: AbortSignal, skipStreamProbe = false): Promise<FfprobeJson> {
  const intervals = timesSec.map((t) => `${t.toFixed(3)}%+#1`).join(',');
  const probe = skipStreamProbe ? ['-nofind_stream_info'] : [];
  return ffprobeJson(bins, [...probe, '-select_streams', String(streamIndex), '-show_entries', 'packet=stream_index,pts_time,flags', '-read_intervals', intervals, '-i', file], signal);
}

async function ffprobeJson(bins: Binaries, query: string[], signal?: AbortSignal): Promise<FfprobeJson> {
  const { stdout, stderr } = await runToEnd(bins.ffprobe, 'ffprobe', ['-v', 'error', '-hide_banner', '-of', 'json', ...query], signal);
  try {
    return JSON.parse(stdout.toString('utf8')) as FfprobeJson;
  } catch (e) {
    throw new ProcessError(`ffprobe printed no JSON: ${(e as Error).message}`, stderr, 0, null);
  }
}

/** Runs a process to its end and collects its output; rejects with ProcessError unless it exits 0. */
function runToEnd(bin: string, name: string, args: string[], signal?: AbortSignal, stdin?: Buffer): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], windowsHide: true });
    applyChildPriority(child.pid);
    if (stdin) {
      child.stdin!.on('error', () => undefined); // ffmpeg may exit before reading it all: its exit status tells
      child.stdin!.end(stdin);
    }
    const unhook = killOnAbort(child, signal);
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      if (err.length < 64 * 1024) err += d;
    });
    child.on('error', (e) => {
      unhook();
      reject(new ProcessError(`cannot run ${name} (${bin}): ${e.message}`, err, null, null));
    });
    child.on('close', (code, sig) => {
      unhook();
      if (code !== 0) reject(new ProcessError(`${name} failed (${sig ?? code})`, err, code, sig));
      else resolve({ stdout: Buffer.concat(out), stderr: err });
    });
  });
}

export interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  codec_tag_string?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  start_time?: string;
  nb_frames?: string;
  has_b_frames?: number;
  color_range?: string;
  color_space?: string;
  color_transfer?: string;
  color_primaries?: string;
  field_order?: string;
  /** The codec header as a hex dump (only with `-show_data`). */
  extradata?: string;
  tags?: Record<string, string>;
  side_data_list?: Array<Record<string, unknown>>;
  disposition?: Record<string, number>;
}

export interface FfprobePacket {
  stream_index?: number;
  pts_time?: string;
  flags?: string;
}

export interface FfprobeJson {
  streams?: FfprobeStream[];
  packets?: FfprobePacket[];
  format?: { format_name?: string; duration?: string; size?: string; nb_streams?: number; start_time?: string; tags?: Record<string, string> };
}

/** One raw video output of a decode: ffmpeg writes it to the pipe at `fd` (1 = stdout, 3, 4…). */
export interface RawOutput {
  /** Label of the filter graph output feeding it, e.g. `[a]`. */
  label: string;
  frameBytes: number;
  pixFmt: 'rgb24' | 'gray';
  /** Return a promise to say "busy": reading pauses (and ffmpeg with it) until it settles. */
  onFrame(frame: Buffer, index: number): void | Promise<unknown>;
}

export interface DecodeJob {
  inputArgs: string[];
  input: string;
  filterGraph: string;
  outputs: RawOutput[];
  signal?: AbortSignal;
  /** Receives every stderr line (showinfo timestamps, decoder errors). */
  onStderrLine?(line: string): void;
  /** Called once ffmpeg has exited and every stderr line was delivered, before the outputs drain. */
  onStderrEnd?(): void;
}

export interface DecodeResult {
  exitCode: number | null;
  killedBy: string | null;
  /** Last ~64 KiB of stderr, for error classification. */
  stderrTail: string;
}

/**
 * Runs ONE ffmpeg process that decodes `input` through `filterGraph` and streams each labelled
 * output as raw frames on its own pipe. Frames are handed over as soon as they are complete, so
 * analysis runs while ffmpeg keeps decoding on the other core. Resolves when ffmpeg exits (also
 * after a kill: check `killedBy`).
 */
export function decodeRaw(bins: Binaries, job: DecodeJob): Promise<DecodeResult> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', ...job.inputArgs, '-i', job.input];
    args.push('-filter_complex', job.filterGraph);
    const fds: number[] = [];
    job.outputs.forEach((o, i) => {
      const fd = i === 0 ? 1 : i + 2;
      fds.push(fd);
      args.push('-map', o.label, '-an', '-sn', '-dn', '-f', 'rawvideo', '-pix_fmt', o.pixFmt, `pipe:${fd}`);
    });
    const stdio: Array<'ignore' | 'pipe'> = ['ignore', 'pipe', 'pipe'];
    for (let i = 1; i < job.outputs.length; i++) stdio.push('pipe');
    const child = spawn(bins.ffmpeg, args, { stdio, windowsHide: true });
    applyChildPriority(child.pid);
    const unhook = killOnAbort(child, job.signal);
    let killedBy: string | null = null;
    let stderrTail = '';
    let partial = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      stderrTail = (stderrTail + d).slice(-64 * 1024);
      if (!job.onStderrLine) return;
      const lines = (partial + d).split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const l of lines) job.onStderrLine(l);
    });
    // stderr ends independently of the frame pipes (which may be paused waiting for a timestamp).
    let stderrEnded = false;
    const endStderr = () => {
      if (stderrEnded) return;
      stderrEnded = true;
      if (partial && job.onStderrLine) job.onStderrLine(partial);
      partial = '';
      job.onStderrEnd?.();
    };
    child.stderr!.on('end', endStderr);
    const streamsDone = job.outputs.map((o, i) => readFrames(child.stdio[fds[i]] as Readable, o));
    child.on('error', (e) => {
      unhook();
      reject(new ProcessError(`cannot run ffmpeg (${bins.ffmpeg}): ${e.message}`, stderrTail, null, null));
    });
    child.on('close', (code, sig) => {
      unhook();
      killedBy = sig;
      endStderr();
      Promise.all(streamsDone).then(
        () => resolve({ exitCode: code, killedBy, stderrTail }),
        (e: Error) => reject(e),
      );
    });
  });
}

/** Cuts a raw byte stream into whole frames without copying more than one frame at a time. */
function readFrames(stream: Readable, out: RawOutput): Promise<void> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.allocUnsafe(out.frameBytes);
    let fill = 0;
    let index = 0;
    stream.on('data', (chunk: Buffer) => {
      let off = 0;
      while (off < chunk.length) {
        const n = Math.min(out.frameBytes - fill, chunk.length - off);
        chunk.copy(buf, fill, off, off + n);
        fill += n;
        off += n;
        if (fill === out.frameBytes) {
          try {
            const busy = out.onFrame(buf, index++);
            if (busy) {
              stream.pause();
              busy.then(
                () => stream.resume(),
                () => stream.resume(),
              );
            }
          } catch (e) {
            stream.destroy();
            reject(e);
            return;
          }
          buf = Buffer.allocUnsafe(out.frameBytes);
          fill = 0;
        }
      }
    });
    stream.on('error', () => resolve()); // a killed ffmpeg closes its pipes abruptly: not our error
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
  });
}

/**
 * A checksum of every decoded picture of the first video stream (pts → Adler-32, via ffmpeg's
 * framecrc muxer: several times cheaper than MD5 on 1080p frames, and the pictures compared are
 * decodes of the same frame, not adversarial), decoded with `inputArgs` before the input and
 * `filter` (if any) applied before hashing. Rejects when ffmpeg fails.
 */
export async function frameHashes(bins: Binaries, file: string, inputArgs: string[], signal?: AbortSignal, filter?: string): Promise<Map<string, string>> {
  return (await frameHashesLogged(bins, file, inputArgs, signal, filter)).hashes;
}

/** frameHashes plus ffmpeg's warnings (a hardware decoder that gave up says so only there). */
export async function frameHashesLogged(
  bins: Binaries,
  file: string,
  inputArgs: string[],
  signal?: AbortSignal,
  filter?: string,
): Promise<{ hashes: Map<string, string>; stderr: string }> {
  const vf = filter ? ['-vf', filter] : [];
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning', ...inputArgs, '-i', file, '-map', '0:v:0', '-an', ...vf, '-vsync', '0', '-f', 'framecrc', '-'];
  const { stdout, stderr } = await runToEnd(bins.ffmpeg, 'ffmpeg', args, signal);
  const hashes = new Map<string, string>();
  // Lines: stream, dts, pts, duration, size, hash.
  for (const line of stdout.toString('utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(',').map((v) => v.trim());
    if (f.length >= 6) hashes.set(f[2], f[5]);
  }
  return { hashes, stderr };
}

/** Runs ffmpeg with `args` (after the usual quiet flags) to its end; rejects with ProcessError on failure. */
export async function runFfmpeg(bins: Binaries, args: string[], signal?: AbortSignal, stdin?: Buffer): Promise<{ stdout: Buffer; stderr: string }> {
  return runToEnd(bins.ffmpeg, 'ffmpeg', ['-hide_banner', '-nostdin', '-nostats', ...args], signal, stdin);
}

/** One JPEG frame at `timeSec`, scaled to `width` (height keeps the aspect ratio). */
export function jpegFrame(bins: Binaries, file: string, timeSec: number, width: number, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const w = Math.max(16, Math.round(width / 2) * 2);
    const cmd = Ffmpeg(file)
      .setFfmpegPath(bins.ffmpeg)
      .inputOptions(['-ss', String(Math.max(0, timeSec))])
      .outputOptions(['-frames:v', '1', '-an', '-vf', `scale=${w}:-2:flags=bilinear,format=yuvj420p`, '-q:v', '4'])
      .format('image2pipe')
      .videoCodec('mjpeg');
    const abort = () => cmd.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    cmd.on('error', (e: Error) => {
      signal?.removeEventListener('abort', abort);
      reject(e);
    });
    cmd.on('end', () => {
      signal?.removeEventListener('abort', abort);
      const jpeg = Buffer.concat(chunks);
      if (jpeg.length === 0) reject(new Error(`no frame at ${timeSec.toFixed(2)} s`));
      else resolve(jpeg);
    });
    const out = cmd.pipe();
    out.on('data', (d: Buffer) => chunks.push(d));
  });
}
