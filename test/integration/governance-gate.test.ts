import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { forbiddenImportAgent, layeredRepoFiles } from '../fixtures/doctrine/layered-repo'

describe('close gate on governance: a forbidden import on real git with the run engine', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  async function waitForState(id: string, state: Run['state']): Promise<Run> {
    let last: Run | undefined
    await expect
      .poll(async () => (last = await t.core.client.invoke('run.get', { id })).state, { timeout: 30_000, interval: 100 })
      .toBe(state)
    return last as Run
  }

  it('cannot close while the import stands; the violation names file:line; an override with a reason lets it through', async () => {
    const { client } = t.core
    const repoDir = t.gitRepo('layered', layeredRepoFiles({ gates: { closeRetries: 0 } }))
    const repo = await client.invoke('repo.add', { path: repoDir })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: 'Add a view', labels: ['component:ui'] })

    const doctrine = await client.invoke('doctrine.list', { repoId: repo.id })
    expect(doctrine.entries.map((e) => [e.name, e.version, e.status])).toEqual([
      ['policy', '1', 'accepted'],
      ['0001-layers', '2', 'Accepted'],
      ['0002-draft', '1', 'Proposed (rules not applied)']
    ])
    expect(doctrine.imports.map((r) => r.name)).toEqual(['ui-not-db'])

    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: forbiddenImportAgent })
    const failed = await waitForState(run.id, 'failed')
    expect(failed.detail).toContain('close gate failed')
    expect(failed.detail).toContain('src/ui/view.ts:1 imports ../db/query')

    const [start, close] = await client.invoke('gate.results', { runId: run.id })
    expect(start).toMatchObject({ gate: 'start', phase: 'launch', passed: true })
    expect(close).toMatchObject({ gate: 'close', phase: 'validation', passed: false })
    expect(close?.conditions.find((c) => c.id === 'no_blocking_violation')).toMatchObject({ status: 'failed', detail: expect.stringContaining('src/ui/view.ts:1') })
    expect(close?.conditions.find((c) => c.id === 'completion_grade')?.status).toBe('skipped')

    const violations = await client.invoke('violation.list', { runId: run.id })
    expect(violations).toHaveLength(1)
    const [violation] = violations
    expect(violation).toMatchObject({ rule: 'import', doctrine: 'repo/0001-layers@2', blocking: true, status: 'open', evidence: [{ file: 'src/ui/view.ts', line: 1, excerpt: "import { q } from '../db/query'" }] })
    await expect(client.invoke('run.merge', { id: run.id })).rejects.toMatchObject({ code: 'refused' })

    await expect(client.invoke('violation.override', { id: violation!.id, reason: '   ' })).rejects.toMatchObject({ code: 'invalid_input', path: 'reason' })
    const overridden = await client.invoke('violation.override', { id: violation!.id, reason: 'temporary: the API layer lands next sprint (ADR-3)' })
    expect(overridden).toMatchObject({ status: 'overridden', overrideReason: 'temporary: the API layer lands next sprint (ADR-3)' })
    await expect(client.invoke('violation.override', { id: violation!.id, reason: 'again, please' })).rejects.toMatchObject({ code: 'refused' })
    const logged = (await client.invoke('event.list', { limit: 10_000 })).filter((e) => e.topic === 'violation.overridden')
    expect(logged).toMatchObject([{ entity: violation!.id, payload: { reason: 'temporary: the API layer lands next sprint (ADR-3)' } }])

    // The agent finishes again; the same import is found again but stays overridden, so the gate holds no more.
    await client.invoke('run.restart', { id: run.id })
    await waitForState(run.id, 'ready_to_merge')
    expect((await client.invoke('violation.list', { runId: run.id })).map((v) => v.status)).toEqual(['overridden'])
    expect((await client.invoke('gate.results', { runId: run.id })).at(-1)).toMatchObject({ gate: 'close', passed: true })
    const merged = await client.invoke('run.merge', { id: run.id })
    expect(merged.state).toBe('merged')
    expect(fs.readFileSync(path.join(repoDir, 'src/ui/view.ts'), 'utf8')).toContain('../db/query')
  }, 90_000)

  it('refuses to start a run the start gate holds, with the reasons, and keeps the default policy permissive', async () => {
    const { client } = t.core
    const repo = await client.invoke('repo.add', { path: t.gitRepo('strict', layeredRepoFiles({ gates: { requireApproved: true } })) })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: 'Misplaced', labels: ['component:billing'] })
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] })
    const failed = await waitForState(run.id, 'failed')
    expect(failed.detail).toMatch(/^start gate failed: Issue approved: the issue is planning; approve it first; Right repository and component: component billing is not a component of this repository \(its components: ui, db, docs\)/)
    expect(failed.sessionId).toBeNull()
    const [gate] = await client.invoke('gate.results', { runId: run.id })
    expect(gate?.conditions.map((c) => [c.id, c.status])).toEqual([
      ['issue_approved', 'failed'],
      ['dependencies_done', 'passed'],
      ['placement', 'failed'],
      ['plan_grade', 'skipped'],
      ['no_blocking_violation', 'failed']
    ])
  })
})
