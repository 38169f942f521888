import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { branchNameFor, isValidBranchName, sanitizeBranchPrefix } from './branch-name'
import { createGitRunner } from './git-runner'

const git = createGitRunner()
const cwd = mkdtempSync(join(tmpdir(), 'fd-branch-'))
const pwned = join(tmpdir(), `pwned-${process.pid}`)
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

const hostile: [label: string, title: string, expected?: RegExp][] = [
  ['plain title', 'Fix login redirect', /^fd\/fix-login-redirect-01j9abc$/],
  ['command substitution', `$(touch ${pwned})`, /^fd\/touch-tmp-pwned-\d+-01j9abc$/],
  ['backticks', `\`touch ${pwned}\``],
  ['shell chain', '; rm -rf ~', /^fd\/rm-rf-01j9abc$/],
  ['path traversal', '../../etc', /^fd\/etc-01j9abc$/],
  ['one megabyte', 'a'.repeat(1024 * 1024)],
  ['unicode letters', 'Résumé café naïve', /^fd\/resume-cafe-naive-01j9abc$/],
  ['non-latin script', '修复登录 🚀', /^fd\/run-01j9abc$/],
  ['control chars', 'a\u0000b\u0007c\nd\te\u007f', /^fd\/a-b-c-d-e-01j9abc$/],
  ['lock suffix', 'thing.lock'],
  ['reflog syntax', 'main@{upstream}'],
  ['leading dash', '--upload-pack=evil', /^fd\/upload-pack-evil-01j9abc$/],
  ['leading dots', '...hidden'],
  ['empty', '', /^fd\/run-01j9abc$/],
  ['only punctuation', '~^:?*[\\', /^fd\/run-01j9abc$/],
  ['trailing slash and dot', 'feature/.'],
  ['HEAD', 'HEAD'],
  ['at sign alone', '@'],
]

describe('branchNameFor', () => {
  it.each(hostile)('%s gives a short branch git accepts', async (_label, title, expected) => {
    const name = branchNameFor('fd/', title, '01J9ABC')
    if (expected) expect(name).toMatch(expected)
    expect(name.length).toBeLessThanOrEqual('fd/'.length + 60 + 1 + 7)
    expect(isValidBranchName(name)).toBe(true)
    const { stdout } = await git(cwd, ['check-ref-format', '--branch', name])
    expect(stdout.trim()).toBe(name)
    expect(existsSync(pwned)).toBe(false)
  })

  it('keeps different runs apart even with the same title', () => {
    expect(branchNameFor('fd/', 'same', 'run1')).not.toBe(branchNameFor('fd/', 'same', 'run2'))
  })

  it('repairs hostile prefixes instead of producing an invalid ref', async () => {
    for (const prefix of ['-x/', '../', 'a..b/', 'x.lock/', '.hidden/', 'a b/c', '']) {
      const name = branchNameFor(prefix, 'title', 'id1')
      const { stdout } = await git(cwd, ['check-ref-format', '--branch', name])
      expect(stdout.trim()).toBe(name)
    }
    expect(sanitizeBranchPrefix('team/fd')).toBe('team/fd/')
  })

  it('refuses a run id with nothing usable in it', () => {
    expect(() => branchNameFor('fd/', 'title', '$$$')).toThrow(/Run id/)
  })
})

describe('isValidBranchName', () => {
  it.each([
    ['-rf', false],
    ['a..b', false],
    ['a@{1}', false],
    ['x.lock', false],
    ['a/.b', false],
    ['a b', false],
    ['a/', false],
    ['fd/ok-1', true],
    ['main', true],
  ])('%s -> %s, agreeing with git check-ref-format', async (name, valid) => {
    expect(isValidBranchName(name)).toBe(valid)
    const { exitCode } = await git(cwd, ['check-ref-format', '--branch', name], { okExitCodes: [0, 1, 128] })
    expect(exitCode === 0).toBe(valid)
  })
})
