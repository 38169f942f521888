import type { LandingRow } from '../db/tables/landing.table'
import type { PullRequestRow, PullRequestUpdate } from '../db/tables/pull-request.table'
import { listGateResults } from '../gates/gate.repository'
import { now } from '../ids'
import { findIssue } from '../issues/issue.repository'
import { findRepo } from '../repos/repo.repository'
import { latestReview } from '../review/review.repository'
import { runPolicy } from '../runs/run-context'
import { findRun } from '../runs/run.repository'
import { assertSecretDestination } from '../secrets/trusted-hosts'
import { finish } from './land-head'
import { type Landing, type LandingDeps, LostClaim } from './landing-context'
import { snapshotBranch } from './landing-git'
import { headRef } from '../workspaces/git-args'
import { pullRequestBody } from './pr-body'
import { PushRefused, pushRun, remoteTip } from './pr-git'
import { GithubFault, GithubPulls, githubClient, type PullView } from './pr-github'
import { type Note, readChecks, readConflict, readReviews } from './pr-read'
import { findPullRequest, prEvent, readSeen, updatePullRequest } from './pr.repository'
import { block, sendBack, type Trouble } from './send-back'


/** Takes the entry for one look at its PR (no event: a claim is bookkeeping); undefined if another engine has it. */
async function claim(deps: LandingDeps, holder: string, row: LandingRow, leaseMs: number): Promise<boolean> {
  return deps.run.store.write(async (tx) => {
    const stale = new Date(Date.now() - leaseMs).toISOString()
    const result = await tx.db
      .updateTable('landing_queue')
      .set({ claimed_by: holder, claimed_at: now() })
      .where('run_id', '=', row.run_id)
      .where('status', '=', 'pull_request')
      .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_at', '<', stale)]))
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  })
}

async function release(deps: LandingDeps, holder: string, runId: string): Promise<void> {
  await deps.run.store.write((tx) => tx.db.updateTable('landing_queue').set({ claimed_by: null, claimed_at: null }).where('run_id', '=', runId).where('claimed_by', '=', holder).execute().then(() => undefined))
}

async function client(deps: LandingDeps, repository: string): Promise<GithubPulls> {
  const token = await deps.secrets?.resolve('github.token')
  if (!token) throw new GithubFault('no GitHub token for the pull request: store one (`flightdeck secret set github.token`) or set GITHUB_TOKEN, then queue the run again', true)
  const settings = await deps.run.settings()
  const baseUrl = settings.github.apiUrl ?? undefined
  try {
    assertSecretDestination({ url: baseUrl, provider: 'github', secret: 'GitHub token', settings })
  } catch (error) {
    throw new GithubFault((error as Error).message, true)
  }
  return new GithubPulls(await githubClient(token, baseUrl), repository)
}

/** When this run's PR is next due a look (the worker skips it until then). */
export async function pullRequestDue(deps: LandingDeps, runId: string): Promise<boolean> {
  const pr = await findPullRequest(deps.run.store.db, runId)
  return pr !== undefined && Date.parse(pr.next_poll_at) <= Date.now()
}

/**
 * One look at a run's pull request: opens (or adopts) it, records every change of state, review and check as
 * an event on the run, sends red checks and changes-requested reviews back to the agent, and lands the run when
 * the PR merged. A fault is recorded with its reason; rate limits and outages retry, the rest wait for the operator.
 */
