// Real PNG images for upload tests (a municipality's logo): one colour, any size, optionally padded with a text
// chunk to a given number of bytes — valid files the app's image checks accept or refuse for their size alone.
import { crc32, deflateSync } from 'node:zlib';

/** A PNG of `width` × `height` pixels in `rgb`, padded to `padTo` bytes when that is larger than the image. */
export function png(options: { width?: number; height?: number; rgb?: [number, number, number]; padTo?: number } = {}): Buffer {
  const { width = 4, height = 4, rgb = [0x33, 0x33, 0x33], padTo = 0 } = options;
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgb)))]);
  const image = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
  ];
  const size = image.reduce((sum, part) => sum + part.length, 0) + 12;
  if (padTo > size + 12) image.push(chunk('tEXt', Buffer.alloc(padTo - size - 12, 0x61)));
  image.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(image);
}
