import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import { createWorkspaceService, type WorkspaceService } from './workspace.service'
import type { Workspace } from './workspace-types'

let t: TestRepo
let svc: WorkspaceService
let ws: Workspace
const snapshots = 'refs/flightdeck/snapshots/r1/'
beforeEach(async () => {
  t = makeTestRepo({ 'README.md': 'hello\n', 'src/a.txt': 'a1\n', '.gitignore': 'ignored.log\n' })
  svc = createWorkspaceService({ watch: false })
  ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'r1', title: 'turns' })
})
afterEach(() => {
  svc.dispose()
  t.dispose()
})

describe('turn checkpoints', () => {
  it('records tracked, untracked and deleted files without touching HEAD, the branch or the index', async () => {
    const head = t.git(['rev-parse', 'HEAD'], ws.path).trim()
    t.write('src/a.txt', 'a2\n', ws.path)
    t.write('new.txt', 'fresh\n', ws.path)
    t.write('ignored.log', 'noise\n', ws.path)
    rmSync(join(ws.path, 'README.md'))
    t.git(['add', 'src/a.txt'], ws.path) // the agent staged one file: its index must stay exactly so
    const indexBefore = t.git(['diff', '--cached', '--name-only'], ws.path)
    const c1 = await svc.checkpointTurn(ws, 'r1', 'Make   a two\nplease')
    expect(c1).not.toBeNull()
    expect(c1?.ref).toBe('refs/flightdeck/checkpoints/r1/1')
    expect(c1?.files.sort()).toEqual(['README.md', 'new.txt', 'src/a.txt'])
    expect(t.git(['rev-parse', 'HEAD'], ws.path).trim()).toBe(head)
    expect(t.git(['diff', '--cached', '--name-only'], ws.path)).toBe(indexBefore)
    expect(t.git(['show', `${c1?.commit}:new.txt`])).toBe('fresh\n')
    expect(t.git(['ls-tree', '--name-only', '-r', c1?.commit ?? ''])).not.toContain('ignored.log')
    // Nothing changed since: skipped.
    expect(await svc.checkpointTurn(ws, 'r1', 'again')).toBeNull()
    t.write('new.txt', 'fresher\n', ws.path)
    const c2 = await svc.checkpointTurn(ws, 'r1', null)
    expect(c2?.n).toBe(2)
    expect(c2?.files).toEqual(['new.txt'])
    const list = await svc.checkpoints(t.repo, 'r1')
    expect(list.map((c) => [c.n, c.prompt, c.filesChanged])).toEqual([
      [1, 'Make a two please', 3],
      [2, null, 1]
    ])
    expect(list[0]?.head).toBe(head)
    const d = await svc.checkpointDiff(t.repo, 'r1', 1, 2)
    expect(d).toContain('-fresh')
    expect(d).toContain('+fresher')
    expect(await svc.checkpointDiff(t.repo, 'r1', 0, 1)).toContain('+a2')
    await expect(svc.checkpointDiff(t.repo, 'r1', 1, 9)).rejects.toThrow(/no checkpoint 9/)
  })

  it('rewinds the files to a checkpoint, and restoring the snapshot it took undoes the rewind', async () => {
    t.write('src/a.txt', 'turn1\n', ws.path)
    await svc.checkpointTurn(ws, 'r1', 'turn one')
    t.write('src/a.txt', 'turn2\n', ws.path)
    t.write('later.txt', 'only after\n', ws.path)
    rmSync(join(ws.path, 'README.md'))
    t.commitAll('agent commit', ws.path)
    t.write('dirty.txt', 'uncommitted\n', ws.path)
    const head = t.git(['rev-parse', 'HEAD'], ws.path).trim()
    const r = await svc.rewind(ws, 'r1', 1, snapshots)
    expect(readFileSync(join(ws.path, 'src/a.txt'), 'utf8')).toBe('turn1\n')
    expect(readFileSync(join(ws.path, 'README.md'), 'utf8')).toBe('hello\n')
    expect(existsSync(join(ws.path, 'later.txt'))).toBe(false)
    expect(existsSync(join(ws.path, 'dirty.txt'))).toBe(false)
    expect(r.laterCommits).toBe(1)
    expect(r.files.sort()).toEqual(['README.md', 'dirty.txt', 'later.txt', 'src/a.txt'])
    // Branch commits are untouched.
    expect(t.git(['rev-parse', 'HEAD'], ws.path).trim()).toBe(head)
    // Undo.
    await svc.restore(ws, snapshots, r.saved.n)
    expect(readFileSync(join(ws.path, 'src/a.txt'), 'utf8')).toBe('turn2\n')
    expect(readFileSync(join(ws.path, 'dirty.txt'), 'utf8')).toBe('uncommitted\n')
    expect(readFileSync(join(ws.path, 'later.txt'), 'utf8')).toBe('only after\n')
    await expect(svc.rewind(ws, 'r1', 7, snapshots)).rejects.toThrow(/no checkpoint 7/)
  })
})
