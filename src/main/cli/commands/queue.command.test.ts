import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { cliRunner } from '../../../../test/fixtures/cli'
import { landingHelpers, writeFile } from '../../core/landing/landing.test-support'

describe('flightdeck merge and queue', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true, landing: { leaseMs: 1_000, intervalMs: 200 } })
  })
  afterEach(() => t.close())
  const cli = (...argv: string[]) => cliRunner(() => t.reopen(), t.dir)(...argv)

  it('queues with merge, shows the queue and the true state, pauses, resumes and removes', async () => {
    const h = landingHelpers(t)
    const { repo: r } = await h.repoWith({ 'README.md': '# app\n' })
    expect((await cli('queue', 'pause')).stdout).toBe(`paused: ${r.id}\n`)
    const a = await h.startRun(r.id, 'Add a', writeFile('a.txt', 'a'))
    const b = await h.startRun(r.id, 'Add b', writeFile('b.txt', 'b'))
    await h.waitForState(a.id, 'ready_to_merge')
    await h.waitForState(b.id, 'ready_to_merge')

    expect((await cli('merge', a.id)).stdout).toBe('queued to land (queued_to_land #1)\n')
    expect((await cli('merge', b.id)).stdout).toBe('queued to land (queued_to_land #2)\n')
    const listed = await cli('queue', 'list')
    expect(listed.stdout).toMatch(new RegExp(`paused: ${r.id}\\n#\\s+RUN.*\\n1\\s+${a.id}\\s+queued\\s+0\\s+Add a\\n2\\s+${b.id}\\s+queued`))
    const json = JSON.parse((await cli('queue', 'list', '--json')).stdout)
    expect(json.entries.map((e: { runId: string }) => e.runId)).toEqual([a.id, b.id])
    expect((await cli('run', 'list')).stdout).toMatch(new RegExp(`${b.id}\\s+queued_to_land #2`))
    expect((await cli('status')).stdout).toMatch(/queued_to_land\s+2[\s\S]*landing queue: 2 in line \(paused\)/)

    expect((await cli('queue', 'remove', b.id)).stdout).toBe(`run ${b.id} is ready_to_merge again\n`)
    const missing = await cli('queue', 'remove', b.id)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`run ${b.id} is not in the landing queue`)

    expect((await cli('queue', 'resume')).stdout).toBe('the landing queue is running\n')
    await h.waitForState(a.id, 'merged')
    expect((await cli('queue', 'list')).stdout).toContain('the landing queue is empty')
  }, 90_000)
})
