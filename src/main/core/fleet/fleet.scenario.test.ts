import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FLEET_CATALOG, makeFleetRepos } from '../../../../test/fixtures/fleet-repos'
import { tempDir } from '../../../../test/fixtures/temp'
import type { FleetEdge, FleetImpact } from '../../../shared/contract'
import { type Core, createCore } from '../core'

/** Thirty real repositories (test/fixtures/fleet-repos.ts), registered, scanned and imported into a real core. */
describe('fleet over thirty real repositories', () => {
  let tmp: ReturnType<typeof tempDir>
  let core: Core
  let paths: Record<string, string>
  let names: Map<string, string>

  beforeAll(async () => {
    tmp = tempDir('fd-fleet-')
    paths = makeFleetRepos(path.join(tmp.dir, 'repos'))
    // Uncommitted and untracked changes must not count: only what HEAD holds is read.
    fs.writeFileSync(path.join(paths['n-docs']!, 'package.json'), '{ "name": "@acme/docs", "dependencies": { "@acme/core": "1" } }\n')
    fs.writeFileSync(path.join(paths['g-tools']!, 'Dockerfile'), 'FROM ghcr.io/acme/g-runtime\n')
    core = await createCore({ home: path.join(tmp.dir, 'home') })
    for (const p of Object.values(paths)) await core.client.invoke('repo.add', { path: p })
    names = new Map((await core.client.invoke('repo.list', {})).map((r) => [r.id, r.name]))
    const imported = await core.client.invoke('fleet.import', { yaml: FLEET_CATALOG, source: 'catalog.yaml' })
    expect(imported).toEqual({ updated: ['n-core', 'n-api', 'g-runtime', 'g-edge', 'p-admin'], unknown: ['not-registered'] })
  }, 60_000)
  afterAll(async () => {
    await core?.close()
    tmp?.cleanup()
  })

  const show = (e: FleetEdge) => `${names.get(e.from)} -> ${names.get(e.to)} ${e.kind} ${e.name} ${e.evidence}`
  const levels = (impact: FleetImpact) => impact.levels.map((l) => l.repos.map((r) => r.name))

  it('finds every edge between the repositories, each with its file:line, and no near miss', async () => {
    const edges = (await core.client.invoke('fleet.graph', {})).map(show).sort()
    expect(edges).toEqual(
      [
        'n-utils -> n-core npm @acme/core package.json:5',
        'n-http -> n-utils npm @acme/utils package.json:5',
        'n-api -> n-http npm @acme/http package.json:5',
        'n-api -> n-core npm @acme/core package.json:6',
        'n-api -> n-gateway npm @acme/gateway package.json:9',
        'n-gateway -> n-api npm @acme/api package.json:5',
        'n-web -> n-api npm @acme/api package.json:5',
        'n-cli -> n-utils npm @acme/utils package.json:5',
        'n-worker -> n-core npm @acme/core package.json:5',
        'n-worker -> g-runtime docker ghcr.io/acme/g-runtime Dockerfile:3',
        'g-log -> g-base go github.com/acme/g-base go.mod:5',
        'g-db -> g-log go github.com/acme/g-log go.mod:4',
        'g-db -> g-base go github.com/acme/g-base go.mod:5',
        'g-svc -> g-db go github.com/acme/g-db go.mod:5',
        'g-runtime -> g-log go github.com/acme/g-log go.mod:4',
        'g-api -> g-svc go github.com/acme/g-svc go.mod:4',
        'g-edge -> g-api go github.com/acme/g-api go.mod:4',
        'g-cron -> g-svc go github.com/acme/g-svc go.mod:6',
        'g-edge -> n-web declared n-web catalog.yaml:13',
        'g-edge -> p-ml declared p-ml catalog.yaml:14',
        'p-data -> p-common python acme-common pyproject.toml:7',
        'p-ml -> p-data python acme-data pyproject.toml:8',
        'p-api -> p-ml python acme-ml pyproject.toml:10',
        'p-etl -> p-data python acme-data pyproject.toml:7',
        'p-notebook -> p-ml python acme-ml pyproject.toml:7',
        'p-admin -> g-edge declared g-edge catalog.yaml:16',
        'p-sdk -> p-api python acme-api pyproject.toml:7',
        'p-bridge -> p-sdk python acme-sdk pyproject.toml:7',
        'p-bridge -> n-core declared n-core catalog-info.yaml:12'
      ].sort()
    )
  })

  it('computes the blast radius of n-core by depth, with tiers and owners, and names the cycle', async () => {
    const impact = await core.client.invoke('fleet.impact', { ref: 'n-core' })
    expect(levels(impact)).toEqual([['n-api', 'n-utils', 'n-worker', 'p-bridge'], ['n-cli', 'n-gateway', 'n-http', 'n-web'], ['g-edge'], ['p-admin']])
    expect(impact.total).toBe(10)
    expect(impact.cycles).toEqual([['n-api', 'n-gateway', 'n-api']])
    const api = impact.levels[0]!.repos[0]!
    expect(api).toMatchObject({ name: 'n-api', criticality: 1, owners: ['api-team'] })
    expect(api.via.map(show)).toEqual(['n-api -> n-core npm @acme/core package.json:6'])
    expect(impact.levels[0]!.repos.find((r) => r.name === 'p-bridge')!.owners).toEqual(['integrations'])
    expect(impact.levels[2]!.repos[0]).toMatchObject({ name: 'g-edge', criticality: 2 })

    const cut = await core.client.invoke('fleet.impact', { ref: 'n-core', depth: 2 })
    expect(levels(cut)).toEqual(levels(impact).slice(0, 2))
    expect(cut).toMatchObject({ total: 8, truncated: true })
  })

  it('computes the blast radius of a Go and a Python root across languages, without cycles', async () => {
    const go = await core.client.invoke('fleet.impact', { ref: 'g-base' })
    expect(levels(go)).toEqual([['g-db', 'g-log'], ['g-runtime', 'g-svc'], ['g-api', 'g-cron', 'n-worker'], ['g-edge'], ['p-admin']])
    expect(go.cycles).toEqual([])
    const py = await core.client.invoke('fleet.impact', { ref: 'p-common' })
    expect(levels(py)).toEqual([['p-data'], ['p-etl', 'p-ml'], ['g-edge', 'p-api', 'p-notebook'], ['p-admin', 'p-sdk'], ['p-bridge']])
    expect((await core.client.invoke('fleet.impact', { ref: 'n-docs' })).total).toBe(0)
  })

  it('detects runtimes, package managers, CI and owners from the files, each with its source', async () => {
    const entries = new Map((await core.client.invoke('fleet.list', {})).map((e) => [e.name, e]))
    expect(entries.size).toBe(30)
    const nCore = entries.get('n-core')!
    expect(nCore).toMatchObject({ runtimes: ['node', 'typescript'], packageManagers: ['npm'], ci: ['github-actions'], owners: ['@acme/platform', '@alice'], criticality: 0, tags: ['core'] })
    expect(nCore.facts).toEqual(
      expect.arrayContaining([
        { field: 'owners', value: '@alice', source: 'CODEOWNERS:2' },
        { field: 'ci', value: 'github-actions', source: '.github/workflows/ci.yml' },
        { field: 'criticality', value: '0', source: 'catalog.yaml' },
        { field: 'publishes', value: 'npm @acme/core', source: 'package.json' }
      ])
    )
    expect(entries.get('n-http')).toMatchObject({ ci: ['make build', 'make test'], packageManagers: ['npm'] })
    expect(entries.get('n-http')!.facts).toContainEqual({ field: 'ci', value: 'make test', source: 'Makefile:4' })
    expect(entries.get('n-utils')!.packageManagers).toEqual(['pnpm'])
    expect(entries.get('n-web')!.ci).toEqual(['gitlab-ci'])
    expect(entries.get('g-base')).toMatchObject({ runtimes: ['go 1.22'], packageManagers: ['go modules'] })
    expect(entries.get('p-common')).toMatchObject({ runtimes: ['python'], packageManagers: ['uv'] })
    expect(entries.get('p-report')!.packageManagers).toEqual(['poetry'])
    // Backstage catalog-info.yaml in the repository itself.
    expect(entries.get('p-bridge')).toMatchObject({ owners: ['integrations'], lifecycle: 'deprecated', tags: ['bridge', 'python'], links: [{ title: 'Runbook', url: 'https://runbooks.example.com/bridge' }] })
    expect(entries.get('p-bridge')!.facts).toContainEqual({ field: 'lifecycle', value: 'deprecated', source: 'catalog-info.yaml' })
  })

  it('sets values over detected ones, clears them back, round-trips export and import, and rescans when HEAD moves', async () => {
    const set = await core.client.invoke('fleet.set', { ref: 'n-core', fields: { owners: ['core-team'], lifecycle: 'deprecated', links: [{ title: 'Dashboard', url: 'https://dash.example.com/core' }] } })
    expect(set).toMatchObject({ owners: ['core-team'], lifecycle: 'deprecated', criticality: 0 })
    expect(set.facts).toContainEqual({ field: 'owners', value: 'core-team', source: 'set' })
    const cleared = await core.client.invoke('fleet.set', { ref: 'n-core', fields: { owners: null } })
    expect(cleared.owners).toEqual(['@acme/platform', '@alice'])

    const { yaml } = await core.client.invoke('fleet.export', {})
    expect(yaml).toContain('name: n-core')
    expect(yaml).toContain('https://dash.example.com/core')
    const again = await core.client.invoke('fleet.import', { yaml, source: 'export.yaml' })
    expect(again.unknown).toEqual([])
    expect((await core.client.invoke('fleet.export', {})).yaml).toBe(yaml)

    await expect(core.client.invoke('fleet.set', { ref: 'nope', fields: { criticality: 1 } })).rejects.toMatchObject({ code: 'not_found' })
    await expect(core.client.invoke('fleet.import', { yaml: 'repositories:\n  - name: n-core\n    criticality: 7\n', source: 'bad.yaml' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('criticality') })
    await expect(core.client.invoke('fleet.import', { yaml: 'repositories: [\n', source: 'broken.yaml' })).rejects.toMatchObject({ code: 'invalid_input' })

    expect(await core.client.invoke('fleet.scan', {})).toEqual({ scanned: 0, unchanged: 30 })
    // A commit in n-docs that now depends on @acme/core: the next query rescans it and sees the edge.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: paths['n-docs']!, stdio: 'pipe' })
    git('commit', '-qam', 'depend on core')
    const impact = await core.client.invoke('fleet.impact', { ref: 'n-core', depth: 1 })
    expect(impact.levels[0]!.repos.map((r) => r.name)).toContain('n-docs')
    expect(await core.client.invoke('fleet.scan', { force: true })).toEqual({ scanned: 30, unchanged: 0 })
  })
})
