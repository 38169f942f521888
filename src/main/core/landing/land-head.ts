import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { newId, now } from '../ids'
import { findIssue } from '../issues/issue.repository'
import { findRepo } from '../repos/repo.repository'
import { runPolicy } from '../runs/run-context'
import { findRun } from '../runs/run.repository'
import { moveRun } from '../runs/run-transition'
import { type CheckResult, runCheck } from '../runs/validation'
import { isWorkspaceError } from '../workspaces'
import type { LandingRow } from '../db/tables/landing.table'
import { asHolder, type Landing, type LandingDeps, LostClaim, setStep } from './landing-context'
import { abortInProgress, alreadyLanded, integrateBase, snapshotBranch, undoHalfIntegration } from './landing-git'
import { deleteLandingRow, findLandingRow, updateLandingIf } from './landing.repository'
import { block, sendBack } from './send-back'
import { pushForPullRequest } from './pr-push'

/**
 * Lands the entry this engine just claimed: snapshot the branch tip, bring the branch up to date with the base
 * in its worktree, run the validation commands again, merge. Each step is recorded first, and every step can be
 * redone, so a landing cut short (a crash, a lost lease) is simply started again by whoever claims it next.
 */
export async function landHead(deps: LandingDeps, holder: string, row: LandingRow, again = false): Promise<void> {
  const { store } = deps.run
  const run = await findRun(store.db, row.run_id)
  const repo = run ? await findRepo(store.db, run.repoId) : undefined
  if (!run || run.state !== 'queued_to_land') {
    await store.write((tx) => deleteLandingRow(tx, row, `the run is ${run?.state ?? 'gone'}`))
    return
  }
  const l: Landing = { deps, holder, row, run, ws: { repoPath: repo?.path ?? '', path: run.worktreePath ?? '', branch: run.branch ?? '', baseBranch: run.baseBranch ?? '' } }
  try {
    if (!repo || !run.worktreePath || !run.branch || !run.baseBranch) return await block(l, 'the run has no worktree any more', [])
    // A step on record means an earlier holder stopped part-way: undo what it left in the worktree, and see
    // whether its merge went through. A fresh claim from the line has nothing to recover.
    if (row.step !== null) {
      await abortInProgress(deps.git, l.ws)
      const landed = await alreadyLanded(deps.git, l.ws, run.id)
      if (landed) return await finish(l, landed, 'merge')
    }
    await setStep(l, 'snapshot')
    const snapshot = await snapshotBranch(deps.git, l.ws, run.id)
    if (row.step === 'integrating') await undoHalfIntegration(deps.git, l.ws)
    const policy = await runPolicy(store, run.id)
    // The pull-request path: the branch goes to the remote as the agent left it; GitHub's checks and reviewers
    // judge it there, and the follower lands the run when the PR merges.
    if (policy.landing.land === 'pull_request') return await pushForPullRequest(l, policy, snapshot)
    await setStep(l, 'integrating')
    try {
      await integrateBase(deps.git, l.ws, policy.landing.strategy)
    } catch (error) {
      if (isWorkspaceError(error) && error.code === 'conflict') return await sendBack(l, { kind: 'conflict', files: (error.details?.files as string[] | undefined) ?? [], snapshot })
      throw error
    }
    await setStep(l, 'validating')
    const results: CheckResult[] = []
    for (const command of policy.validation.commands) results.push(await runCheck(command, run.worktreePath))
    await store.write(async (tx) => {
      for (const r of results) {
        const meta = JSON.stringify({ name: r.name, argv: r.argv, passed: r.passed, exitCode: r.exitCode, durationMs: r.durationMs, landing: true })
        await tx.db.insertInto('artifacts').values({ id: newId(), run_id: run.id, kind: 'test_log', uri: null, content: r.log, meta, created_at: now() }).execute()
      }
    })
    const failed = results.filter((r) => !r.passed)
    // A check killed from outside (the OOM killer, a person) says nothing about the code: land it again, once.
    const killed = failed.find((r) => r.signal)
    if (killed && !l.row.reason?.startsWith(killedCheck)) return await requeue(l, `${killedCheck} (${killed.name}, ${killed.signal}); trying again`)
    if (failed.length) return await sendBack(l, { kind: 'checks', failures: failed.map((f) => `${f.name} (exit ${f.exitCode ?? 'none'}): ${f.log.trim().split('\n').slice(-5).join(' / ')}`), snapshot })
    await setStep(l, 'merging')
    await deps.run.gates?.beforeMerge(run)
    const issue = await findIssue(store.db, run.issueId)
    const strategy = policy.workspace.mergeStrategy
    try {
      const sha = await deps.run.workspaces.merge(l.ws, { strategy, message: `${issue?.title ?? 'Flightdeck run'} (run ${run.id})` })
      await finish(l, sha, strategy)
    } catch (error) {
      // The base moved between bringing the branch up to date and merging (someone merged by hand): go again.
      if (isWorkspaceError(error) && (error.code === 'behind_base' || error.code === 'conflict')) return await requeue(l, 'the base moved while landing; trying again')
      throw error
    }
  } catch (error) {
    if (error instanceof LostClaim) return
    // A git killed from outside (the OOM killer, a person, its host gone) says nothing about the work: take the
    // landing up again as after a crash, undoing what that git left half-done. Once; a second time blocks.
    if (isWorkspaceError(error, 'git_failed') && error.details?.interrupted && !again) {
      const step = (await findLandingRow(store.db, row.run_id))?.step ?? 'snapshot'
      return await landHead(deps, holder, { ...row, step }, true)
    }
    const reason = isWorkspaceError(error) || error instanceof ApiError || error instanceof Error ? error.message : String(error)
    await block(l, reason, []).catch((e: unknown) => {
      if (!(e instanceof LostClaim)) throw e
    })
  }
}

const killedCheck = 'a check was killed while landing'

async function requeue(l: Landing, reason: string): Promise<void> {
  await l.deps.run.store.write(async (tx) => {
    await updateLandingIf(tx, l.run.id, { status: 'landing', claimedBy: l.holder }, { status: 'queued', step: null, reason, claimed_by: null, claimed_at: null })
  })
}

/** The work is on the base: the run merged, the issue done, the entry gone, all in one transaction. */
export async function finish(l: Landing, sha: string, strategy: string, detail = `landed on ${l.ws.baseBranch} as ${sha.slice(0, 10)}`): Promise<void> {
  const { run, ws } = l
  await asHolder(l, async (tx) => {
    await tx.db.insertInto('artifacts').values({ id: newId(), run_id: run.id, kind: 'commit', uri: sha, content: null, meta: JSON.stringify({ merged: true, strategy, into: ws.baseBranch, landed: true }), created_at: now() }).execute()
    const moved = await moveRun(tx, run.id, 'merged', { detail })
    if (!moved) throw new LostClaim(`run ${run.id} moved while landing`)
    await l.deps.run.issues.followRun(tx, run.issueId, 'done')
    await deleteLandingRow(tx, l.row, `landed as ${sha.slice(0, 10)}`)
  })
  await stopAgent(l, run)
}

/** An agent still sitting at its prompt has nothing left to do in this worktree. */
async function stopAgent(l: Landing, run: Run): Promise<void> {
  if (!run.sessionId || run.activity === 'exited') return
  await (await l.deps.run.sessions()).kill(run.sessionId, 'SIGTERM').catch(() => undefined)
}
