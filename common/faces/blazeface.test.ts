// Tests of BlazeFace anchor generation, output decoding and the letterbox mapping (common/faces/blazeface).
// vitest, pure; expected values computed by hand from the anchor layout.
import { describe, expect, it } from 'vitest';
import { blazefaceAnchors, decodeBlazeface, detectionToImage, letterbox } from './blazeface.js';

describe('blazefaceAnchors', () => {
  const anchors = blazefaceAnchors();
  it('has 16×16×2 anchors at stride 16 then 8×8×6 at stride 32', () => {
    expect(anchors).toHaveLength(896);
    expect(anchors[0]).toEqual([8, 8]);
    expect(anchors[1]).toEqual([8, 8]);
    expect(anchors[2]).toEqual([24, 8]); // next cell in x
    expect(anchors[32]).toEqual([8, 24]); // next row: 16 cells × 2
    expect(anchors[511]).toEqual([248, 248]);
    expect(anchors[512]).toEqual([16, 16]);
    expect(anchors[517]).toEqual([16, 16]);
    expect(anchors[518]).toEqual([48, 16]);
    expect(anchors[895]).toEqual([240, 240]);
  });
});

describe('decodeBlazeface', () => {
  const anchors = blazefaceAnchors();
  const logits = new Float32Array(896).fill(-10);
  const regs = new Float32Array(896 * 16);
  // one face at anchor 600 (stride 32): anchor centre
  const a = 600;
  const [ax, ay] = anchors[a]!;
  logits[a] = 2; // sigmoid(2) = 0.8808
  regs.set([4, -6, 40, 50, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], a * 16);
  // a weaker duplicate of it at the neighbouring anchor (same box): suppressed
  logits[a + 1] = 1;
  regs.set([4, -6, 40, 50], (a + 1) * 16);

  it('decodes box, keypoints and confidence relative to the anchor', () => {
    const faces = decodeBlazeface(logits, regs);
    expect(faces).toHaveLength(1);
    const f = faces[0]!;
    expect(f.confidence).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(f.box).toEqual([ax + 4 - 20, ay - 6 - 25, ax + 4 + 20, ay - 6 + 25]);
    expect(f.keypoints[0]).toEqual([ax + 1, ay + 2]);
    expect(f.keypoints[5]).toEqual([ax + 11, ay + 12]);
  });
  it('returns nothing when every score is below the floor', () => {
    expect(decodeBlazeface(new Float32Array(896).fill(-1), regs)).toEqual([]);
  });
  it('refuses outputs of the wrong size', () => {
    expect(() => decodeBlazeface(new Float32Array(10), regs)).toThrow(/expected 896 logits/);
  });
});

describe('letterbox', () => {
  it('centres a wide image and maps points back', () => {
    // 400×200 in 256: scale 0.64 → 256×128, top (256−128)/2 = 64
    const lb = letterbox(400, 200);
    expect(lb).toMatchObject({ width: 256, height: 128, left: 0, top: 64, scaleX: 0.64, scaleY: 0.64 });
    const d = detectionToImage({ box: [0, 64, 128, 128], keypoints: [[64, 96]], confidence: 0.9 }, lb);
    expect(d.box).toEqual([0, 0, 200, 100]);
    expect(d.keypoints[0]).toEqual([100, 50]);
  });
  it('zooms out: a 1.5× canvas leaves a margin all round', () => {
    // 300×300 at zoom 1.5: fit 256/450 → 171 px (rounded), left floor((256−171)/2) = 42
    const lb = letterbox(300, 300, 256, 1.5);
    expect(lb.width).toBe(171);
    expect(lb.left).toBe(42);
    expect(lb.top).toBe(42);
  });
});
