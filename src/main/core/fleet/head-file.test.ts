import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeGitRepo, tempDir } from '../../../../test/fixtures/temp'
import { readHeadFile } from './head-file'

describe('readHeadFile', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir('fd-head-')
  })
  afterEach(() => tmp.cleanup())

  it('agrees with git for a loose ref, packed refs, a detached HEAD and a linked worktree; null for an unborn branch', async () => {
    const repo = makeGitRepo(path.join(tmp.dir, 'repo'))
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim()
    const head = () => git(repo, 'rev-parse', 'HEAD')
    expect(await readHeadFile(repo)).toBe(head())
    git(repo, 'pack-refs', '--all')
    expect(fs.existsSync(path.join(repo, '.git/refs/heads/main'))).toBe(false)
    expect(await readHeadFile(repo)).toBe(head())
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'two')
    expect(await readHeadFile(repo)).toBe(head())
    const wt = path.join(tmp.dir, 'wt')
    git(repo, 'worktree', 'add', '-q', '-b', 'side', wt)
    git(wt, 'commit', '-q', '--allow-empty', '-m', 'side')
    expect(await readHeadFile(wt)).toBe(git(wt, 'rev-parse', 'HEAD'))
    expect(await readHeadFile(wt)).not.toBe(head())
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1')
    expect(await readHeadFile(repo)).toBe(head())
    git(repo, 'checkout', '-q', '--orphan', 'empty')
    expect(await readHeadFile(repo)).toBeNull()
    expect(await readHeadFile(path.join(tmp.dir, 'nothing'))).toBeUndefined()
  })
})
