// `cliptriage rate --selects FILE`: the usable stretches as a file an NLE imports. Premiere Pro
// (File > Import of an .edl) and DaVinci Resolve (Import Timeline > EDL) both read a CMX3600 EDL:
// one cut event per select, laid end to end from 01:00:00:00, each naming its file in
// "* FROM CLIP NAME:" (how both link events to clips already in the project) and "* SOURCE FILE:".
// A `.csv` gives the same ranges for a spreadsheet or a script.

import * as path from 'path';
import type { ClipReport } from '../contracts/report';
import type { Stretch } from '../contracts/selects';
import { clipFps, selectName, usableStretches } from './stretches';
import { framesToTimecode, isDropFrameLabel, Timebase, timebaseOf, timecodeToFrames } from './timecode';

export type SelectsFormat = 'edl' | 'csv';

export function selectsFormatOf(file: string): SelectsFormat | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.edl' ? 'edl' : ext === '.csv' ? 'csv' : null;
}

export interface ClipSelects {
  clip: ClipReport;
  stretches: Stretch[];
}

export function selectsOf(clips: readonly ClipReport[], minSec: number): ClipSelects[] {
  return clips.map((clip) => ({ clip, stretches: usableStretches(clip, minSec) })).filter((c) => c.stretches.length > 0);
}

/** Where the record side of an EDL starts, by convention. */
const RECORD_START = '01:00:00:00';
const EDL_TITLE = 'ClipTriage selects';
/** CMX3600 reel field width; "AX" (auxiliary source) makes NLEs link by the clip name comment. */
const REEL = 'AX';

/** Comment lines must stay on one line. */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

function clipTimebase(clip: ClipReport): Timebase {
  return timebaseOf(clipFps(clip), isDropFrameLabel(clip.media?.startTimecode));
}

export interface EdlResult {
  text: string;
  /** Things the editor should know (mixed frame rates). */
  warnings: string[];
}

/**
 * One EDL at the timebase of the first clip. Source timecodes start at each file's own start
 * timecode (00:00:00:00 when it has none), so a clip from a camera that writes 10:00:00:00 still
 * links. A clip at another timebase is converted to the EDL's and named in a warning.
 */
export function formatEdl(selects: readonly ClipSelects[]): EdlResult {
  const warnings: string[] = [];
  const tb = selects.length ? clipTimebase(selects[0].clip) : timebaseOf(25);
  const lines = [`TITLE: ${EDL_TITLE}`, `FCM: ${tb.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME'}`, ''];
  let record = timecodeToFrames(RECORD_START, tb) ?? 0;
  let event = 0;
  for (const { clip, stretches } of selects) {
    const own = clipTimebase(clip);
    if (own.fps !== tb.fps || own.dropFrame !== tb.dropFrame) {
      warnings.push(`${path.basename(clip.path)} runs at ${clipFps(clip)} fps; its times are given at the EDL's ${tb.fps} fps timebase`);
    }
    const scale = tb.fps / own.fps;
    const tcStart = clip.media?.startTimecode ? timecodeToFrames(clip.media.startTimecode, own) ?? 0 : 0;
    const track = clip.media?.hasAudio ? 'AA/V' : 'V';
    for (const s of stretches) {
      event++;
      const srcIn = Math.round((tcStart + s.startFrame) * scale);
      const srcOut = Math.round((tcStart + s.endFrame) * scale);
      const recOut = record + (srcOut - srcIn);
      const num = String(event).padStart(3, '0');
      lines.push(
        `${num}  ${REEL.padEnd(8)} ${track.padEnd(5)} C        ${framesToTimecode(srcIn, tb)} ${framesToTimecode(srcOut, tb)} ${framesToTimecode(record, tb)} ${framesToTimecode(recOut, tb)}`,
      );
      lines.push(`* FROM CLIP NAME: ${oneLine(path.basename(clip.path))}`);
      lines.push(`* SOURCE FILE: ${oneLine(clip.path)}`);
      lines.push(`* COMMENT: ${oneLine(selectName(path.basename(clip.path), s))} · quality ${s.quality}`);
      lines.push('');
      record = recOut;
    }
  }
  return { text: lines.join('\r\n'), warnings };
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_HEADER = ['file', 'select', 'name', 'start_sec', 'end_sec', 'duration_sec', 'start_tc', 'end_tc', 'quality', 'camera'];

const sec3 = (v: number) => (Math.round(v * 1000) / 1000).toFixed(3);

/** One row per select; timecodes in each clip's own timebase, from its start timecode. */
export function formatCsv(selects: readonly ClipSelects[]): string {
  const rows = [CSV_HEADER.join(',')];
  for (const { clip, stretches } of selects) {
    const tb = clipTimebase(clip);
    const tcStart = clip.media?.startTimecode ? timecodeToFrames(clip.media.startTimecode, tb) ?? 0 : 0;
    // A frame is one timecode frame at the clip's own timebase (29.97 fps counts in 30s).
    const frames = (f: number) => tcStart + f;
    for (const s of stretches) {
      rows.push(
        [
          clip.path,
          s.index,
          selectName(path.basename(clip.path), s),
          sec3(s.startSec),
          sec3(s.endSec),
          sec3(s.endSec - s.startSec),
          framesToTimecode(frames(s.startFrame), tb),
          framesToTimecode(frames(s.endFrame), tb),
          s.quality,
          clip.camera ?? '',
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}
