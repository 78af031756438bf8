// The engine's OS priority. The panel starts the engine that rates clips on import with
// `--priority=low`, so an editor scrubbing in Premiere is never slowed by it: the engine process
// and every ffmpeg/ffprobe it starts run below normal priority (nice 10 on macOS/Linux,
// BELOW_NORMAL_PRIORITY_CLASS on Windows). Children inherit it on every platform; ffmpeg.ts sets it
// on each one as well, so a decoder started some other way can never run above the engine.

import * as os from 'os';

export type EnginePriority = 'normal' | 'low';

let children: number | null = null;

/** The value os.setPriority takes for a priority name. */
export function priorityValue(p: EnginePriority): number {
  return p === 'low' ? os.constants.priority.PRIORITY_BELOW_NORMAL : os.constants.priority.PRIORITY_NORMAL;
}

/** Lowers this process and every decoder it starts from now on. Returns a note for the log when the OS refused. */
export function setEnginePriority(p: EnginePriority): string | null {
  children = p === 'low' ? priorityValue('low') : null;
  if (p !== 'low') return null;
  try {
    os.setPriority(0, priorityValue('low'));
    return null;
  } catch (e) {
    return `could not lower the engine's priority: ${(e as Error).message}`;
  }
}

/** Applies the engine's decoder priority to a process just started (no-op at normal priority). */
export function applyChildPriority(pid: number | undefined): void {
  if (children === null || !pid) return;
  try {
    os.setPriority(pid, children);
  } catch {
    // The process already ended, or the OS refused: it still inherited the engine's priority.
  }
}

/** `--priority=low` (or `--priority low`) among the server's arguments. */
export function priorityFromArgs(argv: readonly string[]): EnginePriority {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a.startsWith('--priority=') ? a.slice('--priority='.length) : a === '--priority' ? argv[i + 1] : undefined;
    if (v === 'low') return 'low';
  }
  return 'normal';
}
