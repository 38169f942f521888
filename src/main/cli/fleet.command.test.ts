import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cliRunner } from '../../../test/fixtures/cli'
import { FLEET_REPOS } from '../../../test/fixtures/fleet-repos'
import { makeGitRepo, tempDir } from '../../../test/fixtures/temp'
import { createCore } from '../core/core'

describe('flightdeck fleet', () => {
  let tmp: ReturnType<typeof tempDir>
  let home: string
  beforeEach(() => {
    tmp = tempDir('fd-cli-fleet-')
    home = path.join(tmp.dir, 'home')
  })
  afterEach(() => tmp.cleanup())

  const cli = (...argv: string[]) => cliRunner(() => createCore({ home }), tmp.dir)(...argv)

  it('lists, sets, shows, imports, exports and computes impact over real repositories', async () => {
    for (const name of ['n-core', 'n-utils', 'n-http', 'n-api', 'n-gateway']) {
      expect((await cli('repo', 'add', makeGitRepo(path.join(tmp.dir, name), FLEET_REPOS[name]))).code).toBe(0)
    }
    const listed = await cli('fleet', 'list')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^NAME\s+TIER\s+LIFECYCLE\s+OWNERS\s+RUNTIME\s+PACKAGES\s+CI\s+TAGS\n/)
    expect(listed.stdout).toMatch(/n-core\s+-\s+active\s+@acme\/platform,@alice\s+node,typescript\s+npm\s+github-actions\s+-/)

    expect((await cli('fleet', 'set', 'n-core', '--criticality', '0', '--tag', 'core', '--tag', 'lib', '--link', 'Runbook=https://rb.example.com/core')).stdout).toBe('n-core: T0 active, owners @acme/platform,@alice, tags core,lib\n')
    expect((await cli('fleet', 'set', 'n-core', '--criticality', '5')).code).toBe(2)
    expect((await cli('fleet', 'set', 'n-core')).code).toBe(2)
    expect((await cli('fleet', 'set', 'n-core', '--link', 'nourl')).code).toBe(2)
    expect((await cli('fleet', 'set', 'nope', '--tag', 'x')).code).toBe(1)
    expect(JSON.parse((await cli('fleet', 'list', '--tag', 'lib', '--json')).stdout).map((e: { name: string }) => e.name)).toEqual(['n-core'])

    const shown = await cli('fleet', 'show', 'n-utils')
    expect(shown.stdout).toContain('depends on:\nREPO    KIND  NAMES       EVIDENCE\nn-core  npm   @acme/core  package.json:5\n')
    expect(shown.stdout).toContain('used by:\nREPO    KIND  NAMES        EVIDENCE\nn-http  npm   @acme/utils  package.json:5\n')
    expect(shown.stdout).toMatch(/packageManager\s+pnpm\s+pnpm-lock.yaml/)

    const catalog = path.join(tmp.dir, 'catalog.yaml')
    fs.writeFileSync(catalog, 'repositories:\n  - name: n-gateway\n    criticality: 1\n    owners: [edge-team]\n  - name: elsewhere\n    tags: [x]\n')
    expect((await cli('fleet', 'import', catalog)).stdout).toBe('imported 1 repository: n-gateway\nnot registered (skipped): elsewhere\n')
    expect((await cli('fleet', 'import', path.join(tmp.dir, 'missing.yaml'))).code).toBe(1)
    const exported = await cli('fleet', 'export')
    expect(exported.stdout).toContain('- name: n-gateway\n    owners:\n      - edge-team\n    criticality: 1\n')

    const impact = await cli('fleet', 'impact', 'n-core')
    expect(impact.code).toBe(0)
    expect(impact.stdout).toContain('blast radius of n-core: 4 repositories depend on it\n')
    expect(impact.stdout).toMatch(/depth 1:\nREPO\s+TIER\s+OWNERS\s+VIA\nn-api\s+-\s+-\s+n-core \(npm @acme\/core, package.json:6\)\nn-utils/)
    expect(impact.stdout).toMatch(/depth 2:\nREPO\s+TIER\s+OWNERS\s+VIA\nn-gateway\s+T1\s+edge-team\s+n-api \(npm @acme\/api, package.json:5\)\nn-http/)
    expect(impact.stdout).toContain('cycle: n-api -> n-gateway -> n-api\n')
    const json = JSON.parse((await cli('fleet', 'impact', 'n-core', '--depth', '1', '--json')).stdout)
    expect(json).toMatchObject({ total: 2, truncated: true })
    expect((await cli('fleet', 'impact', 'n-core', '--depth', '0')).code).toBe(2)
    expect((await cli('fleet', 'scan', '--force')).stdout).toBe('scanned 5, unchanged 0\n')

    // A repository whose folder is gone is read once, says why, and is not read again on every query.
    fs.rmSync(path.join(tmp.dir, 'n-gateway'), { recursive: true })
    expect((await cli('fleet', 'scan')).stdout).toBe('scanned 1, unchanged 4\n')
    expect((await cli('fleet', 'scan')).stdout).toBe('scanned 0, unchanged 5\n')
    expect((await cli('fleet', 'show', 'n-gateway')).stdout).toContain('problem: the repository has no commit (or its folder is gone)\n')
  })
})
