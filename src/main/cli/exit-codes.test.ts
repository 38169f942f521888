import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliRunner } from '../../../test/fixtures/cli'
import { tempDir } from '../../../test/fixtures/temp'
import { createCore } from '../core/core'

/** README: "exit 2 for invalid input, 1 otherwise"; commander's own parse errors are invalid input too. */
describe('CLI exit codes', () => {
  let tmp: ReturnType<typeof tempDir>
  let cli: ReturnType<typeof cliRunner>
  beforeAll(() => {
    tmp = tempDir('fd-exit-')
    const home = path.join(tmp.dir, 'home')
    cli = cliRunner(() => createCore({ home }), tmp.dir)
  })
  afterAll(() => tmp.cleanup())

  const invalid: Array<[string, string[], RegExp]> = [
    ['an invalid --priority', ['issue', 'create', '--repo', 'x', '--title', 't', '--priority', 'critical'], /Allowed choices/],
    ['an invalid --type', ['issue', 'create', '--repo', 'x', '--title', 't', '--type', 'epic'], /Allowed choices/],
    ['an invalid --status', ['issue', 'list', '--status', 'lost'], /Allowed choices/],
    ['an invalid --kind', ['forum', 'list', '--kind', 'rant'], /Allowed choices/],
    ['an invalid --port', ['serve', '--port', 'eighty'], /port/],
    ['an unknown flag', ['issue', 'list', '--colour'], /unknown option/],
    ['an unknown command', ['isue', 'list'], /unknown command/],
    ['a missing required option', ['issue', 'create', '--repo', 'x'], /required option/],
    ['a missing option value', ['issue', 'list', '--status'], /argument missing/],
    ['an extra argument', ['issue', 'show', 'a', 'b'], /too many arguments/]
  ]
  for (const [name, argv, message] of invalid) {
    it(`exits 2 on ${name}`, async () => {
      const result = await cli(...argv)
      expect(result.stderr).toMatch(message)
      expect(result.code).toBe(2)
    })
  }

  it('exits 0 for --help and --version, 1 for a failure that is not the input', async () => {
    expect((await cli('--help')).code).toBe(0)
    expect((await cli('issue', '--help')).code).toBe(0)
    expect((await cli('--version')).code).toBe(0)
    expect((await cli('issue', 'show', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).code).toBe(1)
  })
})
