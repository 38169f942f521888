import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import { WorkspaceError } from './workspace-error'
import { createWorkspaceService, type WorkspaceService } from './workspace.service'

let t: TestRepo
let svc: WorkspaceService
beforeEach(() => {
  t = makeTestRepo({ 'README.md': 'hello\n' })
  svc = createWorkspaceService({ watch: false })
})
afterEach(() => {
  svc.dispose()
  t.dispose()
})

async function refusal(fn: () => Promise<unknown>): Promise<WorkspaceError> {
  const err = await fn().then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(WorkspaceError)
  return err as WorkspaceError
}

const branches = () => t.git(['branch', '--list', '--format=%(refname:short)']).trim().split('\n').sort()
const worktrees = () => t.git(['worktree', 'list', '--porcelain']).split('\n').filter((l) => l.startsWith('worktree '))

describe('start points', () => {
  it("starts a run's branch at another branch's tip; the base stays the landing target", async () => {
    t.git(['checkout', '--quiet', '-b', 'feature/login'])
    t.write('login.txt', 'login\n')
    const tip = t.commitAll('login')
    t.git(['checkout', '--quiet', 'main'])
    expect(await svc.branchStartPoint(t.repo, 'feature/login')).toBe(tip)
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'r2', title: 'on login', startPoint: tip })
    expect(ws).toMatchObject({ baseBranch: 'main', baseSha: tip })
    expect(t.git(['rev-parse', 'HEAD'], ws.path).trim()).toBe(tip)
    expect(readFileSync(join(ws.path, 'login.txt'), 'utf8')).toBe('login\n')
    // An interrupted launch made the worktree already: relaunching adopts it, still at the start point.
    const again = await svc.createWorkspace({ repoPath: t.repo, runId: 'r2', title: 'on login', startPoint: tip })
    expect(again.path).toBe(ws.path)
    expect(t.git(['rev-parse', 'HEAD'], again.path).trim()).toBe(tip)
  })

  it('refuses a missing branch, an option-looking name and a start commit that is gone, creating nothing', async () => {
    const before = { branches: branches(), worktrees: worktrees() }
    const missing = await refusal(() => svc.branchStartPoint(t.repo, 'nope'))
    expect(missing.code).toBe('not_found')
    expect(missing.message).toContain("'nope'")
    expect((await refusal(() => svc.branchStartPoint(t.repo, '--upload-pack=x'))).code).toBe('invalid_input')
    expect((await refusal(() => svc.createWorkspace({ repoPath: t.repo, runId: 'r3', title: 'x', startPoint: 'main' }))).code).toBe('invalid_input')
    const gone = await refusal(() => svc.createWorkspace({ repoPath: t.repo, runId: 'r3', title: 'x', startPoint: 'f'.repeat(40) }))
    expect(gone.code).toBe('not_found')
    expect(gone.message).toMatch(/no longer in/)
    expect({ branches: branches(), worktrees: worktrees() }).toEqual(before)
  })

  it("forks at a checkpoint's files: a commit of its tree on the HEAD it was taken on, never the checkpoint commit itself", async () => {
    const src = await svc.createWorkspace({ repoPath: t.repo, runId: 'src', title: 'source' })
    t.write('kept.txt', 'committed\n', src.path)
    const head = t.commitAll('kept', src.path)
    t.write('draft.txt', 'one\n', src.path)
    const c1 = await svc.checkpointTurn(src, 'src', 'write a draft')
    t.write('draft.txt', 'two\n', src.path)
    t.write('later.txt', 'later\n', src.path)
    await svc.checkpointTurn(src, 'src', 'more')

    const { commit, checkpoint } = await svc.checkpointStartPoint(t.repo, 'src', 1)
    expect(checkpoint.commit).toBe(c1?.commit)
    expect(commit).not.toBe(c1?.commit)
    expect(t.git(['rev-parse', `${commit}^{tree}`]).trim()).toBe(t.git(['rev-parse', `${c1?.commit}^{tree}`]).trim())
    expect(t.git(['rev-parse', `${commit}^`]).trim()).toBe(head)
    expect(t.git(['log', '-1', '--format=%s', commit]).trim()).toBe('Fork of run src at checkpoint 1')
    const fork = await svc.createWorkspace({ repoPath: t.repo, runId: 'fork', title: 'fork', startPoint: commit })
    expect(readFileSync(join(fork.path, 'draft.txt'), 'utf8')).toBe('one\n')
    expect(existsSync(join(fork.path, 'later.txt'))).toBe(false)
    expect(t.git(['status', '--porcelain'], fork.path)).toBe('')
    // No Flightdeck-private ref is reachable from the new branch.
    expect(t.git(['for-each-ref', '--merged', fork.branch, 'refs/flightdeck/'])).toBe('')
  })

  it('uses the HEAD itself when the checkpoint held nothing uncommitted, and names deleted or unknown checkpoints', async () => {
    const src = await svc.createWorkspace({ repoPath: t.repo, runId: 'src', title: 'source' })
    t.write('a.txt', 'a\n', src.path)
    await svc.checkpointTurn(src, 'src', 'a')
    const head = t.commitAll('a', src.path)
    rmSync(join(src.path, 'a.txt'))
    await svc.checkpointTurn(src, 'src', 'remove a')
    t.git(['checkout', '--', 'a.txt'], src.path)
    const c3 = await svc.checkpointTurn(src, 'src', 'a is back')
    expect(c3?.n).toBe(3)
    expect((await svc.checkpointStartPoint(t.repo, 'src', 3)).commit).toBe(head)

    const unknown = await refusal(() => svc.checkpointStartPoint(t.repo, 'src', 9))
    expect(unknown).toMatchObject({ code: 'not_found', details: { checkpoint: 9 } })
    expect(unknown.message).toMatch(/has no checkpoint 9 .*it has 1, 2, 3/)
    t.git(['update-ref', '-d', 'refs/flightdeck/checkpoints/src/2'])
    expect((await refusal(() => svc.checkpointStartPoint(t.repo, 'src', 2))).message).toMatch(/refs\/flightdeck\/checkpoints\/src\/2 was deleted\); it has 1, 3/)
    expect((await refusal(() => svc.checkpointStartPoint(t.repo, 'nobody', 1))).message).toMatch(/it has none/)
  })
})
