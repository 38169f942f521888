import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { apiKeyOf } from '../fixtures/model-server/request-inspect'
import { architectureTurn, clarifyTurn, decomposeTurn, extractTurn, promptOf } from '../fixtures/prds/planning-model'
import { shopConstraints, shopPrd } from '../fixtures/prds/prds'
import { type PlanRig, startPlanRig } from './plan-helpers'

describe('planning rail: PRD to approved issues', () => {
  let rig: PlanRig | undefined
  afterEach(async () => rig?.close())

  it('runs intake, clarifications, pack, wireframe edit, chat revision, decomposition, approval and export', async () => {
    rig = await startPlanRig([clarifyTurn, extractTurn(), architectureTurn()])
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: shopPrd, orgConstraintsYaml: shopConstraints, target: { kind: 'existing', repoId: rig.repoId } })
    expect(plan).toMatchObject({ status: 'intake', title: 'Corner Shop Orders', orgConstraints: { data_residency: 'EU' } })
    expect(JSON.stringify(await c.invoke('secret.status', {}))).not.toContain('sk-test-planning')

    const clarified = await c.invoke('plan.clarify', { id: plan.id })
    expect(clarified.status).toBe('clarifying')
    expect(clarified.clarifications.map((q) => q.id)).toEqual(['Q1', 'Q2', 'Q3'])
    expect(apiKeyOf(rig.server.requests[0]!)).toBe('sk-test-planning')
    await c.invoke('plan.answer', { id: plan.id, answers: [{ questionId: 'Q2', answer: 'Card payments through Stripe' }] })

    const v1 = await c.invoke('plan.generate', { id: plan.id })
    expect(v1.version).toBe(1)
    expect(v1.pack.requirements.map((r) => [r.id, r.priority])).toEqual([['R-001', 'must'], ['R-002', 'must'], ['R-003', 'should'], ['R-004', 'must'], ['R-005', 'could']])
    expect(v1.pack.requirements[3]?.source).toBe('S1 Fulfilment')
    expect(v1.pack.coverage).toMatchObject({ requirements_total: 5, must_total: 3, uncovered: [] })
    expect(v1.pack.clarifications[1]?.answer).toBe('Card payments through Stripe')
    // The answer fed the next step: the extraction prompt carried it.
    expect(promptOf(rig.server.requests[1]!)).toContain('Card payments through Stripe')

    const v2 = await c.invoke('plan.edit', { id: plan.id, baseVersion: 1, edits: [
      { op: 'addComponent', id: 'mailer', name: 'Mailer', type: 'worker' },
      { op: 'connect', from: 'order-api', to: 'mailer', kind: 'publishes' },
      { op: 'renameComponent', id: 'web-app', name: 'Storefront' }
    ] })
    expect(v2).toMatchObject({ version: 2, source: 'wireframe' })
    const diff = await c.invoke('plan.diff', { id: plan.id, from: 1, to: 2 })
    expect(diff.components.added.map((x) => x.id)).toEqual(['mailer'])
    expect(diff.components.changed.map((x) => x.after.name)).toEqual(['Storefront'])
    expect(diff.relationships.added).toEqual([{ from: 'order-api', to: 'mailer', kind: 'publishes', description: '' }])
    await expect(c.invoke('plan.edit', { id: plan.id, baseVersion: 1, edits: [{ op: 'removeComponent', id: 'mailer' }] })).rejects.toThrow(/current version is 2/)
    await expect(c.invoke('plan.edit', { id: plan.id, baseVersion: 2, edits: [{ op: 'removeComponent', id: 'order-api' }] })).rejects.toThrow(/must requirements no component covers.*R-002, R-004/)

    // Chat: prose streams, then a proposal; accepting it makes version 3.
    const proposal = (await c.invoke('plan.version', { id: plan.id, version: 2 })).pack.architecture
    rig.server.push({ content: [
      { type: 'text', text: 'A queue decouples email from ordering. ' },
      { type: 'tool_use', name: 'propose_revision', input: { summary: 'Add an email queue', architecture: { ...proposal, components: [...proposal.components, { id: 'mail-queue', name: 'Mail queue', type: 'queue', responsibility: 'Buffers emails', requirement_ids: ['R-003'] }] }, assumptions: [], open_questions: [] } }
    ] })
    const deltas: string[] = []
    const unwatch = c.watch('planChat', plan.id, (m) => 'delta' in m && deltas.push(m.delta))
    const reply = await c.invoke('plan.chat', { id: plan.id, message: 'Should email be asynchronous?' })
    unwatch()
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('A queue decouples email from ordering. ')
    expect(reply.proposal).toMatchObject({ summary: 'Add an email queue', status: 'pending' })
    // Previewed before it is accepted: what it would change against the current version.
    const preview = await c.invoke('plan.proposalDiff', { id: plan.id, messageId: reply.id })
    expect(preview).toMatchObject({ from: 2, to: 3 })
    expect(preview.components.added.map((x) => x.id)).toEqual(['mail-queue'])
    const v3 = await c.invoke('plan.acceptProposal', { id: plan.id, messageId: reply.id })
    expect(v3).toMatchObject({ version: 3, source: 'chat' })
    expect(v3.pack.trace.find((t) => t.requirement_id === 'R-003')?.component_ids).toContain('mail-queue')
    await expect(c.invoke('plan.dismissProposal', { id: plan.id, messageId: reply.id })).rejects.toMatchObject({ code: 'refused', message: 'that proposal is already accepted' })

    // A second proposal, dismissed: it stays in the chat as dismissed and no version is made.
    rig.server.push({ content: [{ type: 'tool_use', name: 'propose_revision', input: { summary: 'Drop the queue', architecture: proposal, assumptions: [], open_questions: [] } }] })
    const declined = await c.invoke('plan.chat', { id: plan.id, message: 'Or is the queue too much?' })
    expect(await c.invoke('plan.dismissProposal', { id: plan.id, messageId: declined.id })).toMatchObject({ proposal: { status: 'dismissed', version: null } })
    expect((await c.invoke('plan.get', { id: plan.id })).plan.currentVersion).toBe(3)

    rig.server.push(decomposeTurn())
    const decomposition = await c.invoke('plan.decompose', { id: plan.id })
    expect(decomposition.report).toMatchObject({ ok: true, errors: [] })
    expect(decomposition.items.map((i) => i.category)).toContain('test')
    expect(decomposition.report.stats.criticalPath).toBe(5)

    const detail = await c.invoke('plan.get', { id: plan.id })
    expect(detail.plan.status).toBe('decomposed')
    expect(detail.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(detail.usage.calls).toBe(rig.server.requests.filter((r) => r.kind === 'main').length)
    expect(detail.usage.inputTokens).toBeGreaterThan(0)
    expect(Object.keys(detail.usage.byStep).sort()).toEqual(['architecture', 'clarify', 'decompose', 'extract', 'refine'])
    expect(await c.invoke('issue.list', {})).toHaveLength(0)

    const { issues } = await c.invoke('plan.approve', { id: plan.id })
    expect(issues).toHaveLength(6)
    expect(issues.every((i) => i.status === 'approved')).toBe(true)
    const byTitle = new Map(issues.map((i) => [i.title, i]))
    expect(byTitle.get('Implement R-002')?.dependsOn).toEqual([byTitle.get('Implement R-001')?.id])
    expect(byTitle.get('End-to-end tests')?.type).toBe('test')
    const [packet] = await c.invoke('issue.contextPackets', { issueId: byTitle.get('Implement R-004')!.id })
    expect(packet?.version).toBe(1)
    expect(packet?.content.inputs).toMatchObject({ requirements: [{ id: 'R-004', priority: 'must' }], constraints: { data_residency: 'EU' }, component: { id: 'web-app' } })
    expect(packet?.content.acceptanceCriteria).toEqual(['R-004 passes its criteria'])
    await expect(c.invoke('plan.approve', { id: plan.id })).rejects.toThrow(/approved/)

    const exported = await c.invoke('plan.export', { id: plan.id })
    expect(exported.dir).toBe(path.join(rig.t.home, 'plans', plan.id))
    expect(exported.files.map((f) => path.basename(f)).sort()).toEqual(['architecture_pack.json', 'architecture_pack_diagram.txt', 'architecture_pack_summary.md', 'decomposition_plan.json', 'decomposition_plan.md'])
    expect(JSON.parse(fs.readFileSync(path.join(exported.dir, 'architecture_pack.json'), 'utf8'))).toMatchObject({ version: 3, schema_version: 1 })
    expect(fs.readFileSync(path.join(exported.dir, 'architecture_pack_diagram.txt'), 'utf8')).toContain('--publishes--> mailer')
    // The same contents come back with the paths (a browser downloads them from there).
    for (const doc of exported.documents) expect(fs.readFileSync(path.join(exported.dir, doc.name), 'utf8')).toBe(doc.content)
    expect(exported.documents).toHaveLength(5)
  })

  it('creates a new local repository with a README and docs, and registers it', async () => {
    rig = await startPlanRig()
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: shopPrd, target: { kind: 'new', name: 'corner-shop', parentDir: rig.t.dir } })
    const repo = await c.invoke('repo.get', { ref: plan.repoId })
    expect(repo).toMatchObject({ name: 'corner-shop', path: path.join(rig.t.dir, 'corner-shop'), defaultBranch: 'main' })
    expect(fs.readFileSync(path.join(repo.path, 'README.md'), 'utf8')).toContain('A small shop wants customers to order online')
    expect(fs.readFileSync(path.join(repo.path, 'docs', 'prd.md'), 'utf8')).toBe(shopPrd)
    await expect(c.invoke('plan.create', { prdText: shopPrd, target: { kind: 'new', name: 'corner-shop', parentDir: rig.t.dir } })).rejects.toThrow(/already exists/)
    await expect(c.invoke('plan.create', { prdText: shopPrd, orgConstraintsYaml: '- a\n- b', target: { kind: 'existing', repoId: rig.repoId } })).rejects.toThrow(/must be a YAML mapping/)
    expect(await c.invoke('plan.list', {})).toHaveLength(1)
  })
})

