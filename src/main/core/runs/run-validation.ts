import type { Run } from '../../../shared/domain'
import { newId, now } from '../ids'
import { findRepo } from '../repos/repo.repository'
import { type RunDeps, runPolicy } from './run-context'
import { findRun } from './run.repository'
import { moveRun } from './run-transition'
import { type CheckResult, runCheck } from './validation'

/**
 * The agent says it is done (its turn ended, or it exited cleanly): run the policy's validation commands
 * in the worktree, keep their logs as artifacts, commit what the agent left uncommitted as a validation
 * checkpoint, and offer the run for merge, or send it back with the failures named.
 */
export async function validateRun(
  deps: RunDeps,
  run: Run,
  agentAlive: boolean,
  options: { onRelaunch?: (run: Run) => Promise<unknown>; interrupted?: boolean } = {}
): Promise<Run | undefined> {
  const validating = await deps.store.write(async (tx) => {
    // Two engines both see the agent end: the first to get here validates, the other steps aside. Only a pass
    // cut short (the core died in it) is run again from `validating`.
    if ((await findRun(tx.db, run.id))?.state === 'validating' && !options.interrupted) return undefined
    return moveRun(tx, run.id, 'validating', { detail: null })
  })
  if (!validating || !run.worktreePath) return validating
  const policy = await runPolicy(deps.store, run.id)
  const results: CheckResult[] = []
  for (const command of policy.validation.commands) results.push(await runCheck(command, run.worktreePath))
  const failed = results.filter((r) => !r.passed)

  let checkpoint: string | null = null
  if (failed.length === 0 && run.branch && run.baseBranch) {
    checkpoint = await deps.workspaces.checkpoint(
      { repoPath: (await findRepo(deps.store.db, run.repoId))?.path ?? '', path: run.worktreePath, branch: run.branch, baseBranch: run.baseBranch },
      `flightdeck: validation checkpoint for run ${run.id}`
    )
  }

  // The close gate sees the work as it will merge: after the checkpoint, with this pass's results.
  const gate = failed.length === 0 && deps.gates ? await deps.gates.close(validating, results) : undefined
  let relaunch = false
  let afterCommit: (() => Promise<void>) | undefined
  const after = await deps.store.write(async (tx) => {
    // Moved on while its checks ran (stopped by the operator): this pass's verdict is no longer asked for.
    const current = await findRun(tx.db, run.id)
    if (current?.state !== 'validating') return current
    for (const r of results) {
      await tx.db
        .insertInto('artifacts')
        .values({ id: newId(), run_id: run.id, kind: 'test_log', uri: null, content: r.log, meta: JSON.stringify({ name: r.name, argv: r.argv, passed: r.passed, exitCode: r.exitCode, durationMs: r.durationMs }), created_at: now() })
        .execute()
    }
    if (checkpoint) {
      await tx.db.insertInto('artifacts').values({ id: newId(), run_id: run.id, kind: 'commit', uri: checkpoint, content: null, meta: JSON.stringify({ checkpoint: true }), created_at: now() }).execute()
    }
    if (failed.length > 0) {
      const reason = `validation failed: ${failed.map((f) => `${f.name} (exit ${f.exitCode ?? 'none'})`).join(', ')}`
      return moveRun(tx, run.id, agentAlive ? 'running' : 'failed', { detail: reason }, reason)
    }
    if (gate && !gate.passed && deps.gates) {
      const sent = await deps.gates.sendBack(tx, validating, gate, agentAlive)
      relaunch = sent.relaunch
      afterCommit = sent.afterCommit
      return sent.run
    }
    const moved = await moveRun(tx, run.id, 'ready_to_merge', { detail: null })
    await deps.issues.followRun(tx, run.issueId, 'in_review')
    return moved
  })
  // The feedback is durable in the ContextPacket; the briefing file is its copy for the agent to read.
  await afterCommit?.().catch((error: unknown) => console.error(`run ${run.id}: could not write the briefing file:`, error instanceof Error ? error.message : error))
  if (relaunch && after && options.onRelaunch) await options.onRelaunch(after)
  return after
}

