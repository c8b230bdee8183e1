#!/usr/bin/env node
/**
 * Draws the app icons (the favicon's design: a navy tile, a gold cap line above a blue
 * usage bar) as PNGs for the web app manifest and iOS, with node:zlib only — no image
 * library. Run after changing the design: node scripts/icons.mjs (writes public/icons/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const NAVY = [0x12, 0x35, 0x5b];
const GOLD = [0xf2, 0xc1, 0x4e];
const BLUE = [0x7f, 0xb3, 0xe6];

/** A rounded rectangle test in a 32-unit design grid scaled to the image. */
function inRoundRect(x, y, [rx, ry, rw, rh, r]) {
  if (x < rx || y < ry || x >= rx + rw || y >= ry + rh) return false;
  const cx = Math.min(Math.max(x, rx + r), rx + rw - r);
  const cy = Math.min(Math.max(y, ry + r), ry + rh - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * size: pixels; maskable: the whole square is the tile (the platform applies its own
 * mask) and the marks sit inside the 80% safe zone; otherwise a rounded tile on transparency.
 */
function draw(size, { maskable }) {
  const px = Buffer.alloc(size * size * 4);
  const shapes = maskable
    ? [
        { rect: [0, 0, 32, 32, 0], color: NAVY },
        { rect: [8.4, 17.6, 15.2, 4.6, 1.5], color: BLUE },
        { rect: [8.4, 10, 15.2, 2.3, 1.1], color: GOLD },
      ]
    : [
        { rect: [0, 0, 32, 32, 6], color: NAVY },
        { rect: [6, 18, 20, 6, 2], color: BLUE },
        { rect: [6, 8, 20, 3, 1.5], color: GOLD },
      ];
  const SAMPLES = 4; // 4×4 supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const ux = ((x + (sx + 0.5) / SAMPLES) / size) * 32;
          const uy = ((y + (sy + 0.5) / SAMPLES) / size) * 32;
          let color = null;
          for (const s of shapes) if (inRoundRect(ux, uy, s.rect)) color = s.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
      px[i + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return png(size, px);
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const OUT = 'public/icons';
mkdirSync(OUT, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
]) {
  writeFileSync(`${OUT}/${name}`, draw(size, { maskable }));
  console.log(`${OUT}/${name}`);
}
