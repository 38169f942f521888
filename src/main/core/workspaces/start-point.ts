import { assertAbsolutePath, assertBranchName, headRef } from './git-args'
import { identityArgs } from './git-identity'
import type { GitRunner } from './git-runner'
import { checkpointPrefix, listTurnCheckpoints, type TurnCheckpoint } from './turn-checkpoint'
import { WorkspaceError } from './workspace-error'

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/

/** The commit an object name resolves to, or null when the repository has no such commit. */
async function commitOf(git: GitRunner, repoPath: string, rev: string): Promise<string | null> {
  const r = await git(repoPath, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { okExitCodes: [0, 1, 128] })
  const sha = r.stdout.trim()
  return r.exitCode === 0 && SHA.test(sha) ? sha : null
}

/** The tip of an existing local branch, where a new run's branch may start instead of the base's tip. */
export async function branchStartPoint(git: GitRunner, repoPath: string, branch: string): Promise<string> {
  const repo = assertAbsolutePath(repoPath, 'Repository path')
  const sha = await commitOf(git, repo, headRef(assertBranchName(branch, 'Start branch')))
  if (!sha) throw new WorkspaceError('not_found', `Branch '${branch}' does not exist in ${repo}`, { path: repo, branch })
  return sha
}

/**
 * A commit holding exactly the files of another run's checkpoint n, for a new run's branch to start at. The
 * checkpoint commit itself is Flightdeck's private record (its author, a JSON body), so it is not put on a
 * branch: the source worktree's HEAD when it was taken, when nothing was uncommitted, else a new commit with
 * the checkpoint's tree on top of that HEAD. Nothing is written to any ref: an unused fork commit is garbage.
 */
export async function checkpointStartPoint(git: GitRunner, repoPath: string, runId: string, n: number): Promise<{ commit: string; checkpoint: TurnCheckpoint }> {
  const repo = assertAbsolutePath(repoPath, 'Repository path')
  const all = await listTurnCheckpoints(git, repo, runId)
  const checkpoint = all.find((c) => c.n === n)
  if (!checkpoint) {
    const has = all.map((c) => c.n).join(', ') || 'none'
    throw new WorkspaceError('not_found', `run ${runId} has no checkpoint ${n} (none was taken, or its ref ${checkpointPrefix(runId)}${n} was deleted); it has ${has}`, { checkpoint: n })
  }
  const head = SHA.test(checkpoint.head) ? await commitOf(git, repo, checkpoint.head) : null
  if (!head) throw new WorkspaceError('not_found', `checkpoint ${n} of run ${runId} was taken on commit ${checkpoint.head.slice(0, 12) || '(none)'}, which is no longer in ${repo}`, { checkpoint: n })
  const [tree = '', headTree = ''] = (await git(repo, ['rev-parse', `${checkpoint.commit}^{tree}`, `${head}^{tree}`])).stdout.trim().split('\n')
  if (tree === headTree) return { commit: head, checkpoint }
  const message = `Fork of run ${runId} at checkpoint ${n}\n\nThe files of ${checkpoint.ref}${checkpoint.prompt ? `, after the turn "${checkpoint.prompt}"` : ''}, including what was not committed then.`
  const commit = (await git(repo, [...(await identityArgs(git, repo)), 'commit-tree', tree, '-p', head, '-m', message])).stdout.trim()
  return { commit, checkpoint }
}

/** A start point recorded on a run, checked again when its worktree is made (it may have been queued for a while). */
export async function assertStartCommit(git: GitRunner, repoPath: string, sha: string): Promise<string> {
  if (!SHA.test(sha)) throw new WorkspaceError('invalid_input', `Start point ${JSON.stringify(sha.slice(0, 80))} is not a commit id`)
  const found = await commitOf(git, repoPath, sha)
  if (!found) throw new WorkspaceError('not_found', `Start commit ${sha.slice(0, 12)} is no longer in ${repoPath} (garbage-collected?); start the run again`, { path: repoPath })
  return found
}
