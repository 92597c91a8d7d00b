// The image sniffer against this process's sharp: every format it accepts decodes, BMP/SVG/HEIC are refused
// with a reason, and pipes, sockets and devices are reported without ever being opened for reading.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkImageFile, IMAGE_EXTENSIONS, SUPPORTED_FORMATS, unsupportedExtensionReason } from './image-sniff.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'uad-sniff-'));
const tiny = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#806040' } });

/** A minimal valid 1×1 24-bit BMP (BITMAPINFOHEADER), written byte by byte: sharp cannot write BMP. */
function bmp(): Buffer {
  const file = Buffer.alloc(58);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(58, 2); file.writeUInt32LE(54, 10); file.writeUInt32LE(40, 14);
  file.writeInt32LE(1, 18); file.writeInt32LE(1, 22); file.writeUInt16LE(1, 26); file.writeUInt16LE(24, 28);
  file.writeUInt32LE(4, 34);
  return file;
}

describe('the formats the sniffer accepts are the ones sharp decodes here', () => {
  it('accepts only formats whose sharp decoder is present, and never BMP', () => {
    for (const format of SUPPORTED_FORMATS) expect(sharp.format[format.sharpKey!]?.input.file, format.name).toBe(true);
    expect(SUPPORTED_FORMATS.map((f) => f.name)).toEqual(expect.arrayContaining(['JPEG', 'PNG', 'WebP', 'TIFF', 'GIF']));
    expect(IMAGE_EXTENSIONS.has('.bmp')).toBe(false);
    expect(IMAGE_EXTENSIONS.has('.svg')).toBe(false);
    expect(unsupportedExtensionReason('.svg')).toMatch(/^unsupported format: SVG \(\.svg\); images must be JPEG, PNG/);
    expect(unsupportedExtensionReason('.BMP')).toMatch(/^unsupported format: BMP \(\.bmp\)/);
    expect(unsupportedExtensionReason('')).toMatch(/^unsupported format: no file extension/);
    expect(unsupportedExtensionReason('.JPG')).toBe('');
  });

  it('every accepted format, written by sharp, is sniffed ok and decodes', async () => {
    const dir = temp();
    const writers: Record<string, (s: Sharp) => Sharp> = {
      JPEG: (s) => s.jpeg(), PNG: (s) => s.png(), WebP: (s) => s.webp(), TIFF: (s) => s.tiff(), GIF: (s) => s.gif(), AVIF: (s) => s.avif(),
    };
    for (const format of SUPPORTED_FORMATS) {
      const file = path.join(dir, `x${format.extensions[0]}`);
      await writers[format.name]!(tiny()).toFile(file);
      expect(await checkImageFile(file), format.name).toMatchObject({ status: 'ok' });
      expect((await sharp(file).raw().toBuffer({ resolveWithObject: true })).info.width, format.name).toBe(8);
    }
  });

  it('refuses BMP, SVG and HEIC content with the format named, whatever the extension', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'a.jpg'), bmp());
    await expect(sharp(path.join(dir, 'a.jpg')).toBuffer()).rejects.toThrow(); // sharp really cannot decode it
    writeFileSync(path.join(dir, 'b.png'), '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
    const heic = Buffer.alloc(32);
    heic.writeUInt32BE(24, 0); heic.write('ftypheic', 4, 'latin1');
    writeFileSync(path.join(dir, 'c.jpg'), heic);
    expect(await checkImageFile(path.join(dir, 'a.jpg'))).toMatchObject({ status: 'not-an-image', reason: expect.stringMatching(/^unsupported format: the content is BMP;/) });
    expect(await checkImageFile(path.join(dir, 'b.png'))).toMatchObject({ status: 'not-an-image', reason: expect.stringMatching(/^unsupported format: the content is SVG;/) });
    expect(await checkImageFile(path.join(dir, 'c.jpg'))).toMatchObject({ status: 'not-an-image', reason: expect.stringMatching(/^unsupported format: the content is HEIC;/) });
  });
});

describe('files that are not regular files', () => {
  it('reports a FIFO, a socket, a device and a folder as not regular files, without blocking on the FIFO', async () => {
    const dir = temp();
    execFileSync('mkfifo', [path.join(dir, 'pipe.jpg')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.jpg'), resolve));
    symlinkSync('/dev/null', path.join(dir, 'device.jpg'));
    try {
      expect(await checkImageFile(path.join(dir, 'pipe.jpg'))).toEqual({ status: 'unreadable', sizeBytes: 0, reason: 'not a regular file (named pipe)' });
      expect(await checkImageFile(path.join(dir, 'socket.jpg'))).toEqual({ status: 'unreadable', sizeBytes: 0, reason: 'not a regular file (socket)' });
      expect(await checkImageFile(path.join(dir, 'device.jpg'))).toEqual({ status: 'unreadable', sizeBytes: 0, reason: 'not a regular file (character device)' });
      expect(await checkImageFile(dir)).toEqual({ status: 'unreadable', sizeBytes: 0, reason: 'not a regular file (folder)' });
    } finally {
      server.close();
    }
  });
});
