import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../src/main/core/core'
import { type GithubServer, startGithubServer } from '../fixtures/github-server/github-server'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { routerTurn } from '../fixtures/prds/planning-model'
import { shopConstraints, shopPrd } from '../fixtures/prds/prds'
import { runCliCaptured } from '../fixtures/cli'
import { tempDir } from '../fixtures/temp'

describe('flightdeck plan (CLI)', () => {
  let tmp: ReturnType<typeof tempDir>
  let server: ModelServer
  let gh: GithubServer
  beforeAll(async () => {
    tmp = tempDir('fd-plan-cli-')
    server = await startModelServer({ scenario: Array.from({ length: 8 }, routerTurn) })
    gh = await startGithubServer('ghp_cli')
    // The environment path of model access: no settings, no stored key.
    process.env.ANTHROPIC_BASE_URL = server.url
    process.env.ANTHROPIC_API_KEY = 'sk-from-env'
  })
  afterAll(async () => {
    delete process.env.ANTHROPIC_BASE_URL
    delete process.env.ANTHROPIC_API_KEY
    await server.close()
    await gh.close()
    tmp.cleanup()
  })

  const cli = (argv: string[], stdinText?: string) =>
    runCliCaptured(argv, () => createCore({ home: path.join(tmp.dir, 'home') }), { rendererDir: tmp.dir, stdinText })

  it('goes from a PRD file to approved issues, exports and a GitHub sync', async () => {
    fs.writeFileSync(path.join(tmp.dir, 'prd.md'), shopPrd)
    fs.writeFileSync(path.join(tmp.dir, 'constraints.yaml'), shopConstraints)
    expect((await cli(['plan', 'create', '--prd', path.join(tmp.dir, 'nope.md'), '--new-repo', 'x'])).stderr).toMatch(/--prd: no such file/)
    const both = await cli(['plan', 'create', '--prd', path.join(tmp.dir, 'prd.md')])
    expect(both).toMatchObject({ code: 2, stderr: expect.stringMatching(/exactly one of --repo R or --new-repo NAME/) })

    const created = await cli(['plan', 'create', '--prd', path.join(tmp.dir, 'prd.md'), '--constraints', path.join(tmp.dir, 'constraints.yaml'), '--new-repo', 'corner-shop', '--repos-dir', tmp.dir, '--json'])
    expect(created.code).toBe(0)
    const id = JSON.parse(created.stdout).id as string
    expect(fs.existsSync(path.join(tmp.dir, 'corner-shop', '.git'))).toBe(true)

    const questions = await cli(['plan', 'clarify', id])
    expect(questions.stdout).toMatch(/Q1\. How many orders a day at peak\?\n\s+default: Under 1,000/)
    const generated = await cli(['plan', 'clarify', id, '--answer', 'Q2=Pay on delivery'])
    expect(generated.stdout).toMatch(/version 1 \(generated\): 5 requirements, 3 components, 2 relationships; 5\/5 covered/)
    const shown = await cli(['plan', 'show', id])
    expect(shown.stdout).toMatch(/Q2\. Is payment taken online\? -> Pay on delivery/)
    expect(shown.stdout).toMatch(/\[service\] order-api/)
    expect(shown.stdout).toMatch(/tokens: \d+ in, \d+ out over 3 calls/)

    const decomposed = await cli(['plan', 'decompose', id])
    expect(decomposed.stdout).toMatch(/^KEY\s+CATEGORY/)
    expect(decomposed.stdout).toMatch(/6 items, complexity \d+; approve with/)
    expect((await cli(['plan', 'approve', id])).stdout).toBe('created 6 issues\n')
    const exported = await cli(['plan', 'export', id])
    expect(exported.stdout).toContain(path.join(tmp.dir, 'home', 'plans', id, 'decomposition_plan.md'))

    expect((await cli(['secret', 'set', 'github.token'], 'ghp_cli\n')).stdout).toBe('stored github.token\n')
    const status = await cli(['secret', 'status'])
    expect(status.stdout).toMatch(/anthropic\.apiKey\s+yes\s+env/)
    expect(status.stdout).toMatch(/github\.token\s+yes\s+store/)
    expect(status.stdout).not.toContain('ghp_cli')
    const secretFile = path.join(tmp.dir, 'home', 'secrets.json')
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600)
    const refused = await cli(['plan', 'sync-github', id, '--owner', 'acme', '--repo', 'shop', '--base-url', gh.url])
    expect(refused.stderr).toMatch(/will not send your GitHub token to http:\/\/127\.0\.0\.1:\d+.*flightdeck secret trust/)
    await cli(['secret', 'trust', new URL(gh.url).origin])
    const synced = await cli(['plan', 'sync-github', id, '--owner', 'acme', '--repo', 'shop', '--base-url', gh.url])
    expect(synced.stdout).toBe('6 created, 0 updated, 6 linked\n')
    expect((await cli(['plan', 'sync-github', id, '--owner', 'acme', '--repo', 'shop', '--base-url', gh.url])).stdout).toBe('0 created, 0 updated, 6 linked\n')
  }, 60_000)
})
