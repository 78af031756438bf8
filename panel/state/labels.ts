// Premiere's sixteen colour labels by index (what setColorLabel takes), with swatch colours close
// to Premiere's defaults so the settings match what the editor sees in the bin.

import { COLOR_LABEL_NAMES } from '../../host-scripts/contract';

const SWATCHES = [
  '#a68ad8', '#7f8bdf', '#3dbca6', '#e086e0', '#3fa8da', '#5aa24d', '#e0577d', '#f0a23c',
  '#9342ad', '#4263da', '#2e8e8e', '#d83f9d', '#c8aa87', '#33803d', '#8c5c2d', '#e2d03e',
];

export const COLOR_LABELS: ReadonlyArray<{ index: number; name: string; swatch: string }> = COLOR_LABEL_NAMES.map((name, index) => ({
  index,
  name,
  swatch: SWATCHES[index] ?? '#888888',
}));
