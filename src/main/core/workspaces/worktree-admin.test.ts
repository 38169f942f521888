import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGitRunner, type GitRunner } from './git-runner'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import { WorkspaceError } from './workspace-error'
import { addWorktree } from './worktree-admin'
import { createWorkspaceService, type WorkspaceService } from './workspace.service'

let t: TestRepo
let svc: WorkspaceService
beforeEach(() => {
  t = makeTestRepo()
  svc = createWorkspaceService()
})
afterEach(() => {
  svc.dispose()
  t.dispose()
})

describe('worktree administration', () => {
  it('makes many worktrees of one repository at once, one `git worktree` call at a time (git races itself otherwise)', async () => {
    const real = createGitRunner()
    let inFlight = 0
    let most = 0
    const git: GitRunner = async (cwd, args, options) => {
      if (args[0] !== 'worktree' || args[1] === 'list') return real(cwd, args, options)
      most = Math.max(most, ++inFlight)
      try {
        return await real(cwd, args, options)
      } finally {
        inFlight--
      }
    }
    const counted = createWorkspaceService({ git, watch: false })
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => counted.createWorkspace({ repoPath: t.repo, runId: `r${i}`, title: `task ${i}` })))
    expect(new Set(made.map((w) => w.path)).size).toBe(8)
    for (const ws of made) expect(existsSync(join(ws.path, 'README.md'))).toBe(true)
    await Promise.all(made.map((ws) => counted.cleanup(ws, { force: true })))
    for (const ws of made) expect(existsSync(ws.path)).toBe(false)
    expect(most).toBe(1)
    counted.dispose()
  })

  it('retries an add that another process raced, checking out the branch the failed attempt already made', async () => {
    const real = createGitRunner()
    let raced = false
    const git: GitRunner = async (cwd, args, options) => {
      if (!raced && args[1] === 'add') {
        raced = true
        // What git leaves when it loses the race: the new branch made, no worktree, a fatal about the other's folder.
        await real(cwd, ['branch', args[3]!, args[6]!])
        throw new WorkspaceError('git_failed', 'git worktree failed (exit 128)', { stderr: `Preparing worktree (new branch '${args[3]}')\nfatal: failed to read .git/worktrees/other/commondir: Success\n` })
      }
      return real(cwd, args, options)
    }
    const sha = t.git(['rev-parse', 'HEAD']).trim()
    const path = join(t.root, 'wt')
    await addWorktree(git, t.repo, { path, branch: 'fd/raced', newAt: sha })
    expect(raced).toBe(true)
    expect(t.git(['rev-parse', '--abbrev-ref', 'HEAD'], path).trim()).toBe('fd/raced')

    // Any other failure is not retried: it surfaces with git's own reason, not its progress line.
    const err = await addWorktree(real, t.repo, { path: join(t.root, 'wt2'), branch: 'fd/raced', newAt: sha }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WorkspaceError)
    expect((err as Error).message).toMatch(/^git worktree failed \(exit \d+\): fatal: a branch named 'fd\/raced' already exists/)
  })
})
