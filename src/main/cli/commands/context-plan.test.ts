import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliRunner } from '../../../../test/fixtures/cli'
import { makeGitRepo, tempDir } from '../../../../test/fixtures/temp'
import { createCore } from '../../core/core'

describe('context set PLAN', () => {
  let tmp: ReturnType<typeof tempDir>
  let cli: ReturnType<typeof cliRunner>
  beforeAll(() => {
    tmp = tempDir('fd-ctx-plan-')
    const home = path.join(tmp.dir, 'home')
    cli = cliRunner(() => createCore({ home }), tmp.dir)
  })
  afterAll(() => tmp.cleanup())

  it('is the plan that plan commands work on when no id is given', async () => {
    const noPlan = await cli('plan', 'show')
    expect(noPlan.stderr).toMatch(/no plan: pass its id, or set a default with `flightdeck context set PLAN`/)
    expect(noPlan.code).toBe(2)

    const repo = makeGitRepo(path.join(tmp.dir, 'shop'))
    await cli('repo', 'add', repo)
    const prd = path.join(tmp.dir, 'prd.md')
    ;(await import('node:fs')).writeFileSync(prd, '# Shop\n\nSell things.\n')
    const plan = JSON.parse((await cli('plan', 'create', '--prd', prd, '--repo', 'shop', '--json')).stdout) as { id: string }
    expect((await cli('context', 'set', plan.id)).stdout).toMatch(/active plan/)
    const shown = await cli('plan', 'show', '--json')
    expect(shown.code).toBe(0)
    expect(JSON.parse(shown.stdout).plan.id).toBe(plan.id)
    // An explicit id still wins.
    expect((await cli('plan', 'show', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).stderr).toMatch(/not_found/)
  })
})
