import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/fixtures/temp'
import { loadPolicy, parsePolicy } from './load-policy'
import { policyExample } from './policy-example'

describe('policy', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((c) => c()))

  it('uses the defaults when the repository has no policy file', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.cleanup)
    const { policy, file } = await loadPolicy(tmp.dir)
    expect(file).toBeNull()
    expect(policy).toMatchObject({ concurrency: { global: 4, perRepo: 3 }, workspace: { branchPrefix: 'fd/', mergeStrategy: 'merge' }, onQuit: 'keep' })
  })

  it('accepts the commented example it writes', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.cleanup)
    fs.mkdirSync(path.join(tmp.dir, '.flightdeck'))
    fs.writeFileSync(path.join(tmp.dir, '.flightdeck', 'policy.json'), policyExample)
    const { policy } = await loadPolicy(tmp.dir)
    expect(policy.concurrency.perAgent).toEqual({ 'claude-code': 2 })
  })

  it.each([
    ['{ "concurrency": { "global": 0 } }', /concurrency\.global: .*>=\s*1/],
    ['{ "workspace": { "mergeStrategy": "rebase" } }', /workspace\.mergeStrategy: .*(merge|squash)/],
    ['{ "onQuit": "explode" }', /onQuit: .*allowed: keep, stop/],
    ['{ "validation": { "commands": [{ "name": "t", "argv": [] }] } }', /validation\.commands\.0\.argv/],
    ['{ "concurency": {} }', /concurency/],
    ['{ "workspace": { ', /line 1/]
  ])('names the problem in %s', (text, message) => {
    expect(() => parsePolicy(text, 'policy.json')).toThrow(message)
  })
})
