import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { appendContextPacket, listContextPackets } from '../issues/context-packet.repository'
import { writeRunFile } from '../runs/run-files'
import { usageSourceFile } from './usage-env'

const entry = (id: string, input: number) => JSON.stringify({ type: 'assistant', timestamp: '2026-12-02T07:00:00.000Z', message: { id, model: 'claude-sonnet-4-5', usage: { input_tokens: input, output_tokens: 10 } } })

describe('usage from transcripts and issue budgets', () => {
  let t: TestCore | undefined
  afterEach(() => t?.close())

  it("reads a transcript-sourced run's transcript on its Stop hook, once per message, and never an exporting run's", async () => {
    t = await startTestCore({ engine: true })
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('t', { '.flightdeck/policy.json': JSON.stringify({ sandbox: { mode: 'off' } }) }) })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Transcripts' })
    const offline = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sleep', '30'] })
    const exporting = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sleep', '30'] })
    // As a run launched with the network off (or with no receiver) has it: its usage comes from the transcript.
    await writeRunFile(t.home, offline.id, usageSourceFile, 'transcript')
    expect(fs.readFileSync(path.join(t.home, 'runs', exporting.id, usageSourceFile), 'utf8')).toBe('otel')
    const file = path.join(t.dir, 'session.jsonl')
    fs.writeFileSync(file, [entry('msg_1', 100), entry('msg_1', 100), entry('msg_2', 200)].join('\n'))
    for (const run of [offline, exporting]) await t.core.client.invoke('run.signal', { id: run.id, hook: 'Stop', payload: { transcript_path: file } })
    await expect.poll(async () => (await t!.core.client.invoke('usage.forRun', { runId: offline.id })).totals.inputTokens, { timeout: 10_000 }).toBe(300)
    // The next turn appends; reading again adds only the new call.
    fs.appendFileSync(file, `\n${entry('msg_3', 50)}`)
    await t.core.client.invoke('run.signal', { id: offline.id, hook: 'Stop', payload: { transcript_path: file } })
    await expect.poll(async () => (await t!.core.client.invoke('usage.forRun', { runId: offline.id })).totals.calls, { timeout: 10_000 }).toBe(3)
    expect((await t.core.client.invoke('usage.forRun', { runId: offline.id })).records.every((r) => r.source === 'transcript')).toBe(true)
    expect((await t.core.client.invoke('usage.forRun', { runId: exporting.id })).totals.calls).toBe(0)
    for (const run of [offline, exporting]) await t.core.client.invoke('run.stop', { id: run.id })
  })

  it("takes an issue's own budgets (its briefing inputs) over the policy's, limit by limit", async () => {
    t = await startTestCore()
    const policy = { budgets: { tokens: { soft: 1_000, hard: 2_000 }, costUsd: { hard: 5 } } }
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('b', { '.flightdeck/policy.json': JSON.stringify(policy) }) })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Budgeted' })
    await t.core.services.store.write(async (tx) => {
      const latest = (await listContextPackets(tx.db, issue.id)).at(-1)!
      await appendContextPacket(tx.db, issue.id, { ...latest.content, inputs: { budgets: { tokens: { hard: 50_000 }, wallMinutes: { soft: 30, hard: 60 } } } })
    })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] })
    const snapshot = await t.core.client.invoke('constraint.get', { id: run.constraintSnapshotId! })
    expect(snapshot.content.budgets).toEqual({ tokens: { soft: 1_000, hard: 50_000 }, costUsd: { soft: null, hard: 5 }, wallMinutes: { soft: 30, hard: 60 } })
  })
})
