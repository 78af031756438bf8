// Which project items are cut into a sequence: every track item of every sequence, video and audio
// (Project.sequences → Sequence.videoTracks/audioTracks → Track.clips → TrackItem.projectItem).
// A select cut into the editor's timeline is theirs to keep: Clear selects and a re-run of Make
// selects leave it, since Adobe does not document what deleting its project item does to the cut.

import { errorMessage } from './es3';

interface Counted {
  [index: number]: unknown;
}

/** Entries of a Premiere collection counted by `countName` (numSequences, numTracks, numItems); base 0 or 1 (see collection.ts). */
function entries(list: unknown, countName: string): unknown[] {
  if (!list || typeof list !== 'object') return [];
  var n = (list as { [k: string]: unknown })[countName];
  var count = typeof n === 'number' && n > 0 ? n : 0;
  var out: unknown[] = [];
  for (var i = 0; i <= count && out.length < count; i++) {
    var v = (list as Counted)[i];
    if (v !== undefined && v !== null) out.push(v);
  }
  return out;
}

export interface SequenceUse {
  /** nodeId → name of a sequence using it. */
  used: { [nodeId: string]: string };
  /** Plain words when some of the project could not be read (then nothing is removed on its account). */
  problem: string | null;
}

export function sequenceUse(): SequenceUse {
  var used: { [nodeId: string]: string } = {};
  try {
    var seqs = entries(app.project.sequences, 'numSequences') as Sequence[];
    for (var s = 0; s < seqs.length; s++) {
      var groups = [seqs[s].videoTracks, seqs[s].audioTracks];
      for (var g = 0; g < groups.length; g++) {
        var tracks = entries(groups[g], 'numTracks') as Track[];
        for (var t = 0; t < tracks.length; t++) {
          var clips = entries(tracks[t].clips, 'numItems') as TrackItem[];
          for (var c = 0; c < clips.length; c++) {
            var item = clips[c].projectItem;
            if (item) used[String(item.nodeId)] = String(seqs[s].name);
          }
        }
      }
    }
  } catch (e) {
    return { used: used, problem: 'the sequences could not be read (' + errorMessage(e) + ')' };
  }
  return { used: used, problem: null };
}
