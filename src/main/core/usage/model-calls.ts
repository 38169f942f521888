import type { CallRecord } from '../model/model-client'
import type { WriteTx } from '../store'
import { recordUsage } from './usage.repository'

/**
 * Flightdeck's own model calls (planning against a plan, grading against the run it grades) as usage. A call
 * that failed before the model answered used no tokens and is not recorded.
 */
export async function recordModelCall(tx: WriteTx, call: CallRecord, owner: { source: 'planning'; planId: string } | { source: 'grading'; runId: string }): Promise<void> {
  if (call.outcome === 'error' && call.inputTokens === 0 && call.outputTokens === 0) return
  await recordUsage(tx, {
    ...owner,
    model: call.model,
    inputTokens: call.inputTokens,
    outputTokens: call.outputTokens,
    cacheReadTokens: call.cacheReadTokens ?? 0,
    cacheWriteTokens: call.cacheWriteTokens ?? 0
  })
}
