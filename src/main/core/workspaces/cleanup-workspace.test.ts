import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import { WorkspaceError } from './workspace-error'
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

async function refusal(fn: () => Promise<unknown>): Promise<WorkspaceError> {
  const err = await fn().then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(WorkspaceError)
  return err as WorkspaceError
}

const branchExists = (branch: string): boolean => t.git(['branch', '--list', branch]).trim() !== ''

describe('cleanup', () => {
  it('refuses uncommitted work without force, then removes it with force', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'u1', title: 'wip' })
    t.write('wip.txt', 'unsaved thoughts\n', ws.path)
    const err = await refusal(() => svc.cleanup(ws))
    expect(err.code).toBe('uncommitted')
    expect(err.details.files).toEqual(['wip.txt'])
    expect(existsSync(join(ws.path, 'wip.txt'))).toBe(true)

    expect(await svc.cleanup(ws, { force: true })).toEqual({ removedWorktree: true, deletedBranch: false })
    expect(existsSync(ws.path)).toBe(false)
    expect(branchExists(ws.branch)).toBe(true) // keepBranch defaults to true
  })

  it('refuses to delete a branch with unmerged commits unless forced', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'u2', title: 'unmerged' })
    t.write('feature.txt', 'x\n', ws.path)
    await svc.checkpoint(ws, 'feature')
    const err = await refusal(() => svc.cleanup(ws, { keepBranch: false }))
    expect(err.code).toBe('unmerged')
    expect(existsSync(ws.path)).toBe(true)
    expect(branchExists(ws.branch)).toBe(true)

    expect(await svc.cleanup(ws, { keepBranch: false, force: true })).toEqual({ removedWorktree: true, deletedBranch: true })
    expect(branchExists(ws.branch)).toBe(false)
  })

  it('deletes a squash-merged branch without force', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'u3', title: 'squashed' })
    t.write('feature.txt', 'x\n', ws.path)
    await svc.checkpoint(ws, 'feature')
    await svc.merge(ws, { strategy: 'squash' })
    expect(await svc.cleanup(ws, { keepBranch: false })).toEqual({ removedWorktree: true, deletedBranch: true })
  })
})

describe('reconcile', () => {
  it('reports orphans and missing worktrees without deleting anything', async () => {
    const known = await svc.createWorkspace({ repoPath: t.repo, runId: 'k1', title: 'known' })
    const orphan = await svc.createWorkspace({ repoPath: t.repo, runId: 'o1', title: 'orphan' })
    const gone = await svc.createWorkspace({ repoPath: t.repo, runId: 'g1', title: 'gone' })
    rmSync(gone.path, { recursive: true, force: true })
    const stray = join(t.root, '.flightdeck-worktrees', 'repo', 'stray-dir')
    mkdirSync(stray)
    const neverCreated = { path: join(t.root, 'nowhere'), branch: 'fd/nowhere' }

    const report = await svc.reconcile(t.repo, [known, gone, neverCreated].map(({ path, branch }) => ({ path, branch })))
    expect(report.orphans).toEqual(
      expect.arrayContaining([
        { path: orphan.path, branch: orphan.branch, registered: true },
        { path: stray, branch: null, registered: false },
      ])
    )
    expect(report.orphans).toHaveLength(2)
    expect(report.missing).toEqual([
      { path: gone.path, branch: gone.branch, reason: 'no_directory' },
      { ...neverCreated, reason: 'no_directory' },
    ])
    expect(report.ok).toEqual([{ path: known.path, branch: known.branch, head: known.baseSha, branchMatches: true }])

    expect(existsSync(orphan.path)).toBe(true)
    expect(existsSync(stray)).toBe(true)
    expect(t.git(['worktree', 'list', '--porcelain'])).toContain(gone.path) // not pruned either
  })
})
