// Face detection and alignment on real photographs (test/fixtures/photos, SOURCES.md), SynthUAD demo faces,
// a composed three-face picture, EXIF-rotated and in-plane-rotated faces. vitest, Node side (ORT CPU, sharp).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignmentTransform, ARCFACE_CANONICAL, warpRgb } from '../../common/faces/align.js';
import { similarityAngleDegrees } from '../../common/faces/similarity.js';
import { decodeOriented, FaceDetector } from './detector.js';

const ROOT = process.cwd();
const photo = (name: string) => readFileSync(join(ROOT, 'test/fixtures/photos', name));
const DEMO_LIVE = join(ROOT, 'assets/demo/SynthUAD-demo/Data/live/africa/AF-1015/real.rssdk/color/0001.jpg');
let detector: FaceDetector;

beforeAll(async () => { detector = await FaceDetector.open(['cpu']); });
afterAll(async () => { await detector.close(); });

const centre = (b: number[]) => [(b[0]! + b[2]!) / 2, (b[1]! + b[3]!) / 2];

describe('BlazeFace on onnxruntime-node', () => {
  it('finds the one face of the astronaut portrait, eyes level and on the right sides', async () => {
    const faces = await detector.detect(await decodeOriented(photo('astronaut.jpg')));
    expect(faces).toHaveLength(1);
    const [re, le, nose, mouth] = faces[0]!.keypoints;
    // The face of Eileen Collins lies in x 170-280, y 70-185 of the 512×512 photograph (checked by eye).
    const [cx, cy] = centre(faces[0]!.box);
    expect(cx).toBeGreaterThan(190); expect(cx).toBeLessThan(260);
    expect(cy).toBeGreaterThan(90); expect(cy).toBeLessThan(165);
    expect(re![0]).toBeLessThan(le![0]); // subject's right eye on the image's left
    expect(Math.abs(re![1] - le![1])).toBeLessThan(10);
    expect(nose![1]).toBeGreaterThan(re![1]);
    expect(mouth![1]).toBeGreaterThan(nose![1]);
    expect(faces[0]!.confidence).toBeGreaterThan(0.7);
  });

  it('finds the face in the grey studio shot (greyscale JPEG)', async () => {
    const faces = await detector.detect(await decodeOriented(photo('camera.jpg')));
    expect(faces).toHaveLength(1);
    const [cx, cy] = centre(faces[0]!.box);
    // The photographer's head is at x 180-260, y 120-200 of the 512×512 image.
    expect(cx).toBeGreaterThan(180); expect(cx).toBeLessThan(260);
    expect(cy).toBeGreaterThan(120); expect(cy).toBeLessThan(200);
  });

  it('finds no face in a photograph of a cat or of a coffee cup', async () => {
    expect(await detector.detect(await decodeOriented(photo('chelsea.jpg')))).toEqual([]);
    expect(await detector.detect(await decodeOriented(photo('coffee.jpg')))).toEqual([]);
  });

  it('finds the face of a SynthUAD crop', async () => {
    const faces = await detector.detect(await decodeOriented(readFileSync(DEMO_LIVE)));
    expect(faces).toHaveLength(1);
    const [cx, cy] = centre(faces[0]!.box);
    expect(Math.abs(cx - 56)).toBeLessThan(20);
    expect(Math.abs(cy - 60)).toBeLessThan(25);
  });

  it('finds three faces in a composed picture, each where it was pasted', async () => {
    // 440×440 grey canvas, 2×2 cells: the astronaut's head top left, the photographer's top right, the astronaut
    // mirrored bottom left (a synthetic SynthUAD face on grey scores under the detector's floor, 0.3-0.6).
    const astro = await sharp(photo('astronaut.jpg')).extract({ left: 115, top: 20, width: 220, height: 220 }).toBuffer();
    const cam = await sharp(photo('camera.jpg')).extract({ left: 110, top: 55, width: 220, height: 220 }).toColourspace('srgb').toBuffer();
    const mirrored = await sharp(astro).flop().toBuffer();
    const canvas = await sharp({ create: { width: 440, height: 440, channels: 3, background: { r: 128, g: 128, b: 128 } } })
      .composite([{ input: astro, left: 0, top: 0 }, { input: cam, left: 220, top: 0 }, { input: mirrored, left: 0, top: 220 }]).jpeg().toBuffer();
    const faces = await detector.detect(await decodeOriented(canvas));
    const cells = faces.map((f) => centre(f.box).map((v) => Math.floor(v / 220)).join(',')).sort();
    expect(cells).toEqual(['0,0', '0,1', '1,0']);
  });

  it('applies EXIF orientation first: a sideways-stored photo tagged orientation 6 is found upright', async () => {
    // Orientation 6 means "rotate 90° clockwise to display": store the pixels turned 90° anticlockwise.
    const stored = await sharp(photo('astronaut.jpg')).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const image = await decodeOriented(stored);
    expect(image.orientation).toBe(6);
    const faces = await detector.detect(image);
    expect(faces).toHaveLength(1);
    const [re, le] = faces[0]!.keypoints;
    expect(re![0]).toBeLessThan(le![0]);
    expect(Math.abs(re![1] - le![1])).toBeLessThan(10);
  });

  it('finds a face turned 25° in the image plane and alignment turns it back', async () => {
    const turned = await sharp(photo('astronaut.jpg')).rotate(25, { background: '#808080' }).jpeg().toBuffer();
    const image = await decodeOriented(turned);
    const faces = await detector.detect(image);
    expect(faces.length).toBeGreaterThanOrEqual(1);
    const spec = { size: 112, margin: 0.2, canonical: ARCFACE_CANONICAL };
    const t = alignmentTransform(faces[0]!.keypoints, spec);
    // sharp turns clockwise on screen; the aligning transform turns back by about as much (keypoints are noisy)
    expect(similarityAngleDegrees(t)).toBeGreaterThan(-40);
    expect(similarityAngleDegrees(t)).toBeLessThan(-12);
    const crop = warpRgb(image.rgb, image.width, image.height, t, 112);
    // the aligned crop is a face again: the detector finds one near its centre
    const again = await detector.detect({ rgb: crop, width: 112, height: 112, orientation: 1, frames: 1 });
    expect(again).toHaveLength(1);
    const [cx, cy] = centre(again[0]!.box);
    expect(Math.abs(cx - 56)).toBeLessThan(15);
    expect(Math.abs(cy - 56)).toBeLessThan(20);
  });
});
