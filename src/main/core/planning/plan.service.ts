import type { ParsedInput } from '../../../shared/contract'
import type { Plan, PlanDetail, PlanVersion } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { PlanBacklog } from './plan-backlog'
import { PlanChat } from './plan-chat'
import type { PlanContext } from './plan-context'
import { clarify, generatePack } from './plan-generator'
import { createPlan } from './plan-intake'
import { findDecomposition, listLinks, listMessages, planUsage } from './plan-records.repository'
import { appendVersion, findPlan, findVersion, listPlans, listVersions, updatePlan } from './plan.repository'
import { applyEdits, describeEdits } from './wireframe-edits'
import { diffPacks } from './pack-diff'

/** The planning rail: PRD -> clarifications -> architecture pack versions -> decomposition -> issues. */
export class PlanService {
  readonly chat: PlanChat
  readonly backlog: PlanBacklog

  constructor(readonly ctx: PlanContext) {
    this.chat = new PlanChat(ctx)
    this.backlog = new PlanBacklog(ctx)
  }

  create(input: ParsedInput<'plan.create'>): Promise<Plan> {
    return createPlan(this.ctx.store, this.ctx.home, input)
  }

  list(): Promise<Plan[]> {
    return listPlans(this.ctx.store.db)
  }

  async get(id: string): Promise<PlanDetail> {
    const db = this.ctx.store.db
    const plan = await findPlan(db, id)
    return {
      plan,
      versions: await listVersions(db, id),
      current: plan.currentVersion ? await findVersion(db, id, plan.currentVersion) : null,
      messages: await listMessages(db, id),
      decomposition: await findDecomposition(db, id),
      usage: await planUsage(db, id),
      links: await listLinks(db, id)
    }
  }

  clarify(id: string): Promise<Plan> {
    return this.ctx.exclusive(id, 'clarify', async (plan) => {
      this.ctx.open(plan)
      const { output, clarifications } = await clarify(await this.ctx.model(id), plan)
      return this.ctx.setStatus(id, { title: output.title, summary: output.summary, clarifications: JSON.stringify(clarifications), status: plan.currentVersion ? plan.status : 'clarifying' })
    })
  }

  async answer(id: string, answers: ParsedInput<'plan.answer'>['answers']): Promise<Plan> {
    const plan = await findPlan(this.ctx.store.db, id)
    this.ctx.open(plan)
    if (plan.clarifications.length === 0) throw new ApiError('refused', `plan ${id} has no questions yet: run clarify first`, 'id')
    const known = new Set(plan.clarifications.map((c) => c.id))
    const bad = answers.findIndex((a) => !known.has(a.questionId))
    if (bad >= 0) throw new ApiError('not_found', `no question ${answers[bad]?.questionId} (known: ${[...known].join(', ')})`, `answers.${bad}.questionId`)
    const byId = new Map(answers.map((a) => [a.questionId, a.answer?.trim() || null]))
    const clarifications = plan.clarifications.map((c) => (byId.has(c.id) ? { ...c, answer: byId.get(c.id) ?? null } : c))
    return this.ctx.setStatus(id, { clarifications: JSON.stringify(clarifications) })
  }

  generate(id: string): Promise<PlanVersion> {
    return this.ctx.exclusive(id, 'generate', async (plan) => {
      this.ctx.open(plan)
      if (plan.clarifications.length === 0) throw new ApiError('refused', `plan ${id} has no clarifications yet: run clarify first (answers are optional; defaults apply)`, 'id')
      const pack = await generatePack(await this.ctx.model(id), plan, { title: plan.title, summary: plan.summary || plan.title })
      return this.ctx.store.write(async (tx) => {
        const version = await appendVersion(tx.db, id, 'generated', plan.currentVersion ? 'regenerated from the PRD' : 'first draft', pack)
        const updated = await updatePlan(tx.db, id, { status: 'drafted' })
        tx.emit('plan.updated', id, { plan: updated })
        return version
      })
    })
  }

  version(id: string, version: number): Promise<PlanVersion> {
    return findVersion(this.ctx.store.db, id, version)
  }

  async edit(input: ParsedInput<'plan.edit'>): Promise<PlanVersion> {
    return this.ctx.store.write(async (tx) => {
      const plan = await findPlan(tx.db, input.id)
      this.ctx.open(plan)
      if (plan.currentVersion !== input.baseVersion) {
        throw new ApiError('conflict', `the edits are based on version ${input.baseVersion} but the current version is ${plan.currentVersion}; reload and edit again`, 'baseVersion')
      }
      const base = await findVersion(tx.db, input.id, input.baseVersion)
      const version = await appendVersion(tx.db, input.id, 'wireframe', describeEdits(input.edits), applyEdits(base.pack, input.edits))
      const updated = await updatePlan(tx.db, input.id, { status: 'drafted' })
      tx.emit('plan.updated', input.id, { plan: updated })
      return version
    })
  }

  async diff(id: string, from: number, to: number) {
    const db = this.ctx.store.db
    return diffPacks(await findVersion(db, id, from), await findVersion(db, id, to))
  }
}
