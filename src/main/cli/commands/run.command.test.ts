import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { cliRunner } from '../../../../test/fixtures/cli'

describe('flightdeck run, merge, cleanup, status, policy, agents', () => {
  let t: TestCore
  beforeEach(async () => {
    // The engine core stands for a running `flightdeck serve`; the CLI opens its own cores on the same home.
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  const cli = (...argv: string[]) => cliRunner(() => t.reopen(), t.dir)(...argv)

  it('starts a shell run, lists and shows it, prints its diff and history, merges it and cleans up', async () => {
    const repo = t.gitRepo('cli-app')
    await cli('repo', 'add', repo)
    const issue = JSON.parse((await cli('issue', 'create', '--repo', 'cli-app', '--title', 'Write notes', '--json')).stdout)

    const started = await cli('run', 'start', issue.id, '--agent', 'shell', '--json', '--', 'sh', '-c', 'echo "notes; $(date)" > notes.txt && git add notes.txt && git commit -qm notes && echo done-writing')
    expect(started.code).toBe(0)
    const run = JSON.parse(started.stdout)
    expect(run.argv).toEqual(['sh', '-c', expect.stringContaining('notes.txt')])

    await expect.poll(async () => JSON.parse((await cli('run', 'show', run.id, '--json')).stdout).state, { timeout: 30_000 }).toBe('ready_to_merge')
    expect((await cli('run', 'list')).stdout).toMatch(new RegExp(`${run.id}\\s+ready_to_merge`))
    expect((await cli('run', 'diff', run.id)).stdout).toContain('+notes; ')
    expect((await cli('run', 'diff', run.id, '--stat')).stdout).toMatch(/created\s+1\s+0\s+notes\.txt/)
    const attached = await cli('run', 'attach', run.id)
    expect(attached.stdout).toContain('done-writing')
    expect(attached.stderr).toMatch(/not running/)
    const missing = await cli('run', 'attach', 'NO-SUCH-RUN')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/NO-SUCH-RUN/)

    expect((await cli('status')).stdout).toMatch(/ready_to_merge\s+1/)
    expect((await cli('merge', run.id)).stdout).toMatch(/merged: landed on main as [0-9a-f]{10}/)
    expect(fs.existsSync(path.join(repo, 'notes.txt'))).toBe(true)

    const cleaned = await cli('cleanup', run.id)
    expect(cleaned.stdout).toBe('removed the worktree; kept the branch\n')
    expect(JSON.parse((await cli('run', 'show', run.id, '--json')).stdout).worktreePath).toBeNull()
  })

  it('explains refusals: merge of an unfinished run, cleanup of uncommitted work, shell without a command', async () => {
    const repo = t.gitRepo('refusals')
    await cli('repo', 'add', repo)
    const issue = JSON.parse((await cli('issue', 'create', '--repo', 'refusals', '--title', 'Dirty', '--json')).stdout)
    const noCommand = await cli('run', 'start', issue.id, '--agent', 'shell')
    expect(noCommand.code).toBe(2)
    expect(noCommand.stderr).toMatch(/the shell agent needs a command/)

    const run = JSON.parse((await cli('run', 'start', issue.id, '--agent', 'shell', '--json', '--', 'sh', '-c', 'echo draft > draft.txt; sleep 30')).stdout)
    await expect.poll(async () => JSON.parse((await cli('run', 'show', run.id, '--json')).stdout).state, { timeout: 20_000 }).toBe('running')
    const early = await cli('merge', run.id)
    expect(early.code).toBe(1)
    expect(early.stderr).toMatch(/refused.*running.*ready to merge/)
    expect((await cli('cleanup', run.id)).stderr).toMatch(/stop it before cleaning up/)

    // "running" means the session started, not that the agent has written yet: stop only once it has.
    const show = JSON.parse((await cli('run', 'show', run.id, '--json')).stdout)
    await expect.poll(() => fs.existsSync(path.join(show.worktreePath, 'draft.txt')), { timeout: 20_000 }).toBe(true)
    expect((await cli('run', 'stop', run.id)).stdout).toMatch(/stopped/)
    const dirty = await cli('cleanup', run.id)
    expect(dirty.code).toBe(1)
    expect(dirty.stderr).toMatch(/dirty.*draft\.txt/)
    expect(fs.existsSync(path.join(show.worktreePath, 'draft.txt'))).toBe(true)
    expect((await cli('cleanup', run.id, '--force')).stdout).toMatch(/removed the worktree/)
  })

  it('lists, starts, attaches to and stops the named commands of a run\'s worktree', async () => {
    const repo = t.gitRepo('commands', { '.flightdeck/policy.json': JSON.stringify({ environment: { ports: 1, commands: [{ name: 'hello', argv: ['sh', '-c', 'echo "hello on $PORT"; sleep 30'] }] } }) })
    await cli('repo', 'add', repo)
    const issue = JSON.parse((await cli('issue', 'create', '--repo', 'commands', '--title', 'Serve', '--json')).stdout)
    const run = JSON.parse((await cli('run', 'start', issue.id, '--agent', 'shell', '--json', '--', 'sleep', '30')).stdout)
    await expect.poll(async () => JSON.parse((await cli('run', 'show', run.id, '--json')).stdout).state, { timeout: 20_000 }).toBe('running')
    expect((await cli('run', 'commands', run.id)).stdout).toMatch(/hello\s+idle\s+-\s+sh -c echo/)
    const started = await cli('run', 'exec', run.id, 'hello')
    expect(started.stdout).toContain(`started "hello" as ${run.id}.cmd.1`)
    expect((await cli('run', 'commands', run.id)).stdout).toMatch(/hello\s+running/)
    const port = JSON.parse((await cli('run', 'ports', run.id, '--json')).stdout)[0].port
    await expect.poll(async () => JSON.parse((await cli('run', 'commands', run.id, '--json')).stdout)[0].state).toBe('running')
    expect((await cli('run', 'exec', run.id, 'hello', '--stop')).stdout).toContain('stopped "hello"')
    const history = await cli('run', 'attach', run.id, '--command', 'hello')
    expect(history.stdout).toContain(`hello on ${port}`)
    expect(history.stderr).toMatch(/"hello" is not running/)
    const unknown = await cli('run', 'exec', run.id, 'deploy')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/no command "deploy" \(environment\.commands: hello\)/)
    expect((await cli('run', 'exec', run.id, '../x')).code).toBe(2)
    await cli('run', 'stop', run.id)
  })

  it('writes and validates a policy, and lists agents', async () => {
    const repo = t.gitRepo('policy')
    expect((await cli('policy', 'init', repo)).stdout).toMatch(/wrote .*policy\.json/)
    expect((await cli('policy', 'init', repo)).stderr).toMatch(/already exists/)
    expect((await cli('policy', 'validate', repo)).stdout).toMatch(/is valid/)
    // A registered repository by its name (or id) is read from its path, not from ./<name>.
    await cli('repo', 'add', repo)
    expect((await cli('policy', 'validate', 'policy')).stdout).toBe(`${path.join(fs.realpathSync(repo), '.flightdeck', 'policy.json')} is valid\n`)
    const unknown = await cli('policy', 'validate', 'no-such-repo')
    expect(unknown.stderr).toMatch(/no-such-repo/)
    expect(unknown.code).toBe(1)
    fs.writeFileSync(path.join(repo, '.flightdeck', 'policy.json'), '{ "onQuit": "explode" }')
    expect((await cli('policy', 'validate', repo)).stderr).toMatch(/onQuit: .*allowed: keep, stop/)
    const agents = JSON.parse((await cli('agents', '--json')).stdout) as { name: string; installed: boolean }[]
    expect(agents.map((a) => a.name)).toEqual(['claude-code', 'codex', 'gemini', 'opencode', 'qwen-code', 'shell'])
    expect(agents.find((a) => a.name === 'shell')?.installed).toBe(true)
  })
})
