#!/usr/bin/env node
// Writes the panel's 23×23 PNG icons (CSXS/icons/) from code, so they need no image editor and
// stay a few hundred bytes: a film frame with a tick, drawn in grey for light and dark UIs.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 23;
const OUT = path.resolve(__dirname, '..', 'CSXS', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Alpha mask of the glyph: frame outline, sprocket holes, and a tick inside. */
function coverage(x, y) {
  const inFrame = x >= 2 && x <= 20 && y >= 4 && y <= 18;
  const border = inFrame && (x <= 3 || x >= 19 || y <= 5 || y >= 17);
  const sprocket = inFrame && (y === 4 || y === 18) && x % 3 === 0;
  // Tick: from (7,11) down to (10,14) then up to (16,8), two pixels thick.
  const onSeg = (x0, y0, x1, y1) => {
    const t = ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / ((x1 - x0) ** 2 + (y1 - y0) ** 2);
    if (t < 0 || t > 1) return false;
    const px = x0 + t * (x1 - x0);
    const py = y0 + t * (y1 - y0);
    return Math.hypot(x - px, y - py) <= 1.0;
  };
  const tick = onSeg(7, 11, 10, 14) || onSeg(10, 14, 16, 8);
  return (border && !sprocket) || tick;
}

function png(rgb) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = coverage(x, y) ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = {
  'icon-normal.png': [80, 80, 80], // light UI
  'icon-rollover.png': [20, 20, 20],
  'icon-dark-normal.png': [190, 190, 190], // dark UI
  'icon-dark-rollover.png': [245, 245, 245],
};

function generateIcons(outDir = OUT) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, rgb] of Object.entries(ICONS)) fs.writeFileSync(path.join(outDir, name), png(rgb));
  return Object.keys(ICONS).map((n) => path.join(outDir, n));
}

module.exports = { generateIcons, ICONS };

if (require.main === module) {
  for (const f of generateIcons()) console.log(path.relative(process.cwd(), f), fs.statSync(f).size, 'bytes');
}
