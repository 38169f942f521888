import type { Run } from '../../../shared/domain'

export interface Caps {
  global: number
  perRepo: number
  perAgent: Record<string, number>
}

export interface SchedulingInput {
  /** Queued runs, in any order. */
  queued: readonly Run[]
  /** Runs holding a slot (preparing, running, waiting, validating). */
  active: readonly Run[]
  /** Scheduling rank per issue (0 urgent .. 3 low). */
  rank: ReadonlyMap<string, number>
  /** Unfinished dependencies per issue; an issue with any does not start. */
  blockedBy: ReadonlyMap<string, readonly string[]>
  caps(repoId: string): Caps
}

export interface SchedulingDecision {
  start: Run[]
  /** Why each run that stays queued waits. */
  waiting: Map<string, string>
}

/** Picks the queued runs to start now: most urgent first, then oldest, within every concurrency cap. */
export function schedule(input: SchedulingInput): SchedulingDecision {
  const byRepo = new Map<string, number>()
  const byAgent = new Map<string, number>()
  let total = input.active.length
  for (const run of input.active) {
    byRepo.set(run.repoId, (byRepo.get(run.repoId) ?? 0) + 1)
    byAgent.set(run.agentProfile, (byAgent.get(run.agentProfile) ?? 0) + 1)
  }
  const ordered = [...input.queued].sort(
    (a, b) => (input.rank.get(a.issueId) ?? 2) - (input.rank.get(b.issueId) ?? 2) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  )
  const decision: SchedulingDecision = { start: [], waiting: new Map() }
  for (const run of ordered) {
    const caps = input.caps(run.repoId)
    const blockers = input.blockedBy.get(run.issueId) ?? []
    const agentCap = caps.perAgent[run.agentProfile] ?? Number.POSITIVE_INFINITY
    let reason: string | undefined
    if (blockers.length > 0) reason = `waiting for dependencies: ${blockers.join(', ')}`
    else if (total >= caps.global) reason = `global concurrency cap (${caps.global}) reached`
    else if ((byRepo.get(run.repoId) ?? 0) >= caps.perRepo) reason = `repository concurrency cap (${caps.perRepo}) reached`
    else if ((byAgent.get(run.agentProfile) ?? 0) >= agentCap) reason = `${run.agentProfile} concurrency cap (${agentCap}) reached`
    if (reason) {
      decision.waiting.set(run.id, reason)
      continue
    }
    decision.start.push(run)
    total++
    byRepo.set(run.repoId, (byRepo.get(run.repoId) ?? 0) + 1)
    byAgent.set(run.agentProfile, (byAgent.get(run.agentProfile) ?? 0) + 1)
  }
  return decision
}
