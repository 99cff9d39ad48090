/**
 * The SCIM protocol's fixed names: message URNs (RFC 7644 §3.4.3, §3.5.2, §3.12, §8.1), the schema
 * URNs of the discovery resources and of Groups (RFC 7643 §4.2, §5–7), and the media type. One
 * place for the mock, the harness, the client audit and the oracles, so they cannot drift apart.
 * The User schema URNs live with the attribute catalogue (`attributes.ts`).
 *
 * @module
 */
export const SCIM_CONTENT_TYPE = 'application/scim+json'
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'
export const SCIM_LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const SCIM_SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest'
export const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType'
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
