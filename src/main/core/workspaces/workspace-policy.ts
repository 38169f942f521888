import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'
import { isValidBranchName, sanitizeBranchPrefix } from './branch-name'
import type { GitRunner } from './git-runner'
import { WorkspaceError } from './workspace-error'

/**
 * The workspace section of the repo policy file. `baseBranch` and `worktreeRoot` default to values that
 * depend on the repository, so the schema leaves them optional and `resolveWorkspacePolicy` fills them in.
 */
export const workspacePolicySchema = z.object({
  /** Branch runs start from and merge into; defaults to the branch checked out in the repo. */
  baseBranch: z.string().refine(isValidBranchName, 'not a valid branch name').optional(),
  /** Namespace for run branches, so they sort together and never collide with human branches. */
  branchPrefix: z
    .string()
    .refine((p) => p === '' || sanitizeBranchPrefix(p) === (p.endsWith('/') ? p : `${p}/`), 'not a valid branch prefix')
    .default('fd/'),
  /** Where worktrees live; relative paths are resolved against the repo. Defaults outside the repo so
   *  worktrees never show up as untracked files in it. */
  worktreeRoot: z.string().min(1).optional(),
  mergeStrategy: z.enum(['merge', 'squash']).default('merge'),
  /** Fetch the base branch's upstream before creating a workspace. */
  fetchFirst: z.boolean().default(false),
})

export type WorkspacePolicyInput = z.input<typeof workspacePolicySchema>

export interface WorkspacePolicy {
  baseBranch: string
  branchPrefix: string
  /** Always absolute after resolution. */
  worktreeRoot: string
  mergeStrategy: 'merge' | 'squash'
  fetchFirst: boolean
}

export const defaultWorktreeRoot = (repoPath: string): string =>
  join(dirname(repoPath), '.flightdeck-worktrees', basename(repoPath))

/** Parses the policy and fills the repo-dependent defaults; costs one git call only when baseBranch is unset. */
export async function resolveWorkspacePolicy(
  git: GitRunner,
  repoPath: string,
  input: WorkspacePolicyInput | undefined
): Promise<WorkspacePolicy> {
  const parsed = workspacePolicySchema.safeParse(input ?? {})
  if (!parsed.success) {
    throw new WorkspaceError('invalid_input', `Invalid workspace policy: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const policy = parsed.data
  const root = policy.worktreeRoot ?? defaultWorktreeRoot(repoPath)
  return {
    baseBranch: policy.baseBranch ?? (await currentBranch(git, repoPath)),
    branchPrefix: policy.branchPrefix,
    worktreeRoot: isAbsolute(root) ? root : resolve(repoPath, root),
    mergeStrategy: policy.mergeStrategy,
    fetchFirst: policy.fetchFirst,
  }
}

async function currentBranch(git: GitRunner, repoPath: string): Promise<string> {
  const { stdout, exitCode } = await git(repoPath, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { okExitCodes: [0, 1, 128] })
  if (exitCode === 128) throw new WorkspaceError('not_a_repo', `${repoPath} is not a git repository`, { path: repoPath })
  const branch = stdout.trim()
  if (exitCode !== 0 || branch === '') {
    throw new WorkspaceError('base_missing', `No base branch configured and ${repoPath} has a detached HEAD; set baseBranch in the policy`, { path: repoPath })
  }
  return branch
}
