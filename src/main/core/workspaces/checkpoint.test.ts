import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import { createWorkspaceService } from './workspace.service'

// A machine with no global git identity: HOME points at an empty directory (vitest forks isolate this file).
let home: string
let t: TestRepo
const originalHome = process.env.HOME
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'fd-home-'))
  process.env.HOME = home
  process.env.XDG_CONFIG_HOME = home
  t = makeTestRepo()
  t.git(['config', '--unset', 'user.name'])
  t.git(['config', '--unset', 'user.email'])
})
afterAll(() => {
  process.env.HOME = originalHome
  delete process.env.XDG_CONFIG_HOME
  t.dispose()
  rmSync(home, { recursive: true, force: true })
})

describe('checkpoint without a configured identity', () => {
  it('commits as Flightdeck, and merges too', async () => {
    const svc = createWorkspaceService()
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'id1', title: 'no identity' })
    t.write('a.txt', 'a\n', ws.path)
    const sha = await svc.checkpoint(ws, '--not-an-option')
    expect(sha).toMatch(/^[0-9a-f]{40}$/)
    expect(t.git(['log', '-1', '--format=%an <%ae>|%cn|%s', sha as string], ws.path).trim()).toBe(
      'Flightdeck <flightdeck@localhost>|Flightdeck|--not-an-option'
    )
    const merged = await svc.merge(ws, { strategy: 'merge' })
    expect(t.git(['log', '-1', '--format=%an', merged]).trim()).toBe('Flightdeck')
  })

  it('keeps a configured identity', async () => {
    t.git(['config', 'user.name', 'Ada'])
    t.git(['config', 'user.email', 'ada@example.com'])
    const svc = createWorkspaceService()
    const ws = await svc.createWorkspace({ repoPath: t.repo, runId: 'id2', title: 'identity' })
    t.write('b.txt', 'b\n', ws.path)
    const sha = await svc.checkpoint(ws, 'by ada')
    expect(t.git(['log', '-1', '--format=%an <%ae>', sha as string], ws.path).trim()).toBe('Ada <ada@example.com>')
  })
})
