// Whose colour label is it? ExtendScript cannot see who set a label, so we reason from what we
// recorded: the label we set last (ours to change), the label the clip had when we first saw it
// (ours to change only if it is one Premiere assigns on import), anything else: the editor's.

import { contains } from './es3';
import type { UndoRecord } from './undo';

export interface LabelDecision {
  /** Set the label to the verdict's colour. */
  set: boolean;
  /** A hand-set label was kept. */
  kept: boolean;
}

export function decideLabel(current: number, record: UndoRecord, override: boolean, writeLabels: boolean, defaultLabels: number[]): LabelDecision {
  if (!writeLabels) return { set: false, kept: false };
  var ours = record.ourLabel !== null && current === record.ourLabel;
  var untouchedDefault = record.ourLabel === null && current === record.origLabel && contains(defaultLabels, current);
  if (ours || untouchedDefault || override) return { set: true, kept: false };
  return { set: false, kept: true };
}
