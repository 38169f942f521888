import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, sourceCli, startTestCore } from '../fixtures/core'

// Sandboxed agents get their own /tmp: repositories and the data folder live outside it, as on a real machine.
process.env.TMPDIR = '/var/tmp'

const tsxArgv = sourceCli.argv.slice(0, 3)
const agent = path.resolve(import.meta.dirname, '../fixtures/spending-agent.ts')

describe('budgets enforced on a scripted agent that keeps spending', () => {
  let t: TestCore | undefined
  afterEach(async () => {
    await t?.close()
  })

  async function until(id: string, predicate: (r: Run) => boolean, timeout = 60_000): Promise<Run> {
    let last: Run | undefined
    await expect.poll(async () => predicate((last = await t!.core.client.invoke('run.get', { id }))), { timeout, interval: 200 }).toBe(true)
    return last!
  }

  async function scenario(sandbox: object, mode: 'otlp' | 'signal') {
    t = await startTestCore({ engine: true })
    const policy = { sandbox, budgets: { tokens: { soft: 1_000, hard: 4_000 } } }
    const repo = t.gitRepo('spender', { '.flightdeck/policy.json': JSON.stringify(policy) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Spend tokens' })
    const argv = [...tsxArgv, agent, mode, mode === 'signal' ? '2500' : '1000', '300', ...(mode === 'signal' ? [...sourceCli.argv, '--home', t.home] : [])]
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv })
    const invoke: TestCore['core']['client']['invoke'] = (name, input) => t!.core.client.invoke(name, input)

    // Soft: a note in the inbox, the agent keeps going. Hard: stopped, a blocking question, the issue blocked.
    const paused = await until(run.id, (x) => x.state === 'stopped')
    expect(paused.detail).toMatch(/^paused over budget: tokens: [\d,]+ of 4,000; raise it with `flightdeck budget raise /)
    const usage = await invoke('usage.forRun', { runId: run.id })
    expect(usage.totals.tokens).toBeGreaterThanOrEqual(4_000)
    expect(usage.records.every((x) => x.source === (mode === 'otlp' ? 'otel' : 'agent'))).toBe(true)
    expect(usage.budgets.find((b) => b.metric === 'tokens')).toMatchObject({ state: 'hard', soft: 1_000, hard: 4_000 })
    const threads = await invoke('forum.list', { runId: run.id })
    const question = threads.find((x) => x.kind === 'decision')!
    expect(question).toMatchObject({ state: 'waiting_operator', blocking: true, options: ['raise the budget', 'stop the run'] })
    expect(question.title).toContain('raise the budget or stop')
    expect(threads.filter((x) => x.kind === 'note').map((x) => x.title)).toEqual([expect.stringContaining('soft budget')])
    expect((await invoke('issue.get', { id: issue.id })).status).toBe('blocked')
    // The session really ended: nothing more is spent while paused.
    await expect.poll(async () => (await invoke('terminal.open', { runId: run.id })).live, { timeout: 15_000 }).toBe(false)
    const spent = (await invoke('usage.forRun', { runId: run.id })).totals.tokens
    await new Promise((r) => setTimeout(r, 1_500))
    expect((await invoke('usage.forRun', { runId: run.id })).totals.tokens).toBe(spent)
    const gate = await invoke('gate.check', { runId: run.id, gate: 'close' })
    expect(gate.conditions.find((c) => c.id === 'within_budget')).toMatchObject({ status: 'failed', detail: expect.stringContaining('over the hard limit') })

    await expect(invoke('budget.raise', { runId: run.id, tokens: 1_000 })).rejects.toMatchObject({ code: 'invalid_input', path: 'tokens' })
    const raised = await invoke('budget.raise', { runId: run.id, tokens: spent + 3_000 })
    expect(raised.resumed).toBe(true)
    expect(raised.run.attempt).toBe(2)
    expect(raised.run.constraintSnapshotId).not.toBe(paused.constraintSnapshotId)
    expect((await invoke('forum.thread', { threadId: question.id })).thread.state).toBe('answered')
    expect((await invoke('issue.get', { id: issue.id })).status).toBe('in_progress')
    // It spends again, and the raised limit holds it again: a second question, no second soft note.
    const again = await until(run.id, (x) => x.state === 'stopped' && x.attempt === 2)
    expect(again.detail).toContain(`of ${(spent + 3_000).toLocaleString('en-US')};`)
    const after = await invoke('forum.list', { runId: run.id })
    expect(after.filter((x) => x.kind === 'decision').length).toBe(2)
    expect(after.filter((x) => x.kind === 'note').length).toBe(1)
  }

  it('through its OpenTelemetry export, unconfined', () => scenario({ mode: 'off' }, 'otlp'), 120_000)
  it('through its OpenTelemetry export, in the sandbox with the network on (the host loopback)', () => scenario({ mode: 'workspace', network: 'on' }, 'otlp'), 120_000)
  it('through run signal --hook usage, in the sandbox with the network off (the run socket)', () => scenario({ mode: 'workspace', network: 'off' }, 'signal'), 120_000)
})
