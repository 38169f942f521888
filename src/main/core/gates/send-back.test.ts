import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { GateResult } from '../../../shared/domain'
import { newId, now } from '../ids'
import { findRun, insertRun } from '../runs/run.repository'
import { runDir } from '../runs/run-files'

describe('sending a run back after a failed close gate', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  async function validatingRun() {
    const { client, services } = t.core
    const repo = await client.invoke('repo.add', { path: t.gitRepo() })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: 'Greet people' })
    const [packet] = await client.invoke('issue.contextPackets', { issueId: issue.id })
    const id = newId()
    const ts = now()
    await services.store.write((tx) =>
      insertRun(tx.db, {
        id, issue_id: issue.id, repo_id: repo.id, agent_profile: 'shell', state: 'validating', context_packet_id: packet!.id,
        constraint_snapshot_id: null, branch: null, worktree_path: null, policy_snapshot: JSON.stringify({ governance: { gates: { closeRetries: 2 } } }),
        created_at: ts, updated_at: ts, ended_at: null, session_id: null, attempt: 1, activity: 'running', exit_code: null, base_branch: null,
        argv: null, detail: null, last_output_at: null, priority_rank: 2
      })
    )
    return (await findRun(services.store.db, id))!
  }
  const failed: Omit<GateResult, 'runId'> = {
    id: newId(), gate: 'close', phase: 'validation', passed: false, createdAt: now(),
    conditions: [{ id: 'tests', label: 'Tests pass', status: 'failed', detail: 'greet.test.js missing' }]
  }

  it('writes the briefing file only after the transaction commits, and commits even when the file cannot be written', async () => {
    const { store, gates } = t.core.services
    const run = await validatingRun()
    const briefing = path.join(runDir(t.home, run.id), 'briefing.md')
    const sent = await store.write((tx) => gates.sendBack(tx, run, { ...failed, runId: run.id }, true))
    expect(fs.existsSync(briefing)).toBe(false) // no file I/O inside the transaction
    expect(sent.run).toMatchObject({ state: 'running', detail: expect.stringContaining('briefing v2') })
    await sent.afterCommit?.()
    expect(fs.readFileSync(briefing, 'utf8')).toContain('greet.test.js missing')

    // A run folder that cannot be written (here: a file in its place) no longer undoes the send-back.
    const second = await validatingRun()
    fs.mkdirSync(path.dirname(runDir(t.home, second.id)), { recursive: true })
    fs.writeFileSync(runDir(t.home, second.id), 'not a folder')
    const again = await store.write((tx) => gates.sendBack(tx, second, { ...failed, runId: second.id }, true))
    expect((await findRun(store.db, second.id))?.state).toBe('running')
    await expect(again.afterCommit?.()).rejects.toThrow()
  })
})
