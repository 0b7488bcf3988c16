import { crc32, deflateSync } from "node:zlib";

let cached: Buffer | undefined;

/** A 96×96 PNG (a green tile with a white check mark) a simulated contact sends when no picture is given. */
export function samplePng(): Buffer {
  cached ??= encode(96, 96, (x, y) => {
    const onCheck = Math.abs(y - (x < 42 ? x + 18 : 102 - x)) < 6 && x > 22 && x < 76;
    return onCheck ? [255, 255, 255] : [37, 211, 102];
  });
  return cached;
}

// --- Internal helpers ---

function encode(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
