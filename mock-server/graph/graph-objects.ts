/**
 * One kind of directory object (users, or groups) of a tenant: by id, in id order for paging, with
 * the change sequence number of each property so a delta query reports exactly the objects whose
 * tracked properties changed. Ids are GUIDs and compare case-insensitively, as in Graph.
 *
 * @module
 */
import type { GraphProps } from './graph-values.ts'

export interface StoredObject {
  readonly id: string
  readonly props: GraphProps
  /** Sequence number of the object's last change. */
  version: number
  /** Sequence number of each property's (and `manager`'s) last change. */
  readonly changed: Map<string, number>
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export class ObjectTable {
  readonly #byId = new Map<string, StoredObject>()
  #sorted: StoredObject[] | undefined

  get size(): number {
    return this.#byId.size
  }

  get(id: string): StoredObject | undefined {
    return this.#byId.get(id.toLowerCase())
  }

  has(id: string): boolean {
    return this.#byId.has(id.toLowerCase())
  }

  insert(object: StoredObject): void {
    this.#byId.set(object.id.toLowerCase(), object)
    this.#sorted = undefined
  }

  delete(id: string): StoredObject | undefined {
    const object = this.get(id)
    if (object) {
      this.#byId.delete(id.toLowerCase())
      this.#sorted = undefined
    }
    return object
  }

  /** Every object in id order: the order lists and `$skiptoken` cursors follow. */
  sorted(): readonly StoredObject[] {
    this.#sorted ??= [...this.#byId.values()].sort((a, b) => compareIds(a.id, b.id))
    return this.#sorted
  }

  clear(): void {
    this.#byId.clear()
    this.#sorted = undefined
  }
}

export function compareIds(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
