import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { Streams } from '../../../shared/contract'

describe("a run's terminal stream", () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  /** Everything a viewer opening the stream now would show: snapshot, then output, until the exit. */
  function view(runId: string): Promise<{ text: string; live: boolean; exit: number | null }> {
    return new Promise((resolve, reject) => {
      let text = ''
      let live = false
      let sessionId = ''
      const unwatch = t.core.client.watch('terminal', runId, (m: Streams['terminal']) => {
        if ('snapshot' in m) {
          ;({ sessionId, live } = m.snapshot)
          text += m.snapshot.scrollback
        } else if ('data' in m) {
          text += m.data
          void t.core.client.invoke('terminal.ack', { sessionId, chars: m.data.length })
        } else if ('exit' in m) {
          unwatch()
          resolve({ text, live, exit: m.exit })
        } else reject(new Error(m.error))
      })
    })
  }

  it('opened while the agent prints, shows its history and then exactly what followed, nothing lost or doubled', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('counter') })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Count' })
    // 3,000 numbered lines over about three seconds; viewers open while they scroll.
    const script = 'i=0; while [ $i -lt 3000 ]; do echo "line $i"; i=$((i+1)); [ $((i % 20)) -eq 0 ] && sleep 0.02; done; exit 0'
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', script] })
    await expect.poll(async () => (await t.core.client.invoke('run.get', { id: run.id })).sessionId, { timeout: 20_000 }).toBeTruthy()

    const views: Promise<{ text: string; live: boolean; exit: number | null }>[] = []
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 500))
      views.push(view(run.id))
    }
    for (const seen of await Promise.all(views)) {
      expect(seen.live).toBe(true)
      expect(seen.exit).toBe(0)
      const numbers = [...seen.text.matchAll(/line (\d+)/g)].map((m) => Number(m[1]))
      expect(numbers).toEqual(Array.from({ length: 3000 }, (_, i) => i))
    }

    // Once the agent has ended the stream is its last screen, not live, and nothing follows.
    const after = await new Promise<Streams['terminal']>((resolve) => t.core.client.watch('terminal', run.id, resolve))
    expect(after).toMatchObject({ snapshot: { live: false } })
    await expect.poll(async () => (await t.core.client.invoke('run.get', { id: run.id })).state, { timeout: 20_000 }).toBe('ready_to_merge')
  })

  it('says why when there is no such run', async () => {
    const missing = await new Promise<Streams['terminal']>((resolve) => t.core.client.watch('terminal', 'NO-SUCH-RUN', resolve))
    expect(missing).toMatchObject({ error: expect.stringContaining('NO-SUCH-RUN') })
  })
})
