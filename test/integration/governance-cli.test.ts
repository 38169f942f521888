import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../src/main/core/core'
import { layeredRepoFiles } from '../fixtures/doctrine/layered-repo'
import { makeGitRepo, tempDir } from '../fixtures/temp'
import { cliRunner } from '../fixtures/cli'

describe('governance CLI: context, doctrine, violations, gates, reviews', () => {
  let tmp: ReturnType<typeof tempDir>
  let home: string
  beforeEach(() => {
    tmp = tempDir('fd-gov-cli-')
    home = path.join(tmp.dir, 'home')
  })
  afterEach(() => tmp.cleanup())

  const cli = (...argv: string[]) => cliRunner(() => createCore({ home }), tmp.dir)(...argv)

  it('keeps an active repository for commands that take --repo, and checks a diff range against the doctrine', async () => {
    const repoDir = makeGitRepo(path.join(tmp.dir, 'layered'), layeredRepoFiles())
    await cli('repo', 'add', repoDir)

    const noContext = await cli('doctrine', 'list')
    expect(noContext.code).toBe(2)
    expect(noContext.stderr).toMatch(/no repository: pass --repo, or set a default with `flightdeck context set REPO`/)
    expect((await cli('context', 'set', 'nowhere')).stderr).toMatch(/no repository or plan matches nowhere/)

    expect((await cli('context', 'set', 'layered')).stdout).toMatch(/active repository: layered/)
    expect(JSON.parse((await cli('context', 'show', '--json')).stdout)).toMatchObject({ repo: { name: 'layered' }, plan: null })
    const created = await cli('issue', 'create', '--title', 'No --repo needed', '--json')
    expect(created.code).toBe(0)
    expect((await cli('issue', 'list')).stdout).toContain('No --repo needed')

    const doctrine = await cli('doctrine', 'list')
    expect(doctrine.stdout).toMatch(/repo\/0001-layers\s+2\s+must\s+Accepted/)
    expect(doctrine.stdout).toContain('ui-not-db: src/ui/** must not import src/db/**, better-sqlite3')
    expect(doctrine.stdout).toContain('Proposed (rules not applied)')

    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoDir, stdio: 'pipe' })
    git('checkout', '-q', '-b', 'feature')
    fs.writeFileSync(path.join(repoDir, 'src/ui/list.tsx'), `// import nothing from '../db/query'\nimport Database from 'better-sqlite3'\nexport const L = () => <ul />\n`)
    git('add', '-A')
    git('commit', '-qm', 'list')
    git('checkout', '-q', 'main')

    const clean = await cli('doctrine', 'check')
    expect(clean).toMatchObject({ code: 0, stdout: 'no violations\n' })
    const checked = await cli('doctrine', 'check', '--diff', 'main..feature')
    expect(checked.code).toBe(1)
    expect(checked.stdout).toMatch(/high \(blocking\)\s+import\s+src\/ui\/list\.tsx:2/)
    const asJson = JSON.parse((await cli('doctrine', 'check', '--diff', 'main...feature', '--json')).stdout)
    expect(asJson).toMatchObject([{ rule: 'import', evidence: [{ file: 'src/ui/list.tsx', line: 2, excerpt: "import Database from 'better-sqlite3'" }] }])
    expect((await cli('doctrine', 'check', '--diff', '--output=/tmp/x')).code).not.toBe(0)
    const unknownRev = await cli('doctrine', 'check', '--diff', 'main..nope')
    expect(unknownRev).toMatchObject({ code: 2, stderr: expect.stringContaining('nope is not a commit in this repository') })

    expect((await cli('context', 'clear')).stdout).toBe('active context cleared\n')
    expect((await cli('context', 'show')).stdout).toContain('repository: (none)')
  })

  it('explains bad governance input and exits non-zero', async () => {
    const ghost = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    expect((await cli('violation', 'override', ghost, '--reason', 'x')).stderr).toMatch(/reason must say why/)
    expect((await cli('violation', 'override', ghost, '--reason', 'a good reason')).stderr).toMatch(/not_found.*no violation/)
    expect((await cli('gate', 'check', ghost, '--gate', 'middle')).stderr).toMatch(/Allowed choices are start, close/)
    expect((await cli('gate', 'check', ghost)).stderr).toMatch(/not_found.*no run/)
    expect((await cli('review', 'report', 'nope')).code).toBe(2)
    expect((await cli('violations', 'list', '--run', ghost)).stdout).toBe('no violations\n')
  })
})
