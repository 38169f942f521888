import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countingRunner, createGitRunner } from './git-runner'
import { createStatusRefresher } from './status-refresher'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import type { Workspace, WorktreeStatus } from './workspace-types'
import { createWorkspaceService, type WorkspaceService } from './workspace.service'

let t: TestRepo
let counter: ReturnType<typeof countingRunner>
let svc: WorkspaceService
beforeEach(() => {
  t = makeTestRepo()
  counter = countingRunner(createGitRunner())
  svc = createWorkspaceService({ git: counter.run })
})
afterEach(() => {
  svc.dispose()
  t.dispose()
})

async function refresh(workspaces: Workspace[]): Promise<{ statuses: WorktreeStatus[]; calls: string[][] }> {
  const before = counter.calls.length
  const statuses = await svc.statusMany([{ repoPath: t.repo, worktreePaths: workspaces.map((w) => w.path) }])
  return { statuses, calls: counter.calls.slice(before).map((c) => c.args) }
}

/** fs.watch events arrive asynchronously; poll until the refresher has seen the change. */
async function refreshUntil(workspaces: Workspace[], done: (s: WorktreeStatus[]) => boolean): Promise<WorktreeStatus[]> {
  for (let i = 0; i < 60; i++) {
    const { statuses } = await refresh(workspaces)
    if (done(statuses)) return statuses
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('status never caught up with the change')
}

function gitCounts(ws: Workspace): [number, number] {
  const [behind, ahead] = t.git(['rev-list', '--left-right', '--count', `main...${ws.branch}`]).trim().split(/\s+/).map(Number)
  return [ahead ?? -1, behind ?? -1]
}

describe('statusMany', () => {
  it('uses the same number of git calls for 2 or 8 clean, unchanged worktrees', async () => {
    const workspaces: Workspace[] = []
    for (let i = 0; i < 2; i++) workspaces.push(await svc.createWorkspace({ repoPath: t.repo, runId: `s${i}`, title: 'status' }))
    await refresh(workspaces) // cold: status for each worktree, ahead/behind for new heads
    const warmWithTwo = await refresh(workspaces)

    for (let i = 2; i < 8; i++) workspaces.push(await svc.createWorkspace({ repoPath: t.repo, runId: `s${i}`, title: 'status' }))
    const cold = await refresh(workspaces)
    expect(cold.calls.filter((args) => args.includes('status'))).toHaveLength(6) // only the new ones
    const warmWithEight = await refresh(workspaces)

    expect(warmWithTwo.calls).toEqual([['worktree', 'list', '--porcelain', '-z']])
    expect(warmWithEight.calls).toEqual(warmWithTwo.calls)
    expect(warmWithEight.statuses).toHaveLength(8)
    expect(warmWithEight.statuses.every((s) => !s.dirty && s.aheadBy === 0 && s.behindBy === 0 && !s.missing)).toBe(true)
  })

  it('tracks edits, commits and a moving base, re-running git only where something changed', async () => {
    const a = await svc.createWorkspace({ repoPath: t.repo, runId: 'a', title: 'a' })
    const b = await svc.createWorkspace({ repoPath: t.repo, runId: 'b', title: 'b' })
    const c = await svc.createWorkspace({ repoPath: t.repo, runId: 'c', title: 'c' })
    const all = [a, b, c]
    await refresh(all)

    t.write('edit.txt', 'x\n', a.path)
    let statuses = await refreshUntil(all, (s) => s[0]?.dirty === true)
    expect(statuses.map((s) => s.dirty)).toEqual([true, false, false])

    t.commitAll('a1', a.path)
    t.write('edit.txt', 'y\n', a.path)
    t.commitAll('a2', a.path)
    t.write('b.txt', 'b\n', b.path)
    t.commitAll('b1', b.path)
    t.write('main.txt', 'main moves\n')
    t.commitAll('main1')
    statuses = await refreshUntil(all, (s) => s[0]?.dirty === false && s[0]?.aheadBy === 2)
    expect(statuses.map((s) => [s.aheadBy, s.behindBy])).toEqual([gitCounts(a), gitCounts(b), gitCounts(c)])
    expect(statuses.map((s) => [s.aheadBy, s.behindBy])).toEqual([[2, 1], [1, 1], [0, 1]])
    expect(statuses[1]).toMatchObject({ path: b.path, branch: b.branch, head: t.git(['rev-parse', 'HEAD'], b.path).trim(), dirty: false })

    const warm = await refresh(all)
    expect(warm.calls).toEqual([['worktree', 'list', '--porcelain', '-z']])
    expect(warm.statuses).toEqual(statuses)
  })

  it('reports unknown paths as missing and releases watchers it no longer needs', async () => {
    const a = await svc.createWorkspace({ repoPath: t.repo, runId: 'a', title: 'a' })
    const b = await svc.createWorkspace({ repoPath: t.repo, runId: 'b', title: 'b' })
    const refresher = createStatusRefresher(counter.run)
    try {
      const statuses = await refresher.statusMany([{ repoPath: t.repo, worktreePaths: [a.path, b.path, `${t.root}/not-a-worktree`] }])
      expect(statuses[2]).toMatchObject({ missing: true, head: null, branch: null })
      expect(refresher.watcherCount).toBe(2)
      await refresher.statusMany([{ repoPath: t.repo, worktreePaths: [a.path] }])
      expect(refresher.watcherCount).toBe(1)
    } finally {
      refresher.dispose()
    }
    expect(refresher.watcherCount).toBe(0)
  })
})
