import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/fixtures/temp'
import { loadPolicy } from './load-policy'

/** Found by the fuzz suite (test/fuzz): a policy path that is not a readable file threw a raw EISDIR/ENOTDIR. */
describe('loadPolicy on a policy path that is not a file', () => {
  let tmp: ReturnType<typeof tempDir>
  let file: string
  beforeEach(() => {
    tmp = tempDir('fd-policy-')
    file = path.join(tmp.dir, 'repo', '.flightdeck', 'policy.json')
    fs.mkdirSync(path.dirname(file), { recursive: true })
  })
  afterEach(() => tmp.cleanup())

  it('answers a typed invalid_input naming the file for a folder in its place', async () => {
    fs.mkdirSync(file)
    await expect(loadPolicy(path.join(tmp.dir, 'repo'))).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_input', message: expect.stringContaining(file) })
  })

  it('answers a typed invalid_input for a link through a file', async () => {
    fs.writeFileSync(path.join(tmp.dir, 'plain'), '{}')
    fs.symlinkSync(path.join(tmp.dir, 'plain', 'nowhere'), file)
    await expect(loadPolicy(path.join(tmp.dir, 'repo'))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/cannot be read/) })
  })

  it('still reads no file as the defaults', async () => {
    expect((await loadPolicy(path.join(tmp.dir, 'repo'))).file).toBeNull()
  })
})
