/**
 * A fixed-capacity buffer that keeps the newest items: appending to a full buffer drops the oldest.
 *
 * @module
 */
export class RingBuffer<T> {
  readonly #items: T[] = []
  #start = 0

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#items.length
  }

  /** Appends `item`; returns true when the oldest item was dropped to make room. */
  push(item: T): boolean {
    if (this.capacity <= 0) return true
    if (this.#items.length < this.capacity) {
      this.#items.push(item)
      return false
    }
    this.#items[this.#start] = item
    this.#start = (this.#start + 1) % this.capacity
    return true
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)]
  }

  clear(): void {
    this.#items.length = 0
    this.#start = 0
  }
}
