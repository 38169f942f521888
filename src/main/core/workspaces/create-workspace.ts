import { existsSync } from 'node:fs'
import { mkdir, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import { branchNameFor, slugify } from './branch-name'
import { assertAbsolutePath, assertBranchName, headRef } from './git-args'
import type { GitRunner } from './git-runner'
import { WorkspaceError } from './workspace-error'
import { addWorktree } from './worktree-admin'
import { listWorktrees } from './worktree-list'
import { assertStartCommit } from './start-point'
import { resolveWorkspacePolicy, type WorkspacePolicyInput } from './workspace-policy'
import type { Workspace } from './workspace-types'

export interface CreateWorkspaceInput {
  repoPath: string
  runId: string
  title: string
  policy?: WorkspacePolicyInput
  /**
   * The commit the branch starts at instead of the base's tip (a run started from another branch or forked from
   * a checkpoint); the base branch stays the run's landing target.
   */
  startPoint?: string
}

/** `git worktree add -b <branch> <path> <start>` plus the checks that make its failures readable. */
export async function createWorkspace(git: GitRunner, input: CreateWorkspaceInput): Promise<Workspace> {
  const repoPath = await existingDir(assertAbsolutePath(input.repoPath, 'Repository path'))
  const policy = await resolveWorkspacePolicy(git, repoPath, input.policy)
  const baseBranch = assertBranchName(policy.baseBranch, 'Base branch')
  const branch = branchNameFor(policy.branchPrefix, input.title, input.runId)

  // A chosen start point is where the work starts: no fetch of the base's upstream to pick its freshest tip.
  const upstream = policy.fetchFirst && !input.startPoint ? await fetchUpstream(git, repoPath, baseBranch) : null
  const refs = await readRefs(git, repoPath, [headRef(baseBranch), headRef(branch), ...(upstream ? [upstream] : [])])
  const localBase = refs.get(headRef(baseBranch))
  if (!localBase) {
    throw new WorkspaceError('base_missing', `Base branch '${baseBranch}' does not exist in ${repoPath}`, { path: repoPath })
  }
  if (refs.has(headRef(branch))) {
    // The branch carries the run's id: a launch that was interrupted after `git worktree add` made it. Adopt
    // that worktree (with whatever the agent already wrote there) rather than refuse the run forever.
    const own = (await listWorktrees(git, repoPath)).find((w) => w.branch === branch && !w.main && !w.prunable && existsSync(w.path))
    if (own) return { repoPath, path: own.path, branch, baseBranch, baseSha: localBase }
    throw new WorkspaceError('branch_exists', `Branch '${branch}' already exists without its worktree; is run ${input.runId} already running?`)
  }
  const baseSha = input.startPoint
    ? await assertStartCommit(git, repoPath, input.startPoint)
    : upstream
      ? await freshestBase(git, repoPath, localBase, refs.get(upstream))
      : localBase

  await mkdir(policy.worktreeRoot, { recursive: true })
  const leaf = branch.slice(branch.lastIndexOf('/') + 1) || slugify(input.runId)
  const path = join(await realpath(policy.worktreeRoot), leaf)
  if (existsSync(path)) throw new WorkspaceError('path_exists', `Worktree path ${path} already exists`, { path })

  // The start point is a sha, not the branch name: no tracking config, and no race with a moving base.
  await addWorktree(git, repoPath, { path, branch, newAt: baseSha })
  return { repoPath, path, branch, baseBranch, baseSha }
}

async function existingDir(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    throw new WorkspaceError('not_found', `Repository ${path} does not exist`, { path })
  }
}

/** Exact-match ref lookup for several refs in one call; missing refs are simply absent from the map. */
async function readRefs(git: GitRunner, cwd: string, refs: string[]): Promise<Map<string, string>> {
  const { stdout, exitCode, stderr } = await git(cwd, ['for-each-ref', '--format=%(refname) %(objectname)', '--end-of-options', ...refs], {
    okExitCodes: [0, 128],
  })
  if (exitCode === 128) throw new WorkspaceError('not_a_repo', `${cwd} is not a git repository`, { path: cwd, stderr })
  const wanted = new Set(refs)
  const found = new Map<string, string>()
  for (const line of stdout.split('\n')) {
    const [ref, sha] = line.split(' ')
    if (ref && sha && wanted.has(ref)) found.set(ref, sha)
  }
  return found
}

/** Fetches the base branch's upstream; returns its remote-tracking ref, or null when the base has none. */
async function fetchUpstream(git: GitRunner, repoPath: string, baseBranch: string): Promise<string | null> {
  const { stdout } = await git(repoPath, ['for-each-ref', '--format=%(upstream:remotename)%00%(upstream)', '--end-of-options', headRef(baseBranch)])
  const [remote, trackingRef] = stdout.trim().split('\0')
  if (!remote || !trackingRef) return null
  await git(repoPath, ['fetch', '--no-tags', '--end-of-options', remote])
  return trackingRef
}

/**
 * Starts from the fetched upstream when the local base is simply behind it, so the agent works on the latest
 * code; when the local base has commits of its own we keep it, since that is where the merge will land.
 */
async function freshestBase(git: GitRunner, repoPath: string, local: string, upstream: string | undefined): Promise<string> {
  if (!upstream || upstream === local) return local
  const { exitCode } = await git(repoPath, ['merge-base', '--is-ancestor', local, upstream], { okExitCodes: [0, 1] })
  return exitCode === 0 ? upstream : local
}
