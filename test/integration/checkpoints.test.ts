import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { cliRunner } from '../fixtures/cli'
import { type TestCore, startTestCore } from '../fixtures/core'

process.env.TMPDIR = '/var/tmp'
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/** A checkpoint per agent turn, taken by the engine off the agent's path; rewind, told to the agent, undone by restore. */
describe('turn checkpoints and rewind', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  it('checkpoints at each turn signal, lists and diffs them (API and CLI), rewinds with a new briefing, and the undo brings the work back', async () => {
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const repo = t.gitRepo('notes', { 'README.md': '# notes\n' })
    const r = await c.invoke('repo.add', { path: repo })
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Turns' })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'sleep 120'] })
    let live: Run | undefined
    await expect.poll(async () => (live = await c.invoke('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('running')
    const wt = live!.worktreePath!
    const head = git(wt, 'rev-parse', 'HEAD')
    const turn = async (prompt: string, count: number) => {
      await c.invoke('run.signal', { id: run.id, hook: 'UserPromptSubmit', payload: { prompt } })
      await expect.poll(async () => (await c.invoke('run.checkpoints', { id: run.id })).length, { timeout: 15_000 }).toBe(count)
    }
    // Nothing changed yet: no checkpoint.
    await c.invoke('run.signal', { id: run.id, hook: 'UserPromptSubmit', payload: { prompt: 'write a' } })
    // The engine reads signals from the event feed: give it the time to take (and skip) that checkpoint.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(await c.invoke('run.checkpoints', { id: run.id })).toEqual([])
    fs.writeFileSync(path.join(wt, 'a.txt'), 'one\n')
    await turn('write b and change a', 1)
    fs.writeFileSync(path.join(wt, 'a.txt'), 'two\n')
    fs.writeFileSync(path.join(wt, 'b.txt'), 'bee\n')
    fs.rmSync(path.join(wt, 'README.md'))
    await turn('tidy up', 2)

    const list = await c.invoke('run.checkpoints', { id: run.id })
    expect(list.map((x) => [x.n, x.prompt, x.filesChanged])).toEqual([
      [1, 'write a', 1],
      [2, 'write b and change a', 3]
    ])
    expect(git(wt, 'rev-parse', 'HEAD')).toBe(head)
    expect(git(wt, 'status', '--porcelain')).toContain('?? a.txt')
    const events = await c.invoke('event.forEntity', { entity: run.id })
    expect(events.filter((e) => e.topic === 'run.checkpoint')).toHaveLength(2)
    expect((await c.invoke('run.checkpointDiff', { id: run.id, from: 1, to: 2 })).diff).toMatch(/-one\n\+two/)

    const cli = cliRunner(() => t!.reopen())
    const shown = await cli('run', 'checkpoints', run.id)
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^N\s+TIME\s+FILES\s+PROMPT/)
    expect(shown.stdout).toContain('write b and change a')
    expect(JSON.parse((await cli('run', 'checkpoints', run.id, '--json')).stdout)).toHaveLength(2)

    const rewound = await cli('run', 'rewind', run.id, '1')
    expect(rewound.stderr).toBe('')
    expect(rewound.stdout).toMatch(/rewound to checkpoint 1: 3 file\(s\) changed\n.*briefing is now v2\nundo: flightdeck run restore .* --snapshot 1/)
    expect(fs.readFileSync(path.join(wt, 'a.txt'), 'utf8')).toBe('one\n')
    expect(fs.existsSync(path.join(wt, 'b.txt'))).toBe(false)
    expect(fs.readFileSync(path.join(wt, 'README.md'), 'utf8')).toBe('# notes\n')
    const packets = await c.invoke('issue.contextPackets', { issueId: issue.id })
    expect(String(packets.at(-1)?.content.inputs.rewound)).toMatch(/rewound your worktree to checkpoint 1/)
    expect((await c.invoke('run.get', { id: run.id })).detail).toMatch(/rewound to checkpoint 1; undo: flightdeck run restore/)
    expect(await cli('run', 'rewind', run.id, '9')).toMatchObject({ code: 1 })

    // Undo the rewind: stop the agent (restore refuses a live run) and restore the snapshot the rewind took.
    await c.invoke('run.stop', { id: run.id })
    await expect.poll(async () => (await c.invoke('run.get', { id: run.id })).state, { timeout: 20_000 }).toBe('stopped')
    await c.invoke('run.restore', { id: run.id, snapshot: 1 })
    expect(fs.readFileSync(path.join(wt, 'a.txt'), 'utf8')).toBe('two\n')
    expect(fs.readFileSync(path.join(wt, 'b.txt'), 'utf8')).toBe('bee\n')
    expect(fs.existsSync(path.join(wt, 'README.md'))).toBe(false)
  })

  it('an agent without turn signals gets a checkpoint when its terminal has been quiet for the policy\'s seconds', async () => {
    t = await startTestCore({ engine: true, healthIntervalMs: 250 })
    const c = t.core.client
    const policy = JSON.stringify({ environment: { checkpointQuietSeconds: 1, ports: 0 } })
    const repo = t.gitRepo('quiet', { 'README.md': '# quiet\n', '.flightdeck/policy.json': policy })
    const r = await c.invoke('repo.add', { path: repo })
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Quiet' })
    // The shell profile reports status by its exit only: no turn signals.
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'echo working; echo draft > draft.txt; sleep 120'] })
    await expect.poll(async () => (await c.invoke('run.checkpoints', { id: run.id })).length, { timeout: 20_000 }).toBe(1)
    const [first] = await c.invoke('run.checkpoints', { id: run.id })
    expect(first?.files).toEqual(['draft.txt'])
    const events = await c.invoke('event.forEntity', { entity: run.id })
    expect(events.find((e) => e.topic === 'run.checkpoint')?.payload).toMatchObject({ trigger: 'quiet:1s' })
    // Still quiet, nothing changed: no second checkpoint.
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(await c.invoke('run.checkpoints', { id: run.id })).toHaveLength(1)
  })
})