export async function followPullRequest(deps: LandingDeps, holder: string, row: LandingRow, leaseMs: number): Promise<void> {
  if (!(await claim(deps, holder, row, leaseMs))) return
  const { store } = deps.run
  const run = await findRun(store.db, row.run_id)
  const pr = await findPullRequest(store.db, row.run_id)
  const repo = run ? await findRepo(store.db, run.repoId) : undefined
  if (!run || !pr || !repo) return release(deps, holder, row.run_id)
  const l: Landing = { deps, holder, row: { ...row, claimed_by: holder }, run, status: 'pull_request', ws: { repoPath: repo.path, path: run.worktreePath ?? '', branch: pr.branch, baseBranch: run.baseBranch ?? '' } }
  const policy = await runPolicy(store, run.id)
  const notes: Note[] = []
  const update: PullRequestUpdate = {}
  const seen = readSeen(pr)
  const save = async (extra: PullRequestUpdate = {}) => {
    await store.write(async (tx) => {
      const next = await updatePullRequest(tx, run.id, { ...update, ...extra, seen: JSON.stringify(seen) })
      for (const n of notes) prEvent(tx, next, n.kind, n.message)
    })
    notes.length = 0
  }
  try {
    const api = await client(deps, pr.repository)
    // The branch on the remote: gone (someone deleted it) means pushing it again, which a PR needs.
    let repushed = false
    if (pr.state !== 'merged' && !(await remoteTip(deps.git, repo.path, pr.remote, pr.branch))) {
      if (!run.worktreePath) throw new PushRefused(`the remote branch ${pr.remote}/${pr.branch} was deleted and the run has no worktree to push it from`)
      const pushed = await pushRun(deps.git, l.ws, pr.remote, null)
      update.pushed_sha = pushed.sha
      repushed = pr.pushed_sha !== null
      notes.push({ kind: 'pushed', message: repushed ? `the remote branch ${pr.remote}/${pr.branch} was deleted; pushed ${pushed.sha.slice(0, 10)} to it again` : `pushed ${pushed.sha.slice(0, 10)} to ${pr.remote}/${pr.branch}` })
    }
    let view = pr.number === null ? await openOrAdopt(deps, api, pr, l, notes) : await api.get(pr.number)
    if (view.state === 'closed' && repushed) {
      view = await api.reopen(view.number)
      notes.push({ kind: 'state', message: `reopened pull request #${view.number}, closed when its branch was deleted` })
    }
    Object.assign(update, { number: view.number, url: view.url, head_sha: view.headSha })
    if (view.state !== pr.state && pr.state !== 'none') notes.push({ kind: view.state === 'merged' ? 'merged' : 'state', message: `pull request #${view.number} is ${view.state}` })
    update.state = view.state
    if (view.state === 'merged') {
      update.last_error = null
      await save()
      return await finish(l, view.mergeSha ?? view.headSha, 'pull_request', `merged through pull request #${view.number} (${view.url})`)
    }
    if (view.state === 'closed') {
      update.number = null
      update.url = null
      await save()
      return await block(l, `pull request #${view.number} was closed without merging; queue the run again (\`flightdeck merge ${run.id}\`) to open a new one`, [])
    }
    const troubles: { what: string; lines: string[]; conflict?: true }[] = [...readConflict(view, l.ws.baseBranch, pr.remote, seen, notes), ...readReviews(await api.reviews(view.number), seen, notes), ...readChecks(await api.checks(view.headSha), view.headSha, seen, notes)]
    update.last_error = null
    const pollMs = policy.landing.pullRequest.pollMs
    if (!troubles.length) {
      await save({ next_poll_at: new Date(Date.now() + pollMs).toISOString() })
      return await release(deps, holder, run.id)
    }
    // The agent's sandbox may not write remote-tracking refs: the base it must merge is fetched for it.
    if (troubles.some((t) => t.conflict)) await deps.git(repo.path, ['fetch', '--no-tags', '--', pr.remote, `+${headRef(l.ws.baseBranch)}:refs/remotes/${pr.remote}/${l.ws.baseBranch}`])
    const what = `${troubles.map((t) => t.what).join('; ')} on pull request #${view.number}`
    notes.push({ kind: 'sent_back', message: `sent back to the agent: ${what}` })
    await save({ next_poll_at: new Date(Date.now() + pollMs).toISOString() })
    const snapshot = run.worktreePath ? await snapshotBranch(deps.git, l.ws, run.id) : null
    const trouble: Trouble = { kind: 'pull_request', number: view.number, what, lines: troubles.flatMap((t) => t.lines), snapshot }
    return await sendBack(l, trouble)
  } catch (error) {
    if (error instanceof LostClaim) return
    const fault = error instanceof GithubFault ? error : error instanceof PushRefused ? new GithubFault(error.message, true) : new GithubFault(`following the pull request failed: ${(error as Error).message}`, false)
    notes.push({ kind: 'fault', message: fault.message })
    const retry = fault.retryAt ?? Date.now() + policy.landing.pullRequest.pollMs
    await save({ last_error: fault.message, next_poll_at: new Date(retry).toISOString() })
    if (fault.blocking) return await block(l, fault.message, []).catch((e: unknown) => { if (!(e instanceof LostClaim)) throw e })
    await release(deps, holder, run.id)
  }
}

async function openOrAdopt(deps: LandingDeps, api: GithubPulls, pr: PullRequestRow, l: Landing, notes: Note[]): Promise<PullView> {
  const adopt = async () => {
    const open = await api.findOpen(pr.branch)
    if (open) notes.push({ kind: 'adopted', message: `a pull request was already open for ${pr.branch}: adopted #${open.number} (${open.url})` })
    return open
  }
  const found = await adopt()
  if (found) return found
  const issue = await findIssue(deps.run.store.db, l.run.issueId)
  const body = pullRequestBody(l.run, issue ?? { id: l.run.issueId, title: l.run.id, body: '', acceptanceCriteria: [] } as never, await latestReview(deps.run.store.db, l.run.id, 'completion'), await listGateResults(deps.run.store.db, l.run.id))
  try {
    const created = await api.create({ branch: pr.branch, base: l.ws.baseBranch, title: issue?.title ?? `Flightdeck run ${l.run.id}`, body })
    notes.push({ kind: 'opened', message: `opened pull request #${created.number} (${created.url}) from ${pr.branch} into ${l.ws.baseBranch}` })
    return created
  } catch (error) {
    // Opened between our look and our create (another engine, a person): GitHub says so with a 422.
    if (error instanceof GithubFault && /already exists/i.test(error.message)) {
      const open = await adopt()
      if (open) return open
    }
    throw error
  }
}
