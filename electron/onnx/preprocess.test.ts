// Preprocessing as the sidecar says: orientation, colour conversions, resize/crop geometry, normalisation.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PreprocessingSpec } from '../../common/model/sidecar.js';
import { decompressionBombPng } from '../../test/fixtures/bad-input/make-corpus.js';
import { ImageDecodeError, isTruncatedJpeg, preprocessImage, shorterSideSize } from './preprocess.js';

const spec: PreprocessingSpec = {
  resize: 32, resize_mode: 'shorter_side', interpolation: 'bicubic', crop: 32, crop_mode: 'center',
  rescale: 1 / 255, mean: [0.5, 0.25, 0.125], std: [0.5, 0.25, 0.5], colour_order: 'RGB',
};

const solid = (width: number, height: number, rgb: [number, number, number]) =>
  sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });

describe('preprocessImage', () => {
  it('normalises each channel with the sidecar mean and std, CHW', async () => {
    const out = await preprocessImage(await solid(64, 48, [255, 51, 0]).png().toBuffer(), spec);
    expect(out.size).toBe(32);
    expect(out.tensor).toHaveLength(3 * 32 * 32);
    // R: (1 − .5)/.5 = 1; G: (.2 − .25)/.25 = −.2; B: (0 − .125)/.5 = −.25
    expect(out.tensor[0]).toBeCloseTo(1, 5);
    expect(out.tensor[32 * 32]).toBeCloseTo(-0.2, 5);
    expect(out.tensor[2 * 32 * 32 + 100]).toBeCloseTo(-0.25, 5);
    expect(Array.from(out.rgb.subarray(0, 3))).toEqual([255, 51, 0]);
  });

  it('swaps channels for a BGR model', async () => {
    const out = await preprocessImage(await solid(40, 40, [255, 0, 0]).png().toBuffer(), { ...spec, colour_order: 'BGR', mean: [0, 0, 0], std: [1, 1, 1] });
    expect(out.tensor[0]).toBeCloseTo(0, 6); // first plane is blue
    expect(out.tensor[2 * 32 * 32]).toBeCloseTo(1, 6); // last plane is red
  });

  it('applies EXIF orientation before cropping', async () => {
    // 80×40: left half red, right half blue. Orientation 6 (rotate 90° clockwise) puts red on top.
    const image = solid(80, 40, [255, 0, 0]).composite([{ input: await solid(40, 40, [0, 0, 255]).png().toBuffer(), left: 40, top: 0 }]);
    const rotated = await image.jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const out = await preprocessImage(rotated, { ...spec, resize: 32, crop: 32 });
    expect(out.original).toMatchObject({ width: 40, height: 80, orientation: 6 });
    const pixel = (x: number, y: number) => Array.from(out.rgb.subarray((y * 32 + x) * 3, (y * 32 + x) * 3 + 3));
    expect(pixel(16, 2)[0]).toBeGreaterThan(200); // top is red
    expect(pixel(16, 29)[2]).toBeGreaterThan(200); // bottom is blue
  });

  it('converts greyscale, alpha, 16-bit and CMYK inputs to 8-bit RGB', async () => {
    const grey = await preprocessImage(await solid(40, 40, [100, 100, 100]).toColourspace('b-w').png().toBuffer(), spec);
    expect(grey.original.channels).toBe(1);
    expect(Array.from(grey.rgb.subarray(0, 3))).toEqual([100, 100, 100]);
    const alpha = await preprocessImage(await solid(40, 40, [10, 20, 30]).ensureAlpha(0.2).png().toBuffer(), spec);
    expect(alpha.original.hasAlpha).toBe(true);
    expect(Array.from(alpha.rgb.subarray(0, 3))).toEqual([10, 20, 30]);
    const deep = await preprocessImage(await solid(40, 40, [200, 100, 50]).toColourspace('rgb16').png().toBuffer(), spec);
    expect(deep.original.depth).toBe('ushort');
    // 16→8-bit conversion may round down by one level.
    Array.from(deep.rgb.subarray(0, 3)).forEach((v, i) => expect(Math.abs(v - [200, 100, 50][i]!)).toBeLessThanOrEqual(1));
    const cmyk = await preprocessImage(await solid(40, 40, [128, 128, 128]).toColourspace('cmyk').jpeg().toBuffer(), spec);
    expect(cmyk.original.space).toBe('cmyk');
    for (const v of cmyk.rgb.subarray(0, 3)) expect(Math.abs(v - 128)).toBeLessThan(24);
  });

  it('refuses decompression bombs and broken data with a clear reason', async () => {
    await expect(preprocessImage(decompressionBombPng(20000, 20000), spec)).rejects.toThrow(/20000×20000.*megapixel limit/);
    await expect(preprocessImage(Buffer.from('hello'), spec)).rejects.toBeInstanceOf(ImageDecodeError);
    const jpeg = await solid(64, 64, [1, 2, 3]).jpeg().toBuffer();
    // the same reason every time, also when many decodes run at once (libvips shares its error buffer)
    const cut = jpeg.subarray(0, jpeg.length / 2);
    const reasons = await Promise.all(Array.from({ length: 16 }, () => preprocessImage(cut, spec).then(() => 'decoded', (e: Error) => e.message)));
    expect(new Set(reasons)).toEqual(new Set(['image data is truncated (the JPEG has no end-of-image marker)']));
    expect(isTruncatedJpeg(jpeg)).toBe(false);
    expect(isTruncatedJpeg(Buffer.concat([jpeg, Buffer.from('trailing bytes')]))).toBe(false);
  });

  it('resizes the shorter side like torchvision (floor of the long side)', () => {
    expect(shorterSideSize(200, 100, 112)).toEqual({ width: 224, height: 112 });
    expect(shorterSideSize(100, 333, 112)).toEqual({ width: 112, height: 372 });
    expect(shorterSideSize(50, 50, 112)).toEqual({ width: 112, height: 112 });
  });
});
