import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/fixtures/temp'
import { loadDoctrine } from '../governance/doctrine/load-doctrine'
import { governancePolicySchema } from '../governance/rules.schema'
import { inFolderInside, readFileInside } from './inside'

describe('paths inside a worktree', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((c) => c()))
  const setup = () => {
    const tmp = tempDir('fd-inside-')
    cleanups.push(tmp.cleanup)
    const root = path.join(tmp.dir, 'worktree')
    const outside = path.join(tmp.dir, 'outside')
    fs.mkdirSync(root)
    fs.mkdirSync(outside)
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside data')
    return { root, outside }
  }

  it('does not read through a linked folder that leads out (a plain lstat of the file let it through)', async () => {
    const { root, outside } = setup()
    fs.symlinkSync(outside, path.join(root, 'docs'))
    fs.mkdirSync(path.join(root, 'src'))
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'inside')
    expect(await readFileInside(root, 'docs/secret.txt')).toBeNull()
    expect(await readFileInside(root, '../outside/secret.txt')).toBeNull()
    expect(await readFileInside(root, 'src/a.ts')).toBe('inside')
  })

  it('refuses an ADR folder that is a link out of the repository', async () => {
    const { root, outside } = setup()
    fs.writeFileSync(path.join(outside, '0001-anything-goes.md'), '# Anything goes\n\nStatus: accepted\n')
    fs.mkdirSync(path.join(root, 'docs'))
    fs.symlinkSync(outside, path.join(root, 'docs', 'adr'))
    const doctrine = await loadDoctrine(root, governancePolicySchema.parse({}))
    expect(doctrine.sources.map((s) => s.kind)).toEqual(['policy'])
    expect(doctrine.problems).toEqual([expect.stringMatching(/adrDir docs\/adr is outside the repository or reached through a symlink/)])
  })

  it('writes through the folder it opened: swapping it for a link after the check changes nothing', async () => {
    const { root, outside } = setup()
    fs.mkdirSync(path.join(root, '.flightdeck'))
    await inFolderInside(root, '.flightdeck', async (dir) => {
      fs.renameSync(path.join(root, '.flightdeck'), path.join(root, '.flightdeck-old'))
      fs.symlinkSync(outside, path.join(root, '.flightdeck'))
      fs.writeFileSync(path.join(dir, 'guidance-response.json'), '{}')
    })
    expect(fs.existsSync(path.join(outside, 'guidance-response.json'))).toBe(false)
    expect(fs.existsSync(path.join(root, '.flightdeck-old', 'guidance-response.json'))).toBe(true)
    expect(await inFolderInside(root, '.flightdeck', async () => 'read')).toEqual({ error: '.flightdeck is a symlink; refused' })
  })
})
