// --selects FILE: writes the report's usable stretches as an EDL or CSV (atomically) and says on
// stderr how many it wrote, or why it could not.

import * as fs from 'fs';
import * as path from 'path';
import type { Report } from '../contracts/report';
import { formatCsv, formatEdl, selectsFormatOf, selectsOf } from '../selects/selectsFile';
import { writeFileAtomic } from '../util/atomic';

/** False when the file could not be written (the run then exits 1). */
export async function writeSelectsFile(report: Report, file: string, minSec: number, log: NodeJS.WritableStream): Promise<boolean> {
  const selects = selectsOf(report.clips, minSec);
  const format = selectsFormatOf(file);
  let text: string;
  if (format === 'edl') {
    const edl = formatEdl(selects);
    for (const w of edl.warnings) log.write(`cliptriage: selects: ${w}\n`);
    text = edl.text;
  } else {
    text = formatCsv(selects);
  }
  try {
    const out = path.resolve(file);
    await fs.promises.mkdir(path.dirname(out), { recursive: true });
    await writeFileAtomic(out, text);
  } catch (e) {
    log.write(`cliptriage: cannot write ${file}: ${(e as Error).message}\n`);
    return false;
  }
  const count = selects.reduce((n, c) => n + c.stretches.length, 0);
  log.write(`cliptriage: ${count} select${count === 1 ? '' : 's'} from ${selects.length} clip${selects.length === 1 ? '' : 's'} written to ${file}\n`);
  return true;
}
