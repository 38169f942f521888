import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeGitRepo, tempDir } from '../../../test/fixtures/temp'
import { cliRunner } from '../../../test/fixtures/cli'
import { createCore } from '../core/core'

describe('flightdeck usage and budget', () => {
  let tmp: ReturnType<typeof tempDir>
  let home: string
  beforeEach(() => {
    tmp = tempDir('fd-cli-usage-')
    home = path.join(tmp.dir, 'home')
  })
  afterEach(() => tmp.cleanup())

  const cli = (...argv: string[]) => cliRunner(() => createCore({ home }), tmp.dir)(...argv)

  it('lists usage by run and day, shows one run with its budgets, and raises a budget as a new snapshot', async () => {
    const repoPath = makeGitRepo(path.join(tmp.dir, 'repo'), { '.flightdeck/policy.json': JSON.stringify({ budgets: { tokens: { soft: 1_000, hard: 5_000 } } }) })
    const core = await createCore({ home })
    let runId = ''
    try {
      const repo = await core.client.invoke('repo.add', { path: repoPath })
      const issue = await core.client.invoke('issue.create', { repoId: repo.id, title: 'Count tokens' })
      // No pty host in this core: the run is queued, then starting it fails; the run and its snapshot exist.
      await core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] }).catch(() => undefined)
      runId = (await core.client.invoke('run.list', {}))[0]!.id
      await core.client.invoke('usage.record', { runId, usage: { model: 'claude-sonnet-4-5', inputTokens: 1_500, outputTokens: 500, at: '2026-12-02T07:00:00.000Z' } })
    } finally {
      await core.close()
    }
    const byRun = await cli('usage')
    expect(byRun.code).toBe(0)
    expect(byRun.stdout).toMatch(/^RUN\s+NAME\s+CALLS\s+INPUT\s+OUTPUT\s+CACHE R\/W\s+COST\n/)
    expect(byRun.stdout).toContain(`${runId}  Count tokens  1      1,500  500     0/0        $0.0120`)
    expect(JSON.parse((await cli('usage', '--by', 'day', '--json')).stdout)).toMatchObject([{ key: '2026-12-02', calls: 1, tokens: 2_000 }])
    expect((await cli('usage', '--by', 'week')).code).toBe(2)
    const one = await cli('usage', '--run', runId)
    expect(one.stdout).toContain('1 call(s), 2,000 tokens')
    expect(one.stdout).toMatch(/tokens\s+2000\s+soft 1000 \/ hard 5000\s+soft/)

    expect((await cli('budget', 'raise', runId)).code).toBe(2)
    expect((await cli('budget', 'raise', runId, '--tokens', 'lots')).code).toBe(2)
    const raised = await cli('budget', 'raise', runId, '--tokens', '9000', '--json')
    expect(raised.code).toBe(0)
    expect(JSON.parse(raised.stdout)).toMatchObject({ budgets: { tokens: { soft: 1_000, hard: 9_000 } }, resumed: false })
    expect(JSON.parse((await cli('usage', '--run', runId, '--json')).stdout).budgets[0]).toMatchObject({ metric: 'tokens', hard: 9_000, state: 'soft' })
  })
})
