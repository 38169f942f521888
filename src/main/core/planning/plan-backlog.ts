import path from 'node:path'
import type { Issue, PlanDecomposition, WorkItem } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { validateDecomposition } from './decomposition-validate'
import type { PlanContext } from './plan-context'
import { createPlanIssues } from './plan-approve'
import { decompose } from './plan-decomposer'
import { writeExports } from './plan-exports'
import { findDecomposition, insertLinks, listLinks, saveDecomposition } from './plan-records.repository'
import { findPlan, findVersion, updatePlan } from './plan.repository'

/** Decomposition, review, the approval gate and exports. */
export class PlanBacklog {
  constructor(private readonly ctx: PlanContext) {}

  planDir(planId: string): string {
    return path.join(this.ctx.home, 'plans', planId)
  }

  decompose(planId: string): Promise<PlanDecomposition> {
    return this.ctx.exclusive(planId, 'decompose', async (plan) => {
      this.ctx.open(plan)
      if (!plan.currentVersion) throw new ApiError('refused', `plan ${planId} has no architecture yet: generate it first`, 'id')
      const { pack } = await findVersion(this.ctx.store.db, planId, plan.currentVersion)
      const items = await decompose(await this.ctx.model(planId), pack)
      return this.save(planId, plan.currentVersion, items, false)
    })
  }

  /** Edited items from the review table: saved only when they validate; otherwise every problem is named. */
  async update(planId: string, items: WorkItem[]): Promise<PlanDecomposition> {
    const plan = await findPlan(this.ctx.store.db, planId)
    this.ctx.open(plan)
    if (!plan.currentVersion) throw new ApiError('refused', `plan ${planId} has no architecture yet`, 'id')
    return this.save(planId, plan.currentVersion, items, true)
  }

  private async save(planId: string, packVersion: number, items: WorkItem[], refuseInvalid: boolean): Promise<PlanDecomposition> {
    const { pack } = await findVersion(this.ctx.store.db, planId, packVersion)
    const report = validateDecomposition(items, pack)
    if (refuseInvalid && !report.ok) {
      throw new ApiError('refused', `the work items do not validate: ${report.errors.map((e) => e.message).join('; ')}`, 'items', { errors: report.errors })
    }
    return this.ctx.store.write(async (tx) => {
      const saved = await saveDecomposition(tx.db, planId, packVersion, items, report)
      const plan = await updatePlan(tx.db, planId, { status: report.ok ? 'decomposed' : 'drafted' })
      tx.emit('plan.updated', planId, { plan })
      return saved
    })
  }

  /** The approval gate: issues exist only after this explicit call, and only for a valid, current decomposition. */
  async approve(planId: string): Promise<{ issues: Issue[] }> {
    const result = await this.ctx.store.write(async (tx) => {
      const plan = await findPlan(tx.db, planId)
      this.ctx.open(plan)
      const decomposition = await findDecomposition(tx.db, planId)
      if (!decomposition) throw new ApiError('refused', `plan ${planId} has no decomposition to approve: run decompose first`, 'id')
      if (decomposition.packVersion !== plan.currentVersion) {
        throw new ApiError('refused', `the decomposition is of architecture v${decomposition.packVersion} but the current version is v${plan.currentVersion}: decompose again`, 'id')
      }
      const report = validateDecomposition(decomposition.items, (await findVersion(tx.db, planId, plan.currentVersion)).pack)
      if (!report.ok) throw new ApiError('refused', `the decomposition does not validate: ${report.errors.map((e) => e.message).join('; ')}`, 'id', { errors: report.errors })
      if ((await listLinks(tx.db, planId)).length) throw new ApiError('refused', `plan ${planId} already has issues`, 'id')
      const { pack } = await findVersion(tx.db, planId, plan.currentVersion)
      const created = await createPlanIssues(tx, plan, pack, decomposition)
      await insertLinks(tx.db, planId, created.links)
      const updated = await updatePlan(tx.db, planId, { status: 'approved' })
      tx.emit('plan.updated', planId, { plan: updated })
      return { issues: created.issues }
    })
    await this.export(planId)
    return result
  }

  /** The files on disk, and their contents (a browser downloads them from there). */
  async export(planId: string): Promise<{ dir: string; files: string[]; documents: { name: string; content: string }[] }> {
    const db = this.ctx.store.db
    const plan = await findPlan(db, planId)
    if (!plan.currentVersion) throw new ApiError('refused', `plan ${planId} has no architecture pack to export yet`, 'id')
    const { pack } = await findVersion(db, planId, plan.currentVersion)
    const dir = this.planDir(planId)
    const written = writeExports(dir, planId, plan.currentVersion, pack, await findDecomposition(db, planId))
    return { dir, files: written.map((f) => f.path), documents: written.map(({ name, content }) => ({ name, content })) }
  }
}
