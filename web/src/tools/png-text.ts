/**
 * Text chunks in a PNG (iTXt: UTF-8, so Chinese survives): the exported map carries its title and
 * legend as metadata, which archives and image viewers show and tests can read without OCR.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const IHDR_END = 8 + 4 + 4 + 13 + 4; // signature, then IHDR's length, type, data, CRC

/** `png` with one iTXt chunk per entry right after IHDR (keywords are Latin-1, 1–79 characters). */
export function withPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const chunks = Object.entries(entries).map(([keyword, text]) => {
    // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
    const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set(encoder.encode('iTXt'), 4);
    chunk.set(data, 8);
    view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
    return chunk;
  });
  const extra = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + extra);
  out.set(png.subarray(0, IHDR_END), 0);
  let at = IHDR_END;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(IHDR_END), at);
  return out;
}

/** The iTXt entries of a PNG (uncompressed ones), keyword → text. */
export function readPngText(png: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder();
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let at = 8; at + 12 <= png.length; ) {
    const length = view.getUint32(at);
    const type = decoder.decode(png.subarray(at + 4, at + 8));
    if (type === 'iTXt') {
      const data = png.subarray(at + 8, at + 8 + length);
      const k = data.indexOf(0);
      // Skip compression flag and method, then the language tag and translated keyword (NUL-ended).
      const lang = data.indexOf(0, k + 3);
      const translated = data.indexOf(0, lang + 1);
      out[decoder.decode(data.subarray(0, k))] = decoder.decode(data.subarray(translated + 1));
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return out;
}
