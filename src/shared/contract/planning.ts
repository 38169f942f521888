import { z } from 'zod'
import type { Issue, PackDiff, Plan, PlanDecomposition, PlanDetail, PlanMessage, PlanVersion } from '../domain'
import { componentId, componentTypes, relationshipKinds, workItemsSchema } from '../domain'
import { command, topic } from './kit'
import { freeText, id, text } from './schemas'

const planRef = z.strictObject({ id })
const version = z.number().int().min(1)

const target = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('existing'), repoId: id }),
  z.strictObject({
    kind: z.literal('new'),
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a repository name uses letters, digits, . _ - (max 100)'),
    /** Folder to create it in; default $FLIGHTDECK_HOME/repos. */
    parentDir: text('parentDir', 4_096).optional()
  })
])

/** Wireframe edits: applying a list makes exactly one new version. */
export const wireframeEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('addComponent'), id: componentId, name: text('name', 120), type: z.enum(componentTypes), responsibility: freeText('responsibility', 2_000).optional() }),
  z.strictObject({ op: z.literal('removeComponent'), id: componentId }),
  z.strictObject({ op: z.literal('renameComponent'), id: componentId, name: text('name', 120) }),
  z.strictObject({ op: z.literal('setComponentType'), id: componentId, type: z.enum(componentTypes) }),
  z.strictObject({ op: z.literal('connect'), from: componentId, to: componentId, kind: z.enum(relationshipKinds) }),
  z.strictObject({ op: z.literal('disconnect'), from: componentId, to: componentId }),
  z.strictObject({ op: z.literal('setRelationshipKind'), from: componentId, to: componentId, kind: z.enum(relationshipKinds) })
])

export const planningCommands = {
  /**
   * Start a plan from a PRD: org constraints are YAML (a mapping); the target is a registered repository or a
   * new one Flightdeck creates (git init, generated README and docs/) and registers.
   */
  'plan.create': command<Plan>()(
    z.strictObject({
      prdText: text('prdText', 2_000_000),
      title: text('title', 200).optional(),
      orgConstraintsYaml: freeText('orgConstraintsYaml', 200_000).default(''),
      target
    })
  ),
  /** Every plan, newest first. */
  'plan.list': command<Plan[]>()(z.strictObject({})),
  /** A plan with its current pack, versions, chat, decomposition, token usage and issue links. */
  'plan.get': command<PlanDetail>()(planRef),
  /** Ask the model for 3-5 architecture-shaping questions, each with a default assumption and why it matters. */
  'plan.clarify': command<Plan>()(planRef),
  /** Record answers (null keeps the default assumption); unknown question ids are refused. */
  'plan.answer': command<Plan>()(
    z.strictObject({ id, answers: z.array(z.strictObject({ questionId: z.string().regex(/^Q\d+$/, 'a question id looks like Q1'), answer: freeText('answer', 4_000).nullable() })).max(20) })
  ),
  /** Generate the architecture pack (sectioned for large PRDs) as a new version. */
  'plan.generate': command<PlanVersion>()(planRef),
  /** One version of the pack. */
  'plan.version': command<PlanVersion>()(z.strictObject({ id, version })),
  /** Apply wireframe edits to the current version (which must be `baseVersion`); makes one new version. */
  'plan.edit': command<PlanVersion>()(z.strictObject({ id, baseVersion: version, edits: z.array(wireframeEditSchema).min(1, 'at least one edit').max(500) })),
  /** Components, relationships and requirements added, removed and changed between two versions. */
  'plan.diff': command<PackDiff>()(z.strictObject({ id, from: version, to: version })),
  /** Send a refinement message; the reply streams on the `planChat` stream (key: plan id) and may propose a revision. */
  'plan.chat': command<PlanMessage>()(z.strictObject({ id, message: text('message', 20_000) })),
  /** Accept a proposed revision: it becomes a new version. */
  'plan.acceptProposal': command<PlanVersion>()(z.strictObject({ id, messageId: id })),
  /** Break the current version into small work items, validated (DAG, ids, coverage, duplicates). */
  /** Declines a chat proposal: no version is made, and it shows as dismissed. */
  'plan.dismissProposal': command<PlanMessage>()(z.strictObject({ id, messageId: id })),
  /** What a chat proposal would change against the current version, before it is accepted. */
  'plan.proposalDiff': command<PackDiff>()(z.strictObject({ id, messageId: id })),
  'plan.decompose': command<PlanDecomposition>()(planRef),
  /** Replace the work items after review; refused with every problem named when they do not validate. */
  'plan.updateItems': command<PlanDecomposition>()(z.strictObject({ id, items: workItemsSchema.min(1, 'at least one work item') })),
  /** Explicit approval: creates one issue per work item (with ContextPacket v1 and dependencies). */
  'plan.approve': command<{ issues: Issue[] }>()(planRef),
  /** Write the pack and decomposition files under $FLIGHTDECK_HOME/plans/<id>/. */
  'plan.export': command<{ dir: string; files: string[]; documents: { name: string; content: string }[] }>()(planRef),
  /** Create or update the approved issues on GitHub; idempotent (a marker in each body links item and issue). */
  'plan.syncGithub': command<{ created: number; updated: number; issues: { itemKey: string; number: number }[] }>()(
    z.strictObject({
      id,
      owner: z.string().regex(/^[A-Za-z0-9-]{1,39}$/, 'owner must be a GitHub user or organization name'),
      repo: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'repo must be a GitHub repository name'),
      /** GitHub Enterprise (or a test server): the REST API root. */
      baseUrl: z.url().optional()
    })
  )
}

export const planningTopics = {
  /** A plan was created or changed (status, answers, current version, decomposition, issues). */
  'plan.updated': topic<{ plan: Plan }>(),
  /** A chat message was stored (the user's, or the assistant's complete reply). */
  'plan.message': topic<{ message: PlanMessage }>()
}
