/**
 * Directory extension properties of a fake tenant (Graph `extensionProperty`): each named
 * `extension_{appId without dashes}_{name}`, registered on an application, targeting users. ClearID
 * reads them with the Application.Read.All permission to offer them as mapping sources.
 *
 * @module
 */
import { ApiError } from '../errors/api-error.ts'
import { EXTENSION_NAME } from '../../model/graph/graph-properties.ts'

export type ExtensionDataType = 'String' | 'Integer' | 'Boolean' | 'DateTime'

export interface ExtensionProperty {
  readonly id: string
  /** The full name: `extension_{appId without dashes}_{name}`. */
  readonly name: string
  readonly appDisplayName: string
  readonly dataType: ExtensionDataType
  readonly isMultiValued: boolean
  readonly targetObjects: readonly string[]
}

const DATA_TYPES: readonly ExtensionDataType[] = ['String', 'Integer', 'Boolean', 'DateTime']

/** `extension_{appId without dashes}_{name}` for an app id and a short name. */
export function extensionName(appId: string, name: string): string {
  const full = `extension_${appId.replaceAll('-', '').toLowerCase()}_${name}`
  if (!EXTENSION_NAME.test(full)) {
    throw new ApiError(
      400,
      `Extension name "${name.slice(0, 60)}" must be letters, digits or underscores, and the app id a GUID.`,
      { errors: { name: ['Letters, digits and underscores, at most 120.'] } },
    )
  }
  return full
}

/** The GUID of the owning app, from the 32 hex digits in an extension name. */
export function ownerAppId(name: string): string {
  const hex = EXTENSION_NAME.exec(name)?.[1]?.toLowerCase() ?? ''
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export class GraphExtensions {
  readonly #byName = new Map<string, ExtensionProperty>()

  constructor(private readonly newId: () => string) {}

  list(): ExtensionProperty[] {
    return [...this.#byName.values()]
  }

  get(name: string): ExtensionProperty | undefined {
    return this.#byName.get(name.toLowerCase())
  }

  /** Defines an extension (idempotent by name); `dataType` is checked when given. */
  define(
    name: string,
    options: {
      dataType?: string
      appDisplayName?: string
      isMultiValued?: boolean
      id?: string
    } = {},
  ): ExtensionProperty {
    const existing = this.get(name)
    if (existing) return existing
    const dataType = (options.dataType ?? 'String') as ExtensionDataType
    if (!DATA_TYPES.includes(dataType)) {
      throw new ApiError(400, `dataType must be one of ${DATA_TYPES.join(', ')}.`, {
        errors: { dataType: [`One of ${DATA_TYPES.join(', ')}.`] },
      })
    }
    const property: ExtensionProperty = {
      id: options.id ?? this.newId(),
      name,
      appDisplayName: options.appDisplayName ?? 'Tenant Schema Extension App',
      dataType,
      isMultiValued: options.isMultiValued ?? false,
      targetObjects: ['User'],
    }
    this.#byName.set(name.toLowerCase(), property)
    return property
  }

  clear(): void {
    this.#byName.clear()
  }
}

/** The Graph representation (`#microsoft.graph.extensionProperty`). */
export function extensionResource(property: ExtensionProperty): Record<string, unknown> {
  return {
    id: property.id,
    deletedDateTime: null,
    appDisplayName: property.appDisplayName,
    dataType: property.dataType,
    isMultiValued: property.isMultiValued,
    isSyncedFromOnPremises: false,
    name: property.name,
    targetObjects: property.targetObjects,
  }
}
