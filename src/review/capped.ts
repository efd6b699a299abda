import type { Capped } from './model.js';

/**
 * Keeps at most `cap` items: the smallest by `order`, so the kept ones do not depend on the order
 * records were read in. Items beyond the cap are only counted, which keeps memory flat however many
 * records there are.
 */
export class CappedList<T> {
  private readonly items: T[] = [];
  private omitted = 0;

  constructor(
    private readonly cap: number,
    private readonly order: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.order(this.items[mid]!, item) <= 0) low = mid + 1;
      else high = mid;
    }
    if (low >= this.cap) {
      this.omitted++;
      return;
    }
    this.items.splice(low, 0, item);
    if (this.items.length > this.cap) {
      this.items.pop();
      this.omitted++;
    }
  }

  result(): Capped<T> {
    return { items: [...this.items], omitted: this.omitted };
  }
}

/** Compares strings by UTF-16 code units: the same order everywhere, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
