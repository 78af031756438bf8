// Worst-frame thumbnails for the results list, fetched from the engine one at a time after each
// clip is rated, so they never hold up the ratings or their writes to Premiere.

import type { ClipReport } from '../../extension/contracts/report';
import type { EngineClient } from '../engine/engineClient';

/** Width of the worst-frame thumbnails requested from the engine. */
const THUMBNAIL_WIDTH = 160;

export class ThumbnailQueue {
  private queue: Array<{ key: string; mediaPath: string }> = [];
  private busy = false;
  private disposed = false;

  /** `report(key)`: the row's current report; `show(key, url)`: puts the thumbnail on the row. */
  constructor(
    private readonly engine: EngineClient,
    private readonly report: (key: string) => ClipReport | undefined,
    private readonly show: (key: string, url: string) => void,
  ) {}

  push(key: string, mediaPath: string): void {
    this.queue.push({ key, mediaPath });
    void this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.queue = [];
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length && !this.disposed) {
        const { key, mediaPath } = this.queue.shift()!;
        const clip = this.report(key);
        if (!clip || clip.status !== 'rated') continue;
        const t = clip.worstFrameSec ?? clip.segments[0]?.startSec ?? (clip.media ? clip.media.durationSec / 2 : 0);
        try {
          const url = await this.engine.thumbnail(mediaPath, t, THUMBNAIL_WIDTH);
          if (url) this.show(key, url);
        } catch {
          // A missing thumbnail only leaves the placeholder; the rating stands.
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
