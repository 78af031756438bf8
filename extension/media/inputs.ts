// How each ffmpeg input of a sampling plan is opened: the hardware decoder (if the clip's check
// chose one) and whether the input skips ffmpeg's stream probe, with the seek and time offset
// that keep frames and times what a probed input gives.

import type { DecodeChoice } from './hwDecode';
import type { ProbedMedia } from './probe';

/** How the inputs of a plan are opened (found by planDecode; planSampling's defaults are plain software). */
export interface InputOptions {
  /** Inputs skip ffmpeg's stream probe where that is known to be exact (see inputOpener). */
  skipStreamProbe: boolean;
  /** Decode with this `-hwaccel` (frames come back to memory and are converted to the file's pixel format). */
  decode: DecodeChoice;
}

export const SOFTWARE_INPUTS: InputOptions = { skipStreamProbe: false, decode: { hwaccel: null, label: 'software' } };

export interface InputOpener {
  /** Options before `-i` for an input starting at clip time `ss` (0: from the start, no seek). */
  open(ss: number): string[];
  /** `[n:v]` plus any conversion hardware-decoded frames need before the branch's filters. */
  src(n: number): string;
}

/**
 * Every ffmpeg input probes its stream again (avformat_find_stream_info), which decodes the
 * file's first frame: a whole keyframe per burst input, measured as the largest cost of a burst
 * that is not its own frames. The file was probed already, so MP4/MOV inputs skip it
 * (`-nofind_stream_info`): the demuxer's index gives everything the decoder needs, and the filter
 * graph is configured from the first decoded frame. Without the probe ffmpeg does not know the
 * container's start time, which it otherwise adds to a seek and takes off frame times; the seek
 * and `-itsoffset` add it back, so seeks land on the same frames and times are the same (tested:
 * identical frames and times both ways). Other containers (MPEG-TS carries its codec parameters
 * only in the stream) keep the probe.
 */
export function inputOpener(probed: ProbedMedia, inputs: InputOptions): InputOpener {
  const probeless = maySkipStreamProbe(probed, inputs.skipStreamProbe);
  const start = probeless ? probed.startSec : 0;
  const hw = inputs.decode.hwaccel ? ['-hwaccel', inputs.decode.hwaccel] : [];
  // Downloaded hardware frames are NV12/P010: converted to the file's own format first, so the
  // scaler sees what a software decode gives (the per-clip check compares exactly this).
  const toSoftware = inputs.decode.hwaccel && probed.media.pixelFormat ? `format=${probed.media.pixelFormat},` : '';
  return {
    open(ss) {
      const seek = ss > 0 ? ['-noaccurate_seek', '-ss', secs6(ss + start)] : start > 0 ? ['-itsoffset', secs6(-start)] : [];
      return [...hw, ...(probeless ? ['-nofind_stream_info'] : []), ...seek];
    },
    src: (n) => `[${n}:v]${toSoftware}`,
  };
}

/** Containers whose inputs may skip the stream probe (ffprobe's format_name for MP4/MOV/3GP/M4V). */
const ISO_MEDIA = /(^|,)(mov|mp4)(,|$)/;

/** An input of this file (a decode, or ffprobe's look at packets after a seek) may skip the stream probe. */
export function maySkipStreamProbe(probed: ProbedMedia, enabled: boolean): boolean {
  return enabled && ISO_MEDIA.test(probed.formatName);
}

const secs6 = (v: number) => v.toFixed(6);

