// Expands the command line's files and folders into the clips to rate: folders recursively (video
// extensions only, hidden entries skipped, symlink loops visited once), files as given — a file
// named explicitly is always rated, so a mislabelled or missing one gets its per-clip error.

import * as fs from 'fs';
import * as path from 'path';

export const VIDEO_EXTENSIONS = new Set([
  '.mp4', '.m4v', '.mov', '.qt', '.mxf', '.avi', '.mkv', '.webm', '.mts', '.m2ts', '.ts', '.mpg', '.mpeg', '.m2v',
  '.vob', '.wmv', '.asf', '.flv', '.3gp', '.3g2', '.dv', '.ogv', '.hevc', '.h264', '.264', '.265', '.y4m', '.braw', '.r3d', '.crm', '.insv',
]);

export function isVideoName(name: string): boolean {
  return VIDEO_EXTENSIONS.has(path.extname(name).toLowerCase());
}

export async function collectClips(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const visitedDirs = new Set<string>();
  const add = (p: string) => {
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  };
  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.promises.realpath(dir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable sub-folder is skipped, not fatal
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const st = await fs.promises.stat(p).catch(() => null);
        isDir = !!st?.isDirectory();
        isFile = !!st?.isFile();
      }
      if (isDir) await walk(p);
      else if (isFile && isVideoName(e.name)) add(p);
    }
  }
  for (const a of args) {
    const p = path.resolve(a);
    const st = await fs.promises.stat(p).catch(() => null);
    if (st?.isDirectory()) await walk(p);
    else add(p);
  }
  return out;
}
