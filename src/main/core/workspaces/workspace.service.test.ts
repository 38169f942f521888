import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import { WorkspaceError } from './workspace-error'
import { createWorkspaceService, type WorkspaceService } from './workspace.service'

let t: TestRepo
let svc: WorkspaceService
beforeEach(() => {
  t = makeTestRepo({ 'README.md': 'hello\n', 'src/app.txt': 'one\ntwo\nthree\n', 'old-name.txt': 'stays the same\n'.repeat(20) })
  svc = createWorkspaceService()
})
afterEach(() => {
  svc.dispose()
  t.dispose()
})

/** Runs `fn` and returns the WorkspaceError it must throw. */
async function refusal(fn: () => Promise<unknown>): Promise<WorkspaceError> {
  const err = await fn().then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(WorkspaceError)
  return err as WorkspaceError
}

describe('createWorkspace', () => {
  it('adds a worktree on a new branch from the current branch, outside the repo', async () => {
    const mainSha = t.git(['rev-parse', 'HEAD']).trim()
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: '01J9ABC', title: 'Add $(whoami) feature' })
    expect(ws).toMatchObject({ repoPath: t.repo, branch: 'fd/add-whoami-feature-01j9abc', baseBranch: 'main', baseSha: mainSha })
    expect(ws.path).toBe(join(t.root, '.flightdeck-worktrees', 'repo', 'add-whoami-feature-01j9abc'))
    expect(readFileSync(join(ws.path, 'README.md'), 'utf8')).toBe('hello\n')
    expect(t.git(['rev-parse', '--abbrev-ref', 'HEAD'], ws.path).trim()).toBe(ws.branch)
    expect(t.git(['status', '--porcelain'])).toBe('') // the repo itself sees nothing
  })

  it('refuses clearly when the base branch does not exist, creating nothing', async () => {
    const err = await refusal(() => svc.createWorkspace({ repoPath: t.repo, runId: 'r1', title: 'x', policy: { baseBranch: 'develop' } }))
    expect(err.code).toBe('base_missing')
    expect(err.message).toContain("'develop'")
    expect(t.git(['branch', '--list', 'fd/*'])).toBe('')
  })

  it('adopts the worktree an interrupted launch of the same run made; refuses its branch without a worktree, and a base branch that looks like an option', async () => {
    const first = await svc.createWorkspace({ repoPath: t.repo, runId: 'r1', title: 'x' })
    writeFileSync(join(first.path, 'work.txt'), 'kept\n')
    const again = await svc.createWorkspace({ repoPath: t.repo, runId: 'r1', title: 'x' })
    expect(again).toMatchObject({ path: first.path, branch: first.branch, baseBranch: 'main' })
    expect(readFileSync(join(again.path, 'work.txt'), 'utf8')).toBe('kept\n')
    t.git(['branch', 'fd/y-r3'])
    expect((await refusal(() => svc.createWorkspace({ repoPath: t.repo, runId: 'r3', title: 'y' }))).code).toBe('branch_exists')
    const err = await refusal(() => svc.createWorkspace({ repoPath: t.repo, runId: 'r2', title: 'x', policy: { baseBranch: '--orphan' } }))
    expect(err.code).toBe('invalid_input')
  })

  it('refuses a directory that is not a git repository', async () => {
    const err = await refusal(() => svc.createWorkspace({ repoPath: t.root, runId: 'r1', title: 'x' }))
    expect(err.code).toBe('not_a_repo')
  })

  it('honours a relative worktree root and a custom prefix', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'r9', title: 'T', policy: { worktreeRoot: '../trees', branchPrefix: 'agents/' } })
    expect(ws.path).toBe(join(t.root, 'trees', 't-r9'))
    expect(ws.branch).toBe('agents/t-r9')
  })
})

describe('checkpoint, listChanges and diff', () => {
  it('see committed, staged, unstaged and untracked changes against the merge-base', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'c1', title: 'changes' })
    t.write('src/app.txt', 'one\nTWO\nthree\nfour\n', ws.path)
    t.git(['mv', 'old-name.txt', 'new-name.txt'], ws.path)
    expect(await svc.checkpoint(ws, 'checkpoint 1')).toMatch(/^[0-9a-f]{40}$/)
    expect(await svc.checkpoint(ws, 'nothing new')).toBeNull()

    t.write('untracked.txt', 'fresh\n', ws.path) // untracked
    t.write('logo.bin', Buffer.from([0, 1, 2, 3, 0, 255]), ws.path)
    t.git(['rm', '--quiet', 'README.md'], ws.path) // staged deletion
    const changes = await svc.listChanges(ws)
    const byPath = Object.fromEntries(changes.map((c) => [c.path, c]))
    expect(byPath['src/app.txt']).toMatchObject({ kind: 'modified', additions: 2, deletions: 1, binary: false })
    expect(byPath['new-name.txt']).toMatchObject({ kind: 'renamed', oldPath: 'old-name.txt', additions: 0, deletions: 0 })
    expect(byPath['untracked.txt']).toMatchObject({ kind: 'created', additions: 1, deletions: 0 })
    expect(byPath['logo.bin']).toMatchObject({ kind: 'created', binary: true, additions: null })
    expect(byPath['README.md']).toMatchObject({ kind: 'deleted', deletions: 1 })
    expect(changes).toHaveLength(5)

    const patch = await svc.diff(ws)
    expect(patch).toContain('+fresh')
    expect(patch).toContain('-two\n+TWO')
    expect(patch).toContain('rename from old-name.txt')
    // Reading changes left the agent's index alone: untracked files are still untracked.
    expect(t.git(['status', '--porcelain', '--', 'untracked.txt'], ws.path)).toBe('?? untracked.txt\n')
  })
})

