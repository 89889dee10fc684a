import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPngText, withPngText } from '../../web/src/tools/png-text';

/** A valid 1×1 PNG built by hand: signature, IHDR, IDAT, IEND with their CRCs. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crcOf(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

describe('PNG text chunks', () => {
  it('writes UTF-8 title and legend that read back, and keeps the image chunks and CRCs valid', () => {
    const png = tinyPng();
    const out = withPngText(png, { Title: '生态治理一张图 · 2025 年第 3 季度', Description: '红码\n热点 99%' });
    expect(readPngText(out)).toEqual({ Title: '生态治理一张图 · 2025 年第 3 季度', Description: '红码\n热点 99%' });
    expect(readPngText(png)).toEqual({});
    // Every chunk's CRC still matches (a viewer refuses a PNG whose CRC is wrong).
    const buf = Buffer.from(out);
    const types: string[] = [];
    for (let at = 8; at < buf.length; ) {
      const len = buf.readUInt32BE(at);
      types.push(buf.toString('latin1', at + 4, at + 8));
      const body = buf.subarray(at + 4, at + 8 + len);
      const written = buf.readUInt32BE(at + 8 + len);
      expect(written).toBe(crcOf(body));
      at += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'iTXt', 'iTXt', 'IDAT', 'IEND']);
  });
});

function crcOf(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
