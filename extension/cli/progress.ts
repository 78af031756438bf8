// Progress on stderr: a redrawn bar when stderr is a terminal, otherwise a line per 10 % so logs
// stay short.

import * as path from 'path';
import type { Progress } from '../index';
import { printable } from './table';

export class ProgressReporter {
  private lastDecile = -1;
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream, private readonly tty = !!out.isTTY) {}

  update(p: Progress): void {
    const pct = Math.floor(p.batchFraction * 100);
    const eta = p.etaSec === null ? '' : ` ETA ${Math.floor(p.etaSec / 60)}:${String(p.etaSec % 60).padStart(2, '0')}`;
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && p.stage !== 'done') return;
      this.lastDraw = now;
      const width = 24;
      const fill = Math.round(p.batchFraction * width);
      const name = printable(path.basename(p.path)).slice(0, 40);
      const cols = this.out.columns || 100;
      const text = `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(pct).padStart(3)}% ${p.clipsDone}/${p.clipCount}${eta}  ${name}`;
      this.out.write(`\r${text.slice(0, cols - 1).padEnd(Math.min(cols - 1, 100))}`);
      this.drawn = true;
    } else {
      // 100 % is said once, when the last clip is really finished.
      const decile = p.clipsDone === p.clipCount ? 10 : Math.min(9, Math.floor(pct / 10));
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        this.out.write(`rating: ${pct}% (${p.clipsDone}/${p.clipCount} clips)${eta}\n`);
      }
    }
  }

  end(): void {
    if (this.tty && this.drawn) this.out.write('\r\x1b[K');
  }
}
