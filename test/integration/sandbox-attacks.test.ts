import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, sourceCli, startTestCore } from '../fixtures/core'

// Repositories and the data folder outside /tmp, as on a real machine (the sandbox gives the agent its own /tmp).
process.env.TMPDIR = '/var/tmp'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

/**
 * Attacks run as a real shell agent inside its sandbox (bubblewrap), against the real data folder of a core
 * with its engine: each attempt must fail while the agent can still edit and commit in its worktree.
 */
describe('an agent in its sandbox', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  async function waitFor(id: string, state: Run['state']): Promise<Run> {
    let last: Run | undefined
    await expect.poll(async () => (last = await t!.core.client.invoke('run.get', { id })).state, { timeout: 60_000, interval: 200 }).toBe(state)
    return last!
  }

  it('cannot read the database or the secrets, leave its worktree, reach another run, act as the operator or see the parent’s keys; it can still commit', async () => {
    process.env.GITHUB_TOKEN = 'ghp_parent_secret'
    process.env.FLIGHTDECK_TEST_PARENT = 'parent-only'
    t = await startTestCore({ engine: true })
    const c = t.core.client
    await c.invoke('secret.set', { name: 'anthropic.apiKey', value: 'sk-stored-secret' })
    const repo = t.gitRepo('shop')
    const r = await c.invoke('repo.add', { path: repo })
    const other = await c.invoke('run.start', { issueId: (await c.invoke('issue.create', { repoId: r.id, title: 'Other work' })).id, agent: 'shell', argv: ['sh', '-c', 'sleep 300'] })
    const otherRun = await waitFor(other.id, 'running')
    const thread = await c.invoke('forum.ask', { title: 'Which tax rate?', body: 'Which tax rate?', kind: 'question' })
    const violationId = '01J0000000000000000000000A'

    const flightdeck = sourceCli.argv.map(q).join(' ')
    const attempt = (name: string, command: string) => `if ( ${command} ) >/dev/null 2>&1; then echo "${name}: SUCCEEDED"; else echo "${name}: refused"; fi`
    const script = [
      attempt('read the database', `cat ${q(path.join(t.home, 'flightdeck.db'))}`),
      attempt('read the secrets', `cat ${q(path.join(t.home, 'secrets.json'))}`),
      attempt('write the main checkout', `echo pwned > ${q(path.join(repo, 'README.md'))}`),
      attempt('write outside', `echo pwned > /usr/pwned`),
      attempt('write another worktree', `echo pwned > ${q(path.join(otherRun.worktreePath!, 'pwned.txt'))}`),
      attempt('move the base branch', 'git update-ref refs/heads/main HEAD'),
      attempt('plant a git hook', `echo 'exit 0' > ${q(path.join(repo, '.git', 'hooks', 'pre-commit'))}`),
      attempt('follow a symlink out', `ln -s ${q(t.home)} escape && cat escape/flightdeck.db`),
      attempt('override a violation', `${flightdeck} --home ${q(t.home)} violation override ${violationId} --reason mine`),
      attempt('answer a question', `${flightdeck} --home ${q(t.home)} forum answer ${thread.id} --text 'zero'`),
      attempt('merge its own run', `${flightdeck} --home ${q(t.home)} merge "$FLIGHTDECK_RUN_ID"`),
      attempt('read the parent key', 'env | grep -q ghp_parent_secret'),
      attempt('read the parent env', 'env | grep -q parent-only'),
      'rm -f escape',
      'echo "total: 12" > done.txt && git add done.txt && git commit -qm "work inside the box" && echo "commit: ok"'
    ].join('\n')
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Try everything' })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', `{\n${script}\n} > attempts.txt 2>&1`] })
    const ready = await waitFor(run.id, 'ready_to_merge').catch(async (e) => {
      const now = await c.invoke('run.get', { id: run.id })
      throw new Error(`${e.message}; run is ${now.state}: ${now.detail}; ${JSON.stringify((await c.invoke('terminal.open', { runId: run.id })).scrollback).slice(0, 3000)}`)
    })
    const attempts = fs.readFileSync(path.join(ready.worktreePath!, 'attempts.txt'), 'utf8')
    expect(attempts.split('\n').filter((l) => l.includes('SUCCEEDED'))).toEqual([])
    expect(attempts).toContain('commit: ok')

    const events = await c.invoke('event.forEntity', { entity: run.id })
    expect(events.find((e) => e.topic === 'run.confined')?.payload).toEqual({ runId: run.id, confinement: { mode: 'workspace', network: 'on', tool: 'bwrap' } })
    // The agent's own commit, then Flightdeck's checkpoint of what it left uncommitted (attempts.txt).
    expect(git(ready.worktreePath!, 'log', '-2', '--format=%s').split('\n')).toEqual([expect.stringMatching(/^flightdeck: validation checkpoint/), 'work inside the box'])
    expect(fs.readFileSync(path.join(ready.worktreePath!, 'done.txt'), 'utf8')).toBe('total: 12\n')
    expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# test\n')
    expect(fs.existsSync(path.join(otherRun.worktreePath!, 'pwned.txt'))).toBe(false)
    expect(git(repo, 'rev-parse', 'main')).not.toBe(git(ready.worktreePath!, 'rev-parse', 'HEAD'))
    expect(fs.existsSync(path.join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false)
    expect((await c.invoke('forum.thread', { threadId: thread.id })).thread.state).not.toBe('answered')
    const refused = events.filter((e) => e.topic === 'agent.refused').map((e) => (e.payload as { what: string }).what)
    expect(refused).toEqual(['flightdeck violation override', 'flightdeck forum answer', `flightdeck merge ${run.id}`])
  })
})
