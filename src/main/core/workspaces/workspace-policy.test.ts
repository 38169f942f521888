import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGitRunner } from './git-runner'
import { makeTestRepo, type TestRepo } from './test-repo.fixture'
import { resolveWorkspacePolicy, workspacePolicySchema } from './workspace-policy'
import { createWorkspaceService } from './workspace.service'

let t: TestRepo
beforeEach(() => {
  t = makeTestRepo()
})
afterEach(() => t.dispose())

describe('workspace policy', () => {
  it('fills static defaults in the schema and repo defaults on resolution', async () => {
    expect(workspacePolicySchema.parse({})).toEqual({ branchPrefix: 'fd/', mergeStrategy: 'merge', fetchFirst: false })
    t.git(['checkout', '--quiet', '-b', 'trunk'])
    expect(await resolveWorkspacePolicy(createGitRunner(), t.repo, undefined)).toEqual({
      baseBranch: 'trunk',
      branchPrefix: 'fd/',
      worktreeRoot: join(t.root, '.flightdeck-worktrees', 'repo'),
      mergeStrategy: 'merge',
      fetchFirst: false,
    })
  })

  it.each([{ baseBranch: '-x' }, { baseBranch: 'a..b' }, { branchPrefix: '../' }, { branchPrefix: 'a b/' }, { mergeStrategy: 'rebase' }])(
    'rejects %o',
    (input) => {
      expect(workspacePolicySchema.safeParse(input).success).toBe(false)
    }
  )

  it('fetchFirst starts the workspace from the fetched upstream when the local base is only behind', async () => {
    const clone = join(t.root, 'clone')
    t.git(['clone', '--quiet', t.repo, clone], t.root)
    t.git(['config', 'user.name', 'Test User'], clone)
    t.git(['config', 'user.email', 'test@example.com'], clone)
    t.write('upstream.txt', 'new upstream work\n')
    const upstreamSha = t.commitAll('upstream moves')

    const svc = createWorkspaceService()
    const stale = await svc.createWorkspace({ repoPath: clone, runId: 'f0', title: 'no fetch' })
    expect(stale.baseSha).not.toBe(upstreamSha)
    const fresh = await svc.createWorkspace({ repoPath: clone, runId: 'f1', title: 'fetch', policy: { fetchFirst: true } })
    expect(fresh.baseSha).toBe(upstreamSha)
    expect(t.git(['rev-parse', 'HEAD'], fresh.path).trim()).toBe(upstreamSha)
    expect(t.git(['rev-parse', 'main'], clone).trim()).toBe(stale.baseSha) // local main is not moved behind the user's back
  })
})
