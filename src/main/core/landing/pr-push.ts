import { now } from '../ids'
import type { Policy } from '../policy/policy.schema'
import { patchRun } from '../runs/run-transition'
import { asHolder, type Landing } from './landing-context'
import { PushRefused, pushRun, remoteUrl, repositoryOf } from './pr-git'
import { findPullRequest, prEvent, updatePullRequest, upsertPullRequest } from './pr.repository'
import { block } from './send-back'

/**
 * The landing step of the pull-request path: push the run's branch (never over commits that are not the run's),
 * then hand the entry to the follower, which opens or adopts the PR and reads it until it merges.
 */
export async function pushForPullRequest(l: Landing, policy: Policy, snapshot: string): Promise<void> {
  const { store } = l.deps.run
  const conf = policy.landing.pullRequest
  const before = await findPullRequest(store.db, l.run.id)
  let repository = conf.repository ?? before?.repository ?? ''
  try {
    const url = await remoteUrl(l.deps.git, l.ws.repoPath, conf.remote)
    repository = conf.repository ?? repositoryOf(url) ?? ''
    if (!repository) throw new PushRefused(`cannot tell the GitHub repository from the remote URL ${url}: set policy landing.pullRequest.repository to owner/repo`)
    const pushed = await pushRun(l.deps.git, l.ws, conf.remote, before?.pushed_sha ?? null)
    const sha = pushed.sha.slice(0, 10)
    await asHolder(
      l,
      async (tx) => {
        const row = await upsertPullRequest(tx, { run_id: l.run.id, repository, remote: conf.remote, branch: l.ws.branch, pushed_sha: pushed.sha, next_poll_at: now() })
        prEvent(tx, row, 'pushed', pushed.pushed ? `pushed ${sha} to ${conf.remote}/${l.ws.branch}${pushed.before ? ` (it was at ${pushed.before.slice(0, 10)})` : ''}; tip saved at ${snapshot}` : `${conf.remote}/${l.ws.branch} is at ${sha} already`)
        await patchRun(tx, l.run, { detail: `pushed ${sha} to ${conf.remote}/${l.ws.branch}; following its pull request` })
      },
      { status: 'pull_request', step: null, reason: `pushed ${sha}; following the pull request`, claimed_by: null, claimed_at: null }
    )
  } catch (error) {
    if (!(error instanceof PushRefused)) throw error
    await store.write(async (tx) => {
      const row = await upsertPullRequest(tx, { run_id: l.run.id, repository, remote: conf.remote, branch: l.ws.branch, pushed_sha: before?.pushed_sha ?? null, next_poll_at: now() })
      prEvent(tx, await updatePullRequest(tx, row.run_id, { last_error: error.message }), 'fault', error.message)
    })
    await block(l, error.message, [])
  }
}
