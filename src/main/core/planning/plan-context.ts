import type { Plan } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { ModelClient } from '../model/model-client'
import { resolveModelConfig } from '../model/model-config'
import type { Secrets } from '../secrets/secrets'
import type { SettingsService } from '../settings/settings.service'
import type { Store } from '../store'
import { PlanChatHub } from './plan-chat-hub'
import { acquirePlanLock, releasePlanLock } from './plan-lock.repository'
import { insertModelCall } from './plan-records.repository'
import { recordModelCall } from '../usage/model-calls'
import { findPlan, updatePlan } from './plan.repository'

/** What the planning steps share: the store, model access, the chat stream and one-step-at-a-time per plan. */
export class PlanContext {
  readonly chat = new PlanChatHub()

  constructor(
    readonly store: Store,
    readonly home: string,
    readonly settings: SettingsService,
    readonly secrets: Secrets
  ) {}

  /** A model client whose every call is recorded against the plan (tokens per call and per plan). */
  async model(planId: string): Promise<ModelClient> {
    const config = await resolveModelConfig(await this.settings.get(), this.secrets, 'planning')
    return new ModelClient(config, (call) =>
      this.store.write(async (tx) => {
        await insertModelCall(tx.db, planId, call)
        await recordModelCall(tx, call, { source: 'planning', planId })
      })
    )
  }

  /**
   * Runs one model-backed step at a time per plan, so two clicks (or the app and the CLI, each its own
   * process) cannot race to write versions: the lock is a row in the shared database.
   */
  async exclusive<T>(planId: string, step: string, work: (plan: Plan) => Promise<T>): Promise<T> {
    const plan = await findPlan(this.store.db, planId)
    const holder = await this.store.write((tx) => acquirePlanLock(tx.db, planId, step))
    try {
      return await work(plan)
    } finally {
      await this.store.write((tx) => releasePlanLock(tx.db, planId, holder))
    }
  }

  /** Refuses changes to a plan whose issues already exist. */
  open(plan: Plan): void {
    if (plan.status === 'approved') throw new ApiError('refused', `plan ${plan.id} is approved and its issues exist; start a new plan to change it`, 'id')
  }

  async setStatus(planId: string, update: Parameters<typeof updatePlan>[2]): Promise<Plan> {
    return this.store.write(async (tx) => {
      const plan = await updatePlan(tx.db, planId, update)
      tx.emit('plan.updated', planId, { plan })
      return plan
    })
  }
}
