import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

describe('run engine with a shell agent in a real pty and a real worktree', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  async function waitForState(id: string, state: Run['state'], timeout = 30_000): Promise<Run> {
    let last: Run | undefined
    await expect
      .poll(async () => (last = await t.core.client.invoke('run.get', { id })).state, { timeout, interval: 100 })
      .toBe(state)
    return last as Run
  }

  async function issueIn(repo: string, title: string) {
    const r = await t.core.client.invoke('repo.add', { path: repo })
    return t.core.client.invoke('issue.create', { repoId: r.id, title })
  }

  it('runs the agent in its own worktree, validates, and merges the work onto the base branch', async () => {
    const repo = t.gitRepo('app')
    const issue = await issueIn(repo, 'Add hello')
    const run = await t.core.client.invoke('run.start', {
      issueId: issue.id,
      agent: 'shell',
      argv: ['sh', '-c', 'echo "$FLIGHTDECK_RUN_ID" > hello.txt && git add hello.txt && git commit -qm "add hello"']
    })
    const ready = await waitForState(run.id, 'ready_to_merge')
    expect(ready.worktreePath).not.toBe(repo)
    expect(ready.branch).toMatch(/^fd\/add-hello/)
    expect(ready.exitCode).toBe(0)
    expect((await t.core.client.invoke('issue.get', { id: issue.id })).status).toBe('in_review')
    expect(await t.core.client.invoke('run.changes', { id: run.id })).toMatchObject([{ path: 'hello.txt', kind: 'created', additions: 1 }])
    expect((await t.core.client.invoke('run.diff', { id: run.id })).diff).toContain(`+${run.id}`)
    expect(fs.existsSync(path.join(repo, 'hello.txt'))).toBe(false)

    const merged = await t.core.client.invoke('run.merge', { id: run.id })
    expect(merged.state).toBe('merged')
    expect(fs.readFileSync(path.join(repo, 'hello.txt'), 'utf8').trim()).toBe(run.id)
    expect(git(repo, 'log', '-1', '--format=%s')).toContain('Add hello')
    expect((await t.core.client.invoke('issue.get', { id: issue.id })).status).toBe('done')

    const terminal = await t.core.client.invoke('terminal.open', { runId: run.id })
    expect(terminal.live).toBe(false)
  })

  it('refuses the second of two conflicting merges, naming the file, and keeps both branches', async () => {
    const repo = t.gitRepo('shared', { 'config.txt': 'value = 1\n' })
    const edit = (value: string) => ['sh', '-c', `printf 'value = ${value}\\n' > config.txt && git commit -qam "set ${value}"`]
    const a = await issueIn(repo, 'Set two')
    const b = await t.core.client.invoke('issue.create', { repoId: a.repoId, title: 'Set three' })
    const runA = await t.core.client.invoke('run.start', { issueId: a.id, agent: 'shell', argv: edit('2') })
    const runB = await t.core.client.invoke('run.start', { issueId: b.id, agent: 'shell', argv: edit('3') })
    await waitForState(runA.id, 'ready_to_merge')
    const readyB = await waitForState(runB.id, 'ready_to_merge')

    await t.core.client.invoke('run.merge', { id: runA.id })
    const check = await t.core.client.invoke('run.mergeCheck', { id: runB.id })
    expect(check.conflicts).toEqual(['config.txt'])
    const refused = await t.core.client.invoke('run.merge', { id: runB.id }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'conflict', details: { files: ['config.txt'] } })
    expect((refused as Error).message).toContain('config.txt')
    expect(fs.readFileSync(path.join(repo, 'config.txt'), 'utf8')).toBe('value = 2\n')
    expect(git(repo, 'show', `${readyB.branch}:config.txt`)).toBe('value = 3')
    expect((await t.core.client.invoke('run.get', { id: runB.id })).state).toBe('ready_to_merge')
  })

  it('fails a run whose validation command fails, with the check named and its log kept', async () => {
    const repo = t.gitRepo('checked', { '.flightdeck/policy.json': '{ "validation": { "commands": [{ "name": "lint", "argv": ["sh", "-c", "echo lint says no; exit 3"] }] } }' })
    const issue = await issueIn(repo, 'Anything')
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] })
    const failed = await waitForState(run.id, 'failed')
    expect(failed.detail).toBe('validation failed: lint (exit 3)')
    const logs = await t.core.services.store.db.selectFrom('artifacts').selectAll().where('run_id', '=', run.id).execute()
    expect(logs.map((l) => l.content)).toEqual(['lint says no\n'])
  })

  it('turns hostile titles into safe branch names with no side effects', async () => {
    const repo = t.gitRepo('hostile')
    const marker = `/tmp/pwned-${process.pid}`
    const titles = [`$(touch ${marker})`, '; rm -rf ~', '../../etc', `\`touch ${marker}\``, 'x'.repeat(1_000_000)]
    const r = await t.core.client.invoke('repo.add', { path: repo })
    for (const title of titles) {
      const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: title.slice(0, 300) })
      const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] })
      const ready = await waitForState(run.id, 'ready_to_merge')
      expect(ready.branch).toMatch(/^fd\/[a-z0-9][a-z0-9-]*[a-z0-9]?-?[0-9a-z]*$/)
      expect(git(repo, 'check-ref-format', '--branch', ready.branch as string)).toBe(ready.branch)
      expect(ready.worktreePath?.startsWith(path.dirname(repo))).toBe(true)
    }
    expect(fs.existsSync(marker)).toBe(false)
    await expect(t.core.client.invoke('issue.create', { repoId: r.id, title: 'x'.repeat(1_000_000) })).rejects.toMatchObject({ code: 'invalid_input', path: 'title' })
  }, 120_000)

  it('refuses an agent that is not installed before writing anything', async () => {
    const issue = await issueIn(t.gitRepo('none'), 'Try gemini')
    // The real Gemini CLI is a devDependency (on PATH under npm); this machine's user points it at a missing program.
    await t.core.client.invoke('settings.update', { patch: { agents: { gemini: { argv: ['flightdeck-no-such-gemini'] } } } })
    await expect(t.core.client.invoke('run.start', { issueId: issue.id, agent: 'gemini' })).rejects.toMatchObject({ code: 'unavailable' })
    await expect(t.core.client.invoke('run.start', { issueId: issue.id, agent: 'nonsense' })).rejects.toMatchObject({ code: 'invalid_input', path: 'agent' })
    expect(await t.core.client.invoke('run.list', {})).toEqual([])
  })
})
