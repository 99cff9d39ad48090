/**
 * A size budget for text assembled from blocks, so a document stays under a hard limit (a GitHub
 * comment takes 65,536 characters) and the caller knows when it had to stop.
 *
 * @module
 */

/** Appends blocks while they fit; the first block that does not fit stops the document. */
export class TextBudget {
  readonly #parts: string[] = []
  #used = 0
  full = false
  constructor(
    private readonly limit: number,
    /** Room kept for the closing note and footer, which are always added. */
    private readonly reserve = 600,
  ) {}
  add(block: string): boolean {
    if (this.full || this.#used + block.length + 2 > this.limit - this.reserve) {
      this.full = true
      return false
    }
    this.#parts.push(block)
    this.#used += block.length + 2
    return true
  }
  fits(block: string): boolean {
    return !this.full && this.#used + block.length + 2 <= this.limit - this.reserve
  }
  text(): string {
    return this.#parts.join('\n\n')
  }
}
