import type { PlanChatStreamMessage } from '../../../shared/domain'

/** Fans a plan's streaming chat reply out to whoever watches it; nothing is kept. */
export class PlanChatHub {
  private readonly listeners = new Map<string, Set<(m: PlanChatStreamMessage) => void>>()

  watch(planId: string, listener: (m: PlanChatStreamMessage) => void): () => void {
    const set = this.listeners.get(planId) ?? new Set()
    set.add(listener)
    this.listeners.set(planId, set)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(planId)
    }
  }

  emit(planId: string, message: PlanChatStreamMessage): void {
    for (const listener of this.listeners.get(planId) ?? []) listener(message)
  }

  watchers(planId: string): number {
    return this.listeners.get(planId)?.size ?? 0
  }
}