describe('merge', () => {
  it.each(['merge', 'squash'] as const)('%s lands the file on main', async (strategy) => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: `m-${strategy}`, title: 'feature' })
    t.write('feature.txt', 'built\n', ws.path)
    await svc.checkpoint(ws, 'step 1')
    t.write('feature.txt', 'built twice\n', ws.path)
    await svc.checkpoint(ws, 'step 2')
    expect(await svc.mergeCheck(ws)).toEqual({ behindBy: 0, aheadBy: 2, baseDirty: false, worktreeDirty: false, conflicts: [] })

    const sha = await svc.merge(ws, { strategy, message: strategy === 'squash' ? 'Feature, squashed' : undefined })
    expect(t.git(['rev-parse', 'main']).trim()).toBe(sha)
    expect(readFileSync(join(t.repo, 'feature.txt'), 'utf8')).toBe('built twice\n')
    expect(t.git(['status', '--porcelain'])).toBe('')
    const parents = t.git(['rev-list', '--parents', '-n', '1', sha]).trim().split(' ').slice(1)
    expect(parents).toHaveLength(strategy === 'merge' ? 2 : 1)
    expect(t.git(['log', '-1', '--format=%s', sha]).trim()).toBe(strategy === 'merge' ? `Merge branch '${ws.branch}'` : 'Feature, squashed')
  })

  it('refuses a branch that is behind, then merges after rebase', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'b1', title: 'behind' })
    t.write('feature.txt', 'x\n', ws.path)
    await svc.checkpoint(ws, 'feature')
    t.write('other.txt', 'meanwhile on main\n')
    const mainBefore = t.commitAll('main moves on')

    const err = await refusal(() => svc.merge(ws, { strategy: 'merge' }))
    expect(err.code).toBe('behind_base')
    expect(err.details.hint).toMatch(/rebase/i)
    expect(t.git(['rev-parse', 'main']).trim()).toBe(mainBefore)

    expect((await svc.rebase(ws)).rebased).toBe(true)
    expect((await svc.mergeCheck(ws)).behindBy).toBe(0)
    await svc.merge(ws, { strategy: 'merge' })
    expect(existsSync(join(t.repo, 'feature.txt'))).toBe(true)
    expect(existsSync(join(t.repo, 'other.txt'))).toBe(true)
  })

  it('refuses when the base worktree or the run worktree is dirty, touching nothing', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'd1', title: 'dirty' })
    t.write('feature.txt', 'x\n', ws.path)
    await svc.checkpoint(ws, 'feature')
    writeFileSync(join(t.repo, 'README.md'), 'local edit\n')
    const mainBefore = t.git(['rev-parse', 'main']).trim()

    const base = await refusal(() => svc.merge(ws, { strategy: 'squash' }))
    expect(base.code).toBe('base_dirty')
    expect(base.details.files).toEqual(['README.md'])
    expect(readFileSync(join(t.repo, 'README.md'), 'utf8')).toBe('local edit\n')
    expect(t.git(['rev-parse', 'main']).trim()).toBe(mainBefore)

    t.git(['checkout', '--', 'README.md'])
    t.write('scratch.txt', 'not checkpointed\n', ws.path)
    const run = await refusal(() => svc.merge(ws, { strategy: 'merge' }))
    expect(run.code).toBe('worktree_dirty')
    expect(run.details.files).toEqual(['scratch.txt'])
  })

  it('refuses the second of two workspaces editing the same line, leaving both branches and main intact', async () => {
    const a = await svc.createWorkspace({ repoPath: t.repo, runId: 'a', title: 'first' })
    const b = await svc.createWorkspace({ repoPath: t.repo, runId: 'b', title: 'second' })
    t.write('src/app.txt', 'one\nTWO from a\nthree\n', a.path)
    t.write('src/app.txt', 'one\nTWO from b\nthree\n', b.path)
    const aSha = await svc.checkpoint(a, 'a edits')
    const bSha = await svc.checkpoint(b, 'b edits')

    const merged = await svc.merge(a, { strategy: 'merge' })
    expect((await svc.mergeCheck(b)).conflicts).toEqual(['src/app.txt'])
    const err = await refusal(() => svc.merge(b, { strategy: 'merge' }))
    expect(err.code).toBe('conflict')
    expect(err.details.files).toEqual(['src/app.txt'])
    expect(err.message).toContain('1 file(s) conflict')

    expect(t.git(['rev-parse', 'main']).trim()).toBe(merged)
    expect(t.git(['status', '--porcelain'])).toBe('')
    expect(readFileSync(join(t.repo, 'src/app.txt'), 'utf8')).toBe('one\nTWO from a\nthree\n')
    expect(t.git(['rev-parse', a.branch]).trim()).toBe(aSha)
    expect(t.git(['rev-parse', b.branch]).trim()).toBe(bSha)
    expect(t.git(['status', '--porcelain'], b.path)).toBe('')

    // Rebase hits the same conflict, aborts, and leaves b exactly as it was.
    const rebaseErr = await refusal(() => svc.rebase(b))
    expect(rebaseErr).toMatchObject({ code: 'conflict', details: { files: ['src/app.txt'] } })
    expect(t.git(['rev-parse', 'HEAD'], b.path).trim()).toBe(bSha)
    expect(t.git(['status', '--porcelain'], b.path)).toBe('')
  })

  it('refuses when the main worktree has another branch checked out', async () => {
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'o1', title: 'x' })
    t.write('f.txt', 'x\n', ws.path)
    await svc.checkpoint(ws, 'f')
    t.git(['checkout', '--quiet', '-b', 'elsewhere'])
    expect((await refusal(() => svc.merge(ws, { strategy: 'merge' }))).code).toBe('base_not_checked_out')
  })
})
