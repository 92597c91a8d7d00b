// Dropped paths open as what their extension says: model, case file, one image to check, or dataset (lists, manifests, folders).
import { describe, expect, it } from 'vitest';
import { dropActionFor } from './drop-target';

describe('dropActionFor', () => {
  it.each([
    ['/m/lasoftmoe-tiny.onnx', 'model'],
    ['C:\\cases\\CASE-1.ZIP', 'case'],
    ['/data/UniAttackData@p1_image_test.txt', 'dataset'],
    ['/data/manifest.csv', 'dataset'],
    ['/data/SynthUAD-demo', 'dataset'],
    ['/evidence/IMG_0042.JPG', 'image'],
    ['/evidence/photo.jpeg', 'image'],
    ['/evidence/scan.png', 'image'],
  ] as const)('%s → %s', (path, action) => {
    expect(dropActionFor(path)).toBe(action);
  });
});
