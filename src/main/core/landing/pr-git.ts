import { headRef } from '../workspaces/git-args'
import type { GitRunner, WorkspaceRef } from '../workspaces'

/** A push that did not happen, and why: the run stays resumable (nothing on either side was touched). */
export class PushRefused extends Error {}

/** The URL of the remote the run's branch is pushed to. */
export async function remoteUrl(git: GitRunner, repoPath: string, remote: string): Promise<string> {
  const { stdout, exitCode } = await git(repoPath, ['remote', 'get-url', '--', remote], { okExitCodes: [0, 2, 128] })
  if (exitCode !== 0 || !stdout.trim()) throw new PushRefused(`the repository has no git remote '${remote}' to push to (policy landing.pullRequest.remote); add it with \`git remote add ${remote} URL\``)
  return stdout.trim()
}

/** owner/repo from a remote URL (https, ssh or a path on disk): its last two path parts. */
export function repositoryOf(url: string): string | null {
  const match = /([A-Za-z0-9_.-]+)[/:]([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url)
  return match ? `${match[1]}/${match[2]}` : null
}

/** The commit the remote's branch points at, or null when it has no such branch. */
export async function remoteTip(git: GitRunner, repoPath: string, remote: string, branch: string): Promise<string | null> {
  const { stdout, exitCode, stderr } = await git(repoPath, ['ls-remote', '--heads', '--', remote, headRef(branch)], { okExitCodes: [0, 2, 128] })
  if (exitCode === 128) throw new PushRefused(`cannot reach the remote '${remote}': ${firstLine(stderr)}`)
  return stdout.trim().split(/\s/)[0] || null
}

const firstLine = (text: string) => text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('hint:')) ?? 'no reason given'

export interface PushResult {
  /** The run's branch tip, now on the remote. */
  sha: string
  /** The remote's branch before (null: it had none). */
  before: string | null
  pushed: boolean
}

/**
 * Pushes the run's branch. Never over commits that are not the run's: the remote branch must be absent, be the
 * commit this engine pushed last, or be contained in the branch; the push carries that commit as its lease, so a
 * push that raced ours is refused by the remote instead of overwritten.
 */
export async function pushRun(git: GitRunner, ws: WorkspaceRef, remote: string, lastPushed: string | null): Promise<PushResult> {
  const tip = (await git(ws.repoPath, ['rev-parse', '--verify', '--end-of-options', `${headRef(ws.branch)}^{commit}`])).stdout.trim()
  const before = await remoteTip(git, ws.repoPath, remote, ws.branch)
  if (before === tip) return { sha: tip, before, pushed: false }
  if (before && before !== lastPushed) {
    const known = await git(ws.repoPath, ['cat-file', '-e', `${before}^{commit}`], { okExitCodes: [0, 1, 128] })
    if (known.exitCode !== 0) await git(ws.repoPath, ['fetch', '--no-tags', '--no-write-fetch-head', '--', remote, headRef(ws.branch)], { okExitCodes: [0, 1, 128] })
    const ours = await git(ws.repoPath, ['merge-base', '--is-ancestor', before, tip], { okExitCodes: [0, 1, 128] })
    if (ours.exitCode !== 0) {
      throw new PushRefused(
        `push refused: ${remote}/${ws.branch} has commits that are not this run's (the remote is at ${before.slice(0, 10)}, the run's branch at ${tip.slice(0, 10)}); nothing was pushed or overwritten. Bring them into the run's branch (or delete the remote branch), then queue the run again`
      )
    }
  }
  const lease = `--force-with-lease=${headRef(ws.branch)}:${before ?? ''}`
  const result = await git(ws.repoPath, ['push', '--porcelain', '--no-verify', lease, '--', remote, `${headRef(ws.branch)}:${headRef(ws.branch)}`], { okExitCodes: [0, 1, 128] })
  if (result.exitCode !== 0) {
    const why = /\[rejected\][^\n]*|\[remote rejected\][^\n]*|! [^\n]*/.exec(result.stdout)?.[0]?.trim() ?? firstLine(result.stderr)
    throw new PushRefused(`the remote '${remote}' rejected the push of ${ws.branch}: ${why}; nothing was overwritten`)
  }
  return { sha: tip, before, pushed: true }
}
