import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../fixtures/core'
import { git, landingHelpers, writeFile } from '../../src/main/core/landing/landing.test-support'
import type { Run } from '../../src/shared/domain'

/**
 * Edits the shared line; re-briefed about a conflict, it rebases and resolves to a value that keeps both.
 * (A scripted stand-in for the agent: the Claude Code resolution against the scripted model is not covered here.)
 */
const editShared = (value: string) => [
  'sh',
  '-c',
  `if grep -q 'conflicts in' "$FLIGHTDECK_BRIEFING"; then git rebase main || { printf 'value = both\\n' > config.txt; git add config.txt; GIT_EDITOR=true git rebase --continue; }; else printf 'value = ${value}\\n' > config.txt && git commit -qam "set ${value}"; fi`
]

describe('parallel work lands through the queue', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true, landing: { leaseMs: 2_000, intervalMs: 200 } })
  })
  afterEach(() => t.close())

  it('5 runs on different files and 2 on the same line all land with no manual git', async () => {
    const h = landingHelpers(t)
    const { path: repo, repo: r } = await h.repoWith({ 'config.txt': 'value = 1\n' }, { concurrency: { perRepo: 7, global: 7 } })
    const runs: Run[] = []
    for (const name of ['a', 'b', 'c', 'd', 'e']) runs.push(await h.startRun(r.id, `Add ${name}`, writeFile(`${name}.txt`, name)))
    runs.push(await h.startRun(r.id, 'Set two', editShared('2')))
    runs.push(await h.startRun(r.id, 'Set three', editShared('3')))
    const tips = new Map<string, string>()
    // As the operator would: `merge RUN` as soon as each one is ready.
    // On a timeout, say where every run is and why.
    const dump = async () => (await t.core.client.invoke('run.list', {})).map((x) => `${x.id} ${x.state}: ${x.detail ?? ''}`).join('\n')
    await Promise.all(
      runs.map(async (run) => {
        const ready = await h.waitForState(run.id, 'ready_to_merge', 60_000).catch(async (e: unknown) => { throw new Error(`${String(e)}\n${await dump()}`) })
        tips.set(run.id, git(repo, 'rev-parse', `refs/heads/${ready.branch}`))
        await t.core.client.invoke('landing.enqueue', { runId: run.id })
      })
    )
    for (const run of runs) await h.waitForState(run.id, 'merged', 90_000).catch(async (e: unknown) => { throw new Error(`${String(e)}\n${await dump()}`) })

    for (const name of ['a', 'b', 'c', 'd', 'e']) expect(fs.readFileSync(path.join(repo, `${name}.txt`), 'utf8')).toBe(`${name}\n`)
    expect(fs.readFileSync(path.join(repo, 'config.txt'), 'utf8')).toBe('value = both\n')
    const subjects = git(repo, 'log', '--first-parent', '--format=%s', 'main').split('\n')
    for (const run of runs) expect(subjects.filter((s) => s.endsWith(`(run ${run.id})`))).toHaveLength(1)
    // Nothing lost on either side: every run's tip as the agent left it is still reachable.
    for (const [runId, tip] of tips) expect(git(repo, 'rev-parse', `refs/flightdeck/snapshots/${runId}/1`)).toBe(tip)
    const briefed = await Promise.all(runs.slice(5).map((run) => t.core.client.invoke('issue.contextPackets', { issueId: run.issueId })))
    expect(briefed.map((p) => p.length).sort()).toEqual([1, 2])
    expect(git(repo, 'status', '--porcelain')).toBe('')
    expect((await t.core.client.invoke('landing.list', {})).entries).toEqual([])
  }, 240_000)
})
