import type { ParsedInput } from '../../../shared/contract'
import type { Repo, RunStartPoint } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { RunDeps } from './run-context'
import { findRun } from './run.repository'
import { workspaceCall } from './workspace-errors'

type StartFrom = NonNullable<ParsedInput<'run.start'>['from']>

/** Keeps the workspace layer's refusal but names the input field to blame. */
async function blaming<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await workspaceCall(work)
  } catch (error) {
    if (error instanceof ApiError && !error.path) throw new ApiError(error.code, error.message, path, error.details)
    throw error
  }
}

/**
 * Resolves `run.start`'s `from` to a commit in the issue's repository before anything is written, so a bad start
 * point (a missing branch, an unknown run or checkpoint, a deleted checkpoint ref) leaves no run, branch or worktree.
 */
export async function resolveStartPoint(deps: RunDeps, repo: Repo, from: StartFrom): Promise<RunStartPoint> {
  if ('branch' in from) {
    const commit = await blaming('from.branch', () => deps.workspaces.branchStartPoint(repo.path, from.branch))
    return { branch: from.branch, commit }
  }
  const source = await findRun(deps.store.db, from.runId)
  if (!source) throw new ApiError('not_found', `no run with id ${from.runId} to fork from`, 'from.runId')
  // Checkpoint refs live in the source run's repository; a branch can only start at a commit of its own.
  if (source.repoId !== repo.id) throw new ApiError('refused', `run ${from.runId} belongs to another repository than the issue's (${repo.name})`, 'from.runId')
  const { commit } = await blaming('from.checkpoint', () => deps.workspaces.checkpointStartPoint(repo.path, from.runId, from.checkpoint))
  return { runId: from.runId, checkpoint: from.checkpoint, commit }
}
