import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'

process.env.TMPDIR = '/var/tmp'
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/** Destructive means snapshot first: a forced cleanup keeps every byte reachable, and restore brings it back. */
describe('the no-loss contract', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  it('a forced cleanup saves tracked, untracked and deleted changes to a snapshot ref, says so, and restore brings them back (undoably)', async () => {
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const repo = t.gitRepo('notes', { 'README.md': '# notes\n', 'gone.txt': 'old\n' })
    const r = await c.invoke('repo.add', { path: repo })
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Scratch work' })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'echo draft > untracked.txt; echo more >> README.md; rm gone.txt; mkdir -p deep/er && echo x > deep/er/file.txt; sleep 120'] })
    let live: Run | undefined
    await expect.poll(async () => (live = await c.invoke('run.get', { id: run.id })).worktreePath && fs.existsSync(path.join(live.worktreePath!, 'deep/er/file.txt')), { timeout: 30_000 }).toBe(true)
    const worktree = live!.worktreePath!
    await c.invoke('run.stop', { id: run.id })
    await expect.poll(async () => (await c.invoke('run.get', { id: run.id })).state, { timeout: 20_000 }).toBe('stopped')

    await expect(c.invoke('run.cleanup', { id: run.id })).rejects.toThrow(/uncommitted change/)
    const result = await c.invoke('run.cleanup', { id: run.id, force: true, keepBranch: false })
    expect(result).toMatchObject({ removedWorktree: true, deletedBranch: true, snapshot: { ref: `refs/flightdeck/snapshots/${run.id}/1`, n: 1 } })
    expect(result.snapshot!.files.sort()).toEqual(['README.md', 'deep/', 'gone.txt', 'untracked.txt'])
    expect(fs.existsSync(worktree)).toBe(false)
    // Every byte is reachable from the ref, though the worktree and the branch are gone.
    const ref = result.snapshot!.ref
    expect(git(repo, 'show', `${ref}:untracked.txt`)).toBe('draft')
    expect(git(repo, 'show', `${ref}:deep/er/file.txt`)).toBe('x')
    expect(git(repo, 'show', `${ref}:README.md`)).toBe('# notes\nmore')
    expect(() => git(repo, 'show', `${ref}:gone.txt`)).toThrow()
    const after = await c.invoke('run.get', { id: run.id })
    expect(after.detail).toMatch(/4 uncommitted file\(s\) discarded from the worktree and saved on refs\/flightdeck\/snapshots\/.*\/1: `flightdeck run restore .* --snapshot 1` brings them back/)
    expect((await c.invoke('event.forEntity', { entity: run.id })).some((e) => e.topic === 'run.snapshot')).toBe(true)

    const restored = await c.invoke('run.restore', { id: run.id })
    expect(restored.path).toBe(worktree)
    expect(restored.saved).toBeNull()
    expect(fs.readFileSync(path.join(worktree, 'untracked.txt'), 'utf8')).toBe('draft\n')
    expect(fs.readFileSync(path.join(worktree, 'README.md'), 'utf8')).toBe('# notes\nmore\n')
    expect(fs.readFileSync(path.join(worktree, 'deep/er/file.txt'), 'utf8')).toBe('x\n')

    // A restore over work in progress saves that work first, so the restore itself can be undone.
    fs.writeFileSync(path.join(worktree, 'untracked.txt'), 'second thoughts\n')
    const again = await c.invoke('run.restore', { id: run.id, snapshot: 1 })
    expect(again.saved?.n).toBe(2)
    expect(fs.readFileSync(path.join(worktree, 'untracked.txt'), 'utf8')).toBe('draft\n')
    expect(git(repo, 'show', `refs/flightdeck/snapshots/${run.id}/2:untracked.txt`)).toBe('second thoughts')
    await expect(c.invoke('run.restore', { id: run.id, snapshot: 9 })).rejects.toThrow(/no snapshot 9 under refs\/flightdeck\/snapshots\/.*; there are 1, 2/)
  })

  it('never removes the main checkout, whatever the run record says', async () => {
    t = await startTestCore()
    const { cleanup } = await import('../../src/main/core/workspaces/cleanup-workspace')
    const { createGitRunner } = await import('../../src/main/core/workspaces')
    const repo = t.gitRepo('main-checkout')
    await expect(cleanup(createGitRunner(), { repoPath: repo, path: repo, branch: 'main', baseBranch: 'main' }, { force: true })).rejects.toThrow(/is the repository's main checkout; it is never removed/)
    expect(fs.existsSync(path.join(repo, 'README.md'))).toBe(true)
  })
})
