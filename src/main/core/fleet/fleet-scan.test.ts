import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeGitRepo, tempDir } from '../../../../test/fixtures/temp'
import { createGitRunner } from '../workspaces/git-runner'
import { buildEdges } from './fleet-graph'
import { headOf, scanRepo, splitGrepOutput } from './fleet-scan'

describe('scanRepo', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir('fd-fleet-scan-')
  })
  afterEach(() => tmp.cleanup())

  it('reads the committed manifests of real Rust repositories, not the work tree, and joins their crates', async () => {
    const git = createGitRunner()
    const core = makeGitRepo(path.join(tmp.dir, 'core'), { 'Cargo.toml': '[package]\nname = "acme-core"\n', 'Cargo.lock': '', 'src/lib.rs': '' })
    const app = makeGitRepo(path.join(tmp.dir, 'app'), { 'Cargo.toml': '[package]\nname = "acme-app"\n\n[dependencies]\nacme_core = "1"\n' })
    // Not committed: neither the new dependency nor the untracked Dockerfile count.
    fs.writeFileSync(path.join(core, 'Cargo.toml'), '[package]\nname = "acme-core"\n[dependencies]\nacme-app = "1"\n')
    fs.writeFileSync(path.join(core, 'Dockerfile'), 'FROM rust\n')
    const scans = await Promise.all([core, app].map(async (p) => scanRepo(git, p, (await headOf(git, p))!)))
    expect(scans[0]!.uses).toEqual([])
    expect(scans[0]!.facts).toEqual(expect.arrayContaining([{ field: 'runtime', value: 'rust', source: 'Cargo.toml' }, { field: 'packageManager', value: 'cargo', source: 'Cargo.lock' }]))
    const nodes = scans.map((s, i) => ({ repoId: ['core', 'app'][i]!, name: ['core', 'app'][i]!, criticality: null, owners: [], publishes: s.publishes, uses: s.uses, declared: [] }))
    expect(buildEdges(nodes)).toEqual([{ from: 'app', to: 'core', kind: 'cargo', name: 'acme-core', evidence: 'Cargo.toml:5' }])
  })

  it('splits git grep -z output by file, keeping colons in names and blank lines', () => {
    const out = 'abc:a:b.toml\u00001\u0000x = 1\nabc:a:b.toml\u00002\u0000\nabc:a:b.toml\u00003\u0000y\r\nabc:go.mod\u00001\u0000module m\n'
    expect(splitGrepOutput(out)).toEqual(new Map([['a:b.toml', 'x = 1\n\ny'], ['go.mod', 'module m']]))
  })
})
