/**
 * `previewGraphSource`: reads a Graph source read-only, plans what ClearID's Entra ID
 * synchronization would make of it with the configuration (the plan the mock's engine applies),
 * judges it with the Graph rules and previews it.
 *
 * @module
 */
import type { Classifier } from '../driver/rest/known-identities.ts'
import type { GraphSyncConfig } from '../model/graph/config.ts'
import { compileMappings } from '../model/graph/map-user.ts'
import { planSync } from '../model/graph/plan.ts'
import type { RuleResult } from '../reports/model.ts'
import type { GraphRule, GraphSourceView } from '../rules/graph/define.ts'
import { GRAPH_RULES } from '../rules/graph/index.ts'
import { previewOf, type GraphPreview } from './preview.ts'
import { judgeSource } from './rule-results.ts'
import {
  readGraphSource,
  type GraphSourceSpec,
  type ReadOptions,
  type SourceRead,
} from './sources.ts'

export interface GraphPreviewOutcome {
  readonly source: SourceRead
  readonly view: GraphSourceView
  readonly results: RuleResult[]
  readonly preview: GraphPreview
}

export async function previewGraphSource(
  config: GraphSyncConfig,
  spec: GraphSourceSpec,
  options: ReadOptions & {
    readonly rules?: readonly GraphRule[]
    /** The target's identities (`--against`): the preview tells what writing each one does. */
    readonly classify?: Classifier
  } = {},
): Promise<GraphPreviewOutcome> {
  const source = await readGraphSource(config, spec, options)
  const plan = planSync(compileMappings(config), source.read.snapshot)
  const view: GraphSourceView = {
    config,
    snapshot: source.read.snapshot,
    plan,
    source: spec.kind,
    ...(source.roles && { roles: source.roles }),
  }
  return {
    source,
    view,
    results: judgeSource(options.rules ?? GRAPH_RULES, view),
    preview: previewOf(plan, options.classify),
  }
}
