// Draws the extension icon (client/media/icon.png, 128×128) without any image library: a navy tile with a
// stack of containers in Python blue and yellow, and a check mark for "linted". Kept so the icon can be changed
// by editing shapes rather than pixels.   node client/scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis: 16 samples per pixel for smooth edges

const NAVY = [24, 44, 72];
const BLUE = [55, 118, 171];   // Python blue
const YELLOW = [255, 212, 59]; // Python yellow
const WHITE = [245, 248, 252];

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, ax, ay, bx, by, width) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
};

// Shapes from back to front: [test(x, y), colour]. Coordinates are in icon pixels.
const boxes = [
  [22, 70, 62, 98, BLUE], [66, 70, 106, 98, YELLOW],
  [44, 38, 84, 66, BLUE],
];
const shapes = [
  [(x, y) => inRoundedRect(x, y, 4, 4, 124, 124, 22), NAVY],
  ...boxes.map(([x0, y0, x1, y1, colour]) => [(x, y) => inRoundedRect(x, y, x0, y0, x1, y1, 4), colour]),
  // ribs on each container
  ...boxes.flatMap(([x0, y0, x1, y1]) => [1, 2, 3].map(i => {
    const rx = x0 + ((x1 - x0) * i) / 4;
    return [(x, y) => Math.abs(x - rx) <= 1.2 && y >= y0 + 5 && y <= y1 - 5, NAVY];
  })),
  // check mark badge
  [(x, y) => (x - 98) ** 2 + (y - 30) ** 2 <= 19 ** 2, WHITE],
  [(x, y) => nearSegment(x, y, 89, 30, 96, 38, 5.5) || nearSegment(x, y, 96, 38, 109, 22, 5.5), [46, 160, 67]],
];

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  pixels[py * (SIZE * 4 + 1)] = 0; // PNG filter type: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = px + (sx + 0.5) / SAMPLES, y = py + (sy + 0.5) / SAMPLES;
        let colour;
        for (const [inside, c] of shapes) if (inside(x, y)) colour = c;
        if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; a += 255; }
      }
    }
    const n = SAMPLES * SAMPLES;
    const covered = a / 255;
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    pixels[o] = covered ? Math.round(r / covered) : 0;
    pixels[o + 1] = covered ? Math.round(g / covered) : 0;
    pixels[o + 2] = covered ? Math.round(b / covered) : 0;
    pixels[o + 3] = Math.round(a / n);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = buffer => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0); header.writeUInt32BE(SIZE, 4);
header[8] = 8; header[9] = 6; // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header), chunk('IDAT', deflateSync(pixels, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
