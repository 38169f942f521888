import type { PackDiff, PlanMessage, PlanVersion } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { PlanContext } from './plan-context'
import { reviseArchitecture } from './pack-assemble'
import { diffPacks } from './pack-diff'
import { refine } from './plan-refine'
import { insertMessage, listMessages, setProposal } from './plan-records.repository'
import { appendVersion, findPlan, findVersion, updatePlan } from './plan.repository'

/** The refinement chat: kept with the plan; replies stream; a proposed revision becomes a version only when accepted. */
export class PlanChat {
  constructor(private readonly ctx: PlanContext) {}

  send(planId: string, text: string): Promise<PlanMessage> {
    return this.ctx.exclusive(planId, 'chat', async (plan) => {
      this.ctx.open(plan)
      if (!plan.currentVersion) throw new ApiError('refused', `plan ${planId} has no architecture yet: generate it first`, 'id')
      const current = await findVersion(this.ctx.store.db, planId, plan.currentVersion)
      const history = await listMessages(this.ctx.store.db, planId)
      const model = await this.ctx.model(planId)
      await this.ctx.store.write(async (tx) => {
        const message = await insertMessage(tx.db, planId, 'user', text, null)
        tx.emit('plan.message', planId, { message })
      })
      let reply
      try {
        reply = await refine(model, current.pack, history, text, (delta) => this.ctx.chat.emit(planId, { delta }))
      } catch (error) {
        this.ctx.chat.emit(planId, { error: error instanceof Error ? error.message : String(error) })
        throw error
      }
      const content = [reply.text.trim(), reply.rejected ? `(No revision: ${reply.rejected})` : ''].filter(Boolean).join('\n\n') || '(no text)'
      const proposal = reply.proposal
        ? { summary: reply.proposal.summary, pack: reviseArchitecture(current.pack, reply.proposal), status: 'pending' as const, version: null }
        : null
      const message = await this.ctx.store.write(async (tx) => {
        const stored = await insertMessage(tx.db, planId, 'assistant', content, proposal)
        tx.emit('plan.message', planId, { message: stored })
        return stored
      })
      this.ctx.chat.emit(planId, { done: message.id })
      return message
    })
  }

  async accept(planId: string, messageId: string): Promise<PlanVersion> {
    return this.ctx.store.write(async (tx) => {
      const message = await this.pending(tx.db, planId, messageId)
      const version = await appendVersion(tx.db, planId, 'chat', message.proposal.summary, message.proposal.pack)
      const stored = { ...message.proposal, status: 'accepted' as const, version: version.version }
      await setProposal(tx.db, messageId, stored)
      const updated = await updatePlan(tx.db, planId, { status: 'drafted' })
      tx.emit('plan.message', planId, { message: { ...message, proposal: stored } })
      tx.emit('plan.updated', planId, { plan: updated })
      return version
    })
  }

  /** Declines a proposed revision: it stays in the chat, marked dismissed, and no version is made. */
  async dismiss(planId: string, messageId: string): Promise<PlanMessage> {
    return this.ctx.store.write(async (tx) => {
      const message = await this.pending(tx.db, planId, messageId)
      const stored = { ...message.proposal, status: 'dismissed' as const }
      await setProposal(tx.db, messageId, stored)
      const dismissed = { ...message, proposal: stored }
      tx.emit('plan.message', planId, { message: dismissed })
      return dismissed
    })
  }

  /** What a proposal would change against the version it was proposed on (now the current one, or not). */
  async proposalDiff(planId: string, messageId: string): Promise<PackDiff> {
    const db = this.ctx.store.db
    const message = (await listMessages(db, planId)).find((m) => m.id === messageId)
    if (!message?.proposal) throw new ApiError('not_found', `plan ${planId} has no proposal in message ${messageId}`, 'messageId')
    const plan = await findPlan(db, planId)
    if (!plan.currentVersion) throw new ApiError('refused', `plan ${planId} has no architecture yet`, 'id')
    const current = await findVersion(db, planId, plan.currentVersion)
    return diffPacks(current, { version: plan.currentVersion + 1, pack: message.proposal.pack })
  }

  private async pending(db: Parameters<typeof listMessages>[0], planId: string, messageId: string) {
    const plan = await findPlan(db, planId)
    this.ctx.open(plan)
    const message = (await listMessages(db, planId)).find((m) => m.id === messageId)
    if (!message) throw new ApiError('not_found', `plan ${planId} has no message ${messageId}`, 'messageId')
    if (!message.proposal) throw new ApiError('refused', 'that message proposes no revision', 'messageId')
    if (message.proposal.status !== 'pending') throw new ApiError('refused', `that proposal is already ${message.proposal.status}`, 'messageId')
    return { ...message, proposal: message.proposal }
  }
}
