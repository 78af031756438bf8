// The Camera column: camera work in an operator's words, from the report's `camera` field. A value
// the editor typed there ("Gimbal", "Drone") is theirs: it is never written over.

import { hasOwn } from './es3';
import type { ColumnValues } from './metadata';
import type { UndoRecord } from './undo';
import type { CameraStyle } from '../../extension/contracts/report';

export var CAMERA_WORDS: { [style in CameraStyle]: string } = {
  'locked-off': 'Locked off',
  'smooth-move': 'Smooth move',
  'hand-held': 'Hand-held',
  shaky: 'Shaky',
};

export function isCameraStyle(value: unknown): boolean {
  return typeof value === 'string' && hasOwn(CAMERA_WORDS, value);
}

export function cameraWord(style: CameraStyle | null | undefined): string | null {
  return style && hasOwn(CAMERA_WORDS, style) ? CAMERA_WORDS[style] : null;
}

/**
 * Adds the Camera column to a rating's writes when it is ClipTriage's to write: empty, or still
 * holding what ClipTriage last wrote (the record, after recordBefore, says so). Returns false when
 * the editor's value was kept.
 */
export function addCameraColumn(cols: ColumnValues, style: CameraStyle | null | undefined, before: ColumnValues, record: UndoRecord): boolean {
  var current = before.camera;
  var ours = record.ourColumns.camera !== null && current === record.ourColumns.camera;
  if (!ours && current !== null && current !== '') return false;
  var word = cameraWord(style);
  if (word !== null) cols.camera = word;
  else if (ours) cols.camera = null;
  return true;
}
