// Dropped paths open as what their extension says: model, case file, or dataset (lists, manifests, folders).
import { describe, expect, it } from 'vitest';
import { dropActionFor } from './drop-target';

describe('dropActionFor', () => {
  it.each([
    ['/m/lasoftmoe-tiny.onnx', 'model'],
    ['C:\\cases\\CASE-1.ZIP', 'case'],
    ['/data/UniAttackData@p1_image_test.txt', 'dataset'],
    ['/data/manifest.csv', 'dataset'],
    ['/data/SynthUAD-demo', 'dataset'],
  ] as const)('%s → %s', (path, action) => {
    expect(dropActionFor(path)).toBe(action);
  });
});
