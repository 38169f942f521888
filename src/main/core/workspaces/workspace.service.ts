import { cleanup, type CleanupOptions, type CleanupResult } from './cleanup-workspace'
import { checkpoint } from './checkpoint'
import { createWorkspace, type CreateWorkspaceInput } from './create-workspace'
import { createGitRunner, type GitRunner } from './git-runner'
import { mergeCheck } from './merge-check'
import { merge, type MergeOptions } from './merge-workspace'
import { rebase, type RebaseResult } from './rebase-workspace'
import { type KnownWorktree, reconcile, type ReconcileReport } from './reconcile-worktrees'
import { restoreSnapshot } from './restore-snapshot'
import { branchStartPoint, checkpointStartPoint } from './start-point'
import { createStatusRefresher, type StatusRequest } from './status-refresher'
import { diff, listChanges } from './workspace-changes'
import { diffTurnCheckpoints, listTurnCheckpoints, rewindToCheckpoint, saveTurnCheckpoint } from './turn-checkpoint'
import type { FileChange, MergeCheck, Workspace, WorkspaceRef, WorktreeStatus } from './workspace-types'

/** Git worktrees for runs: one branch and one directory per run, merged back only when it is safe. */
export interface WorkspaceService {
  createWorkspace(input: CreateWorkspaceInput): Promise<Workspace>
  /** Commits everything in the worktree; null when there was nothing to commit. */
  checkpoint(ws: WorkspaceRef, message: string): Promise<string | null>
  listChanges(ws: WorkspaceRef): Promise<FileChange[]>
  diff(ws: WorkspaceRef): Promise<string>
  mergeCheck(ws: WorkspaceRef): Promise<MergeCheck>
  /** Returns the new sha of the base branch. */
  merge(ws: WorkspaceRef, options: MergeOptions): Promise<string>
  rebase(ws: WorkspaceRef): Promise<RebaseResult>
  cleanup(ws: WorkspaceRef, options?: CleanupOptions): Promise<CleanupResult>
  /** A snapshot's files back into the worktree (made again if it was cleaned up); the current state saved first. */
  restore(ws: WorkspaceRef, prefix: string, n?: number): ReturnType<typeof restoreSnapshot>
  /** The worktree's state as the run's next turn checkpoint (branch, HEAD and index untouched); null: unchanged. */
  checkpointTurn(ws: WorkspaceRef, runId: string, prompt: string | null): ReturnType<typeof saveTurnCheckpoint>
  checkpoints(repoPath: string, runId: string): ReturnType<typeof listTurnCheckpoints>
  checkpointDiff(repoPath: string, runId: string, from: number, to: number): Promise<string>
  /** The worktree's files set to a checkpoint, after a snapshot of what it held (under snapshotPrefix). */
  rewind(ws: WorkspaceRef, runId: string, n: number, snapshotPrefix: string): ReturnType<typeof rewindToCheckpoint>
  /** The tip of an existing local branch, as a new run's start point (not_found naming it when missing). */
  branchStartPoint(repoPath: string, branch: string): Promise<string>
  /** A commit with exactly the files of a run's checkpoint n, as a new run's start point (no ref is written). */
  checkpointStartPoint(repoPath: string, runId: string, n: number): ReturnType<typeof checkpointStartPoint>
  reconcile(repoPath: string, known: readonly KnownWorktree[], options?: { worktreeRoot?: string }): Promise<ReconcileReport>
  statusMany(repos: readonly StatusRequest[]): Promise<WorktreeStatus[]>
  /** Closes file watchers held for statusMany. */
  dispose(): void
}

export interface WorkspaceServiceOptions {
  /** Injected so tests can count invocations; defaults to simple-git. */
  git?: GitRunner
  /** Watch worktrees to skip `git status` on unchanged ones (default true). */
  watch?: boolean
}

export function createWorkspaceService(options: WorkspaceServiceOptions = {}): WorkspaceService {
  const git = options.git ?? createGitRunner()
  const status = createStatusRefresher(git, { watch: options.watch })
  return {
    createWorkspace: (input) => createWorkspace(git, input),
    checkpoint: (ws, message) => checkpoint(git, ws, message),
    listChanges: (ws) => listChanges(git, ws),
    diff: (ws) => diff(git, ws),
    mergeCheck: (ws) => mergeCheck(git, ws),
    merge: (ws, mergeOptions) => merge(git, ws, mergeOptions),
    rebase: (ws) => rebase(git, ws),
    cleanup: (ws, cleanupOptions) => cleanup(git, ws, cleanupOptions),
    restore: (ws, prefix, n) => restoreSnapshot(git, ws, prefix, n),
    checkpointTurn: (ws, runId, prompt) => saveTurnCheckpoint(git, ws, runId, prompt),
    checkpoints: (repoPath, runId) => listTurnCheckpoints(git, repoPath, runId),
    checkpointDiff: (repoPath, runId, from, to) => diffTurnCheckpoints(git, repoPath, runId, from, to),
    rewind: (ws, runId, n, prefix) => rewindToCheckpoint(git, ws, runId, n, prefix),
    branchStartPoint: (repoPath, branch) => branchStartPoint(git, repoPath, branch),
    checkpointStartPoint: (repoPath, runId, n) => checkpointStartPoint(git, repoPath, runId, n),
    reconcile: (repoPath, known, reconcileOptions) => reconcile(git, repoPath, known, reconcileOptions),
    statusMany: (repos) => status.statusMany(repos),
    dispose: () => status.dispose(),
  }
}
