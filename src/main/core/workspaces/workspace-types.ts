/** What the database stores about a workspace; every operation after creation takes this. */
export interface Workspace {
  /** The repository's main worktree, where merges land. */
  repoPath: string
  /** The run's own worktree. */
  path: string
  branch: string
  baseBranch: string
  /** The commit the worktree started from: the base's tip, or the run's start point (for display; merges use the live base branch). */
  baseSha: string
}

export type WorkspaceRef = Pick<Workspace, 'repoPath' | 'path' | 'branch' | 'baseBranch'>

export type ChangeKind = 'created' | 'modified' | 'deleted' | 'renamed'

export interface FileChange {
  path: string
  kind: ChangeKind
  /** The path before a rename. */
  oldPath?: string
  /** Null for binary files, where git cannot count lines. */
  additions: number | null
  deletions: number | null
  binary: boolean
}

export interface MergeCheck {
  /** Commits on the base branch the run branch does not have. */
  behindBy: number
  /** Commits on the run branch the base branch does not have. */
  aheadBy: number
  baseDirty: boolean
  worktreeDirty: boolean
  /** Files that would conflict if merged now. */
  conflicts: string[]
}

export interface WorktreeStatus {
  path: string
  branch: string | null
  head: string | null
  dirty: boolean
  aheadBy: number
  behindBy: number
  /** True when git does not know a worktree at this path. */
  missing: boolean
}
