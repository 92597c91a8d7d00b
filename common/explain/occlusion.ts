// Occlusion sensitivity: the model input cut into a grid of cells, each cell masked in turn, the attack
// score re-read. Pure shared code (common/). Notation: size crop side in pixels, gh × gw cells, CHW tensor.

/** Pixel rectangle [y0, y1) × [x0, x1) of one cell. */
export interface CellRect { y0: number; y1: number; x0: number; x1: number }

/** The cells of a gh × gw grid over a size × size image, row-major; edges at floor(i·size / g). */
export function gridCells(size: number, grid: [number, number]): CellRect[] {
  const [gh, gw] = grid;
  if (!Number.isInteger(gh) || !Number.isInteger(gw) || gh < 1 || gw < 1 || gh > size || gw > size) {
    throw new RangeError(`an occlusion grid must have between 1 and ${size} cells a side, got ${gh}×${gw}`);
  }
  const cells: CellRect[] = [];
  for (let r = 0; r < gh; r++) {
    for (let c = 0; c < gw; c++) {
      cells.push({ y0: Math.floor((r * size) / gh), y1: Math.floor(((r + 1) * size) / gh), x0: Math.floor((c * size) / gw), x1: Math.floor(((c + 1) * size) / gw) });
    }
  }
  return cells;
}

/**
 * Writes a copy of the normalised CHW tensor with one cell set to `value` in every channel into `out`
 * (0 in normalised units is the preprocessing mean colour: the cell carries no signal).
 */
export function maskCell(tensor: Float32Array, size: number, rect: CellRect, out: Float32Array, value = 0): void {
  out.set(tensor);
  const plane = size * size;
  for (let c = 0; c < 3; c++) {
    for (let y = rect.y0; y < rect.y1; y++) out.fill(value, c * plane + y * size + rect.x0, c * plane + y * size + rect.x1);
  }
}

/** Score change per cell: base − masked (positive: the cell pushes the score towards attack). */
export function occlusionDeltas(base: number, scores: ArrayLike<number>): Float32Array {
  return Float32Array.from(scores, (s) => base - s);
}
