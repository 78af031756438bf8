// `cliptriage rate --selects FILE` on real fixture clips: the EDL is parsed back as an NLE would
// read it (events, source and record timecodes, clip-name comments) and checked against the JSON
// report of the same run; the CSV carries the same ranges; a camera start timecode offsets the
// source side; bad --selects arguments are usage errors.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Report } from '../extension/contracts/report';
import { clipPath, ensureClips } from './fixtures/clips';
import { CLI, runFfmpeg, runNode } from './fixtures/process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-selects-'));
const footage = path.join(tmp, 'footage');
const FPS = 30;

const ffmpeg = runFfmpeg;

beforeAll(async () => {
  await ensureClips(['good-then-blurry', 'sharp-steady', 'defocus']);
  fs.mkdirSync(path.join(footage, 'day 1'), { recursive: true });
  fs.copyFileSync(clipPath('good-then-blurry'), path.join(footage, 'day 1', 'A001 good, then "soft".mp4'));
  fs.copyFileSync(clipPath('defocus'), path.join(footage, 'A002.mp4'));
  // The same steady clip as a camera would write it: start timecode 10:00:00:00.
  await ffmpeg(['-i', clipPath('sharp-steady'), '-c', 'copy', '-timecode', '10:00:00:00', path.join(footage, 'C003.mov')]);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface EdlEvent {
  num: number;
  reel: string;
  track: string;
  srcIn: number;
  srcOut: number;
  recIn: number;
  recOut: number;
  clipName: string;
  sourceFile: string;
}

/** Frames of an NDF timecode at 30. */
function frames(tc: string): number {
  const [h, m, s, f] = tc.split(/[:;]/).map(Number);
  return ((h * 60 + m) * 60 + s) * FPS + f;
}

/** A CMX3600 reader: header, then event lines with their comment lines. */
function parseEdl(text: string): { title: string; fcm: string; events: EdlEvent[] } {
  const lines = text.split(/\r\n/);
  const title = /^TITLE: (.*)$/.exec(lines[0])![1];
  const fcm = /^FCM: (.*)$/.exec(lines[1])![1];
  const events: EdlEvent[] = [];
  for (const line of lines.slice(2)) {
    const ev = /^(\d{3})  (\S+)\s+(\S+)\s+C\s+(\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d)$/.exec(line);
    if (ev) {
      events.push({ num: Number(ev[1]), reel: ev[2], track: ev[3], srcIn: frames(ev[4]), srcOut: frames(ev[5]), recIn: frames(ev[6]), recOut: frames(ev[7]), clipName: '', sourceFile: '' });
      continue;
    }
    const name = /^\* FROM CLIP NAME: (.*)$/.exec(line);
    if (name) events[events.length - 1].clipName = name[1];
    const file = /^\* SOURCE FILE: (.*)$/.exec(line);
    if (file) events[events.length - 1].sourceFile = file[1];
    if (line && !ev && !name && !file && !line.startsWith('* COMMENT: ')) throw new Error('unexpected EDL line: ' + JSON.stringify(line));
  }
  return { title, fcm, events };
}

test('--selects out.edl: one event per usable stretch, laid end to end, linking to the clips', async () => {
  const edl = path.join(tmp, 'out', 'selects.edl');
  const r = await runNode(CLI, ['rate', '--json', '--no-cache', '--selects', edl, '--selects-min', '1', footage]);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  const parsed = parseEdl(fs.readFileSync(edl, 'utf8'));
  expect(parsed.title).toBe('ClipTriage selects');
  expect(parsed.fcm).toBe('NON-DROP FRAME');

  const byName = (n: string) => parsed.events.filter((e) => e.clipName === n);
  // The clip that goes soft after 2 s: one select from its start up to where its bad segment begins.
  const soft = report.clips.find((c) => c.path.endsWith('A001 good, then "soft".mp4'))!;
  expect(soft.segments.length).toBe(1);
  const [a001] = byName('A001 good, then "soft".mp4');
  expect(byName('A001 good, then "soft".mp4')).toHaveLength(1);
  expect(a001.srcIn).toBe(0);
  expect(a001.srcOut).toBe(Math.floor(soft.segments[0].startSec * FPS));
  expect(a001.srcOut).toBeGreaterThanOrEqual(1 * FPS);
  expect(a001.sourceFile).toBe(soft.path);
  expect(a001.track).toBe('V'); // the fixtures have no sound

  // The steady clip is usable throughout: its whole length, from its camera timecode.
  const steady = report.clips.find((c) => c.path.endsWith('C003.mov'))!;
  expect(steady.media!.startTimecode).toBe('10:00:00:00');
  const [c003] = byName('C003.mov');
  expect(c003.srcIn).toBe(frames('10:00:00:00'));
  expect(c003.srcOut - c003.srcIn).toBe(Math.floor(steady.media!.durationSec * FPS + 1e-6));

  // Out of focus throughout: one bad segment over the whole clip, so no select.
  const defocus = report.clips.find((c) => c.path.endsWith('A002.mp4'))!;
  expect(defocus.segments.map((s) => [s.startSec, s.endSec])).toEqual([[0, defocus.media!.durationSec]]);
  expect(byName('A002.mp4')).toHaveLength(0);

  // Record side: from 01:00:00:00, contiguous, each event as long as its source.
  expect(parsed.events.map((e) => e.num)).toEqual(parsed.events.map((_, i) => i + 1));
  let rec = frames('01:00:00:00');
  for (const e of parsed.events) {
    expect(e.reel).toBe('AX');
    expect(e.recIn).toBe(rec);
    expect(e.recOut - e.recIn).toBe(e.srcOut - e.srcIn);
    rec = e.recOut;
  }
  expect(r.stderr).toContain(`${parsed.events.length} selects from ${parsed.events.length} clips written to`);
});

test('--selects out.csv: the same ranges with names, seconds and timecodes; --selects-min drops short stretches', async () => {
  const csv = path.join(tmp, 'selects.csv');
  const r = await runNode(CLI, ['rate', '--no-cache', '--selects', csv, '--selects-min', '1', footage]);
  expect(r.code).toBe(0);
  const rows = fs.readFileSync(csv, 'utf8').trimEnd().split('\r\n');
  expect(rows[0]).toBe('file,select,name,start_sec,end_sec,duration_sec,start_tc,end_tc,quality,camera');
  for (const row of rows.slice(1)) expect(Number(row.split(',').slice(-5)[0])).toBeGreaterThanOrEqual(1); // duration_sec
  const steady = rows.find((row) => row.startsWith(path.join(footage, 'C003.mov') + ','))!;
  const cells = steady.split(',');
  expect(cells[1]).toBe('1');
  expect(cells[2]).toBe('C003.mov · select 1 (0:00–0:02)');
  expect([cells[3], cells[4], cells[5]]).toEqual(['0.000', '2.000', '2.000']);
  expect([cells[6], cells[7]]).toEqual(['10:00:00:00', '10:00:02:00']);
  expect(Number(cells[8])).toBeGreaterThanOrEqual(80);
  expect(cells[9]).toBe('locked-off');
  // A name with a comma and quotes is one quoted CSV field.
  const soft = rows.filter((row) => row.startsWith('"' + path.join(footage, 'day 1', 'A001 good, then ""soft"".mp4') + '"'));
  expect(soft).toHaveLength(1);
  expect(soft[0]).toMatch(/^"[^"]*A001 good, then ""soft"".mp4",1,"A001 good, then ""soft"".mp4 · select 1 \(0:00–0:0[12]\)",0.000,/);

  const longer = path.join(tmp, 'longer.csv');
  expect((await runNode(CLI, ['rate', '--cache-dir', path.join(tmp, 'cache'), '--selects', longer, '--selects-min', '2.5', footage])).code).toBe(0);
  expect(fs.readFileSync(longer, 'utf8')).toBe(rows[0] + '\r\n'); // nothing here is usable for 2.5 s
});

test('--selects needs .edl or .csv, and --selects-min a sensible number', async () => {
  const bad = await runNode(CLI, ['rate', '--selects', path.join(tmp, 'x.xml'), footage]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--selects FILE must end in .edl or .csv');
  const min = await runNode(CLI, ['rate', '--selects', path.join(tmp, 'x.edl'), '--selects-min', '0', footage]);
  expect(min.code).toBe(2);
  expect(min.stderr).toContain('--selects-min must be a number between');
});
