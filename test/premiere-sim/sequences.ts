// Project.sequences in the simulator: sequences with video and audio tracks holding track items,
// only as far as a host script reads them to find which project items are cut into a sequence.

import type { SimHost, SimProjectItem } from './dom';

/** A collection counted by `countName` (SequenceCollection.numSequences, TrackCollection.numTracks, TrackItemCollection.numItems). */
export function counted<T>(items: T[], countName: string, base: number): { [index: number]: T } {
  const c: { [key: string]: unknown } = { [countName]: items.length };
  items.forEach((item, i) => (c[base + i] = item));
  return c as { [index: number]: T };
}

/** TrackItem: only what a host script needs to find which project items are cut into a sequence. */
export class SimTrackItem {
  constructor(readonly projectItem: SimProjectItem, readonly name: string) {}
}

export class SimTrack {
  readonly items: SimTrackItem[] = [];
  constructor(private host: SimHost) {}
  get clips(): unknown {
    return counted(this.items, 'numItems', this.host.readings.collectionBase ?? 0);
  }
}

export class SimSequence {
  readonly video: SimTrack[];
  readonly audio: SimTrack[];
  constructor(private host: SimHost, readonly name: string) {
    this.video = [new SimTrack(host)];
    this.audio = [new SimTrack(host)];
  }
  get videoTracks(): unknown {
    return counted(this.video, 'numTracks', this.host.readings.collectionBase ?? 0);
  }
  get audioTracks(): unknown {
    return counted(this.audio, 'numTracks', this.host.readings.collectionBase ?? 0);
  }
}
