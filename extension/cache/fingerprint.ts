// A fast content fingerprint: size, modification time and hashes of the first and last 1 MiB.
// Reading two chunks instead of the whole file keeps re-rating a bin of large clips instant, and
// any re-encode, trim or re-copy changes at least the size, the mtime or the head/tail bytes.

import * as crypto from 'crypto';
import * as fs from 'fs';

const CHUNK = 1 << 20;

export async function fingerprint(file: string): Promise<string> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const st = await fh.stat();
    const h = crypto.createHash('sha256');
    h.update(`${st.size}|${Math.round(st.mtimeMs)}|`);
    const head = Buffer.alloc(Math.min(CHUNK, st.size));
    await fh.read(head, 0, head.length, 0);
    h.update(head);
    if (st.size > CHUNK) {
      const tailLen = Math.min(CHUNK, st.size - CHUNK);
      const tail = Buffer.alloc(tailLen);
      await fh.read(tail, 0, tailLen, st.size - tailLen);
      h.update(tail);
    }
    return h.digest('hex');
  } finally {
    await fh.close();
  }
}