describe('model access', () => {
  let rig: PlanRig | undefined
  afterEach(async () => rig?.close())

  it('never sends the key to a base URL nobody confirmed; a key or model change applies without a restart', async () => {
    rig = await startPlanRig([clarifyTurn, clarifyTurn])
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: shopPrd, target: { kind: 'existing', repoId: rig.repoId } })
    await c.invoke('secret.untrustHost', { origin: new URL(rig.server.url).origin })
    await expect(c.invoke('plan.clarify', { id: plan.id })).rejects.toThrow(/will not send your Anthropic API key to http:\/\/127\.0\.0\.1:\d+: that host is not confirmed/)
    expect(rig.server.requests).toHaveLength(0)
    await c.invoke('secret.trustHost', { origin: new URL(rig.server.url).origin })
    await c.invoke('secret.set', { name: 'anthropic.apiKey', value: 'sk-changed' })
    await c.invoke('settings.update', { patch: { model: { name: 'claude-planner', gradingName: 'claude-grader', baseUrl: rig.server.url, maxTokens: 4096 } } })
    await c.invoke('plan.clarify', { id: plan.id })
    expect(apiKeyOf(rig.server.requests[0]!)).toBe('sk-changed')
    expect((rig.server.requests[0]!.body as { model: string }).model).toBe('claude-planner')
    await c.invoke('secret.clear', { name: 'anthropic.apiKey' })
    await expect(c.invoke('plan.clarify', { id: plan.id })).rejects.toThrow(/Planning needs an Anthropic API key: set it in Settings → Models & keys/)
  })
})
