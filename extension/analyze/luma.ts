import type { Frame } from './types';

// Several analysers read the same frame's luma; compute it once per frame buffer.
const cache = new WeakMap<Uint8Array, Uint8Array>();

/** Rec.709 luma (0..255) of a packed RGB24 frame; integer weights sum to 256. */
export function lumaBytes(frame: Frame): Uint8Array {
  const hit = cache.get(frame.rgb);
  if (hit) return hit;
  const n = frame.width * frame.height;
  const out = new Uint8Array(n);
  const rgb = frame.rgb;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (54 * rgb[j] + 183 * rgb[j + 1] + 19 * rgb[j + 2]) >> 8;
  cache.set(frame.rgb, out);
  return out;
}
