import { afterEach, describe, expect, it } from 'vitest'
import { type GithubServer, startGithubServer } from '../fixtures/github-server/github-server'
import { routerTurn } from '../fixtures/prds/planning-model'
import { shopPrd } from '../fixtures/prds/prds'
import { type PlanRig, startPlanRig } from './plan-helpers'

describe('GitHub issue sync', () => {
  let rig: PlanRig | undefined
  let gh: GithubServer | undefined
  afterEach(async () => {
    await gh?.close()
    await rig?.close()
  })

  it('creates the approved issues once; a re-sync updates and never duplicates, even without stored numbers', async () => {
    rig = await startPlanRig(Array.from({ length: 6 }, routerTurn))
    gh = await startGithubServer('ghp_test')
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: shopPrd, target: { kind: 'existing', repoId: rig.repoId } })
    await c.invoke('plan.clarify', { id: plan.id })
    await c.invoke('plan.generate', { id: plan.id })
    await c.invoke('plan.decompose', { id: plan.id })
    const where = { id: plan.id, owner: 'acme', repo: 'shop', baseUrl: gh.url }
    await expect(c.invoke('plan.syncGithub', where)).rejects.toThrow(/not approved yet/)
    await c.invoke('plan.approve', { id: plan.id })
    await expect(c.invoke('plan.syncGithub', where)).rejects.toThrow(/no GitHub token/)

    await c.invoke('secret.set', { name: 'github.token', value: 'ghp_test' })
    // Someone else's issue in the same repository is left alone.
    gh.issues.set('acme/shop', [{ number: 1, title: 'Unrelated', body: 'hello', labels: [], state: 'open' }])
    // The token never goes to an API host nobody confirmed; nothing reaches it and nothing changes.
    await expect(c.invoke('plan.syncGithub', where)).rejects.toThrow(/will not send your GitHub token to http:\/\/127\.0\.0\.1:\d+: that host is not confirmed/)
    expect(gh.issues.get('acme/shop')).toHaveLength(1)
    await c.invoke('secret.trustHost', { origin: new URL(gh.url).origin })
    const first = await c.invoke('plan.syncGithub', where)
    expect(first).toMatchObject({ created: 6, updated: 0 })
    const remote = gh.issues.get('acme/shop')!
    expect(remote).toHaveLength(7)
    const testIssue = remote.find((i) => i.title === 'End-to-end tests')!
    expect(testIssue.body).toMatch(/Depends on: #2/)
    expect(testIssue.body).toContain(`<!-- flightdeck:plan=${plan.id} item=W-6 -->`)
    expect(testIssue.labels.map((l) => l.name)).toContain('test')

    const again = await c.invoke('plan.syncGithub', where)
    expect(again).toMatchObject({ created: 0, updated: 0 })
    expect(gh.issues.get('acme/shop')).toHaveLength(7)

    // A remote edit is put right, and a lost local number is found again by the marker.
    remote[3]!.title = 'Edited on GitHub'
    await rig.t.core.services.store.write((tx) => tx.db.updateTable('plan_issue_links').set({ github_number: null }).where('plan_id', '=', plan.id).execute())
    const third = await c.invoke('plan.syncGithub', where)
    expect(third).toMatchObject({ created: 0, updated: 1 })
    expect(gh.issues.get('acme/shop')).toHaveLength(7)
    expect(gh.issues.get('acme/shop')!.filter((i) => i.title === 'Edited on GitHub')).toHaveLength(0)
    expect((await c.invoke('plan.get', { id: plan.id })).links.every((l) => l.githubNumber !== null)).toBe(true)
    expect(gh.requests.some((r) => r.path.includes('page=2'))).toBe(true)

    await c.invoke('secret.set', { name: 'github.token', value: 'wrong' })
    await expect(c.invoke('plan.syncGithub', where)).rejects.toThrow(/HTTP 401/)
  })
})
