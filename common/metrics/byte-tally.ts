// How many times each slot was drawn in one bootstrap replicate, one byte a slot (10⁶ slots fit a core's L2
// cache, so a draw costs a cache hit, not a miss), with the rare count past 255 carried exactly. Pure shared code.

/** Counts per slot 0..size−1; every count is exact, whatever its size. */
export class ByteTally {
  private readonly low: Uint8Array;
  /** Slot → 256 × the times its byte wrapped; empty in practice (a slot drawn 256 times in one replicate). */
  private readonly carries = new Map<number, number>();
  /** Whether any count has passed 255 since the last clear (a field, read on every count). */
  private carried = false;

  constructor(readonly size: number) {
    this.low = new Uint8Array(size);
  }

  /** Adds one to `slot`'s count. */
  add(slot: number): void {
    const next = this.low[slot] + 1;
    if (next === 256) {
      this.low[slot] = 0;
      this.carries.set(slot, (this.carries.get(slot) ?? 0) + 256);
      this.carried = true;
    } else this.low[slot] = next;
  }

  /** `slot`'s count. */
  count(slot: number): number {
    const low = this.low[slot];
    return this.carried ? low + (this.carries.get(slot) ?? 0) : low;
  }

  /** Every count back to zero. */
  clear(): void {
    this.low.fill(0);
    this.carries.clear();
    this.carried = false;
  }
}
