import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { inKeyringSession } from '../../../../test/fixtures/keyring'
import { tempDir } from '../../../../test/fixtures/temp'

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..')
const cli = path.join(root, 'bin', 'flightdeck.js')

/** The built CLI in a desktop session with a real keychain (GNOME Keyring on its own D-Bus). */
describe('secrets in a real keychain', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((c) => c()))

  it('the CLI stores a key in the keychain, not on disk; a later session reads it; each data folder has its own', async () => {
    const tmp = tempDir('fd-keychain-')
    cleanups.push(tmp.cleanup)
    const user = path.join(tmp.dir, 'user')
    const [homeA, homeB] = [path.join(tmp.dir, 'a'), path.join(tmp.dir, 'b')]
    const run = (home: string, ...args: string[]) => inKeyringSession(user, [process.execPath, cli, '--home', home, ...args], { ANTHROPIC_API_KEY: '' })
    await inKeyringSession(user, ['sh', '-c', `printf %s sk-in-keychain | "$@"`, 'sh', process.execPath, cli, '--home', homeA, 'secret', 'set', 'anthropic.apiKey'])
    const status = JSON.parse((await run(homeA, 'secret', 'status', '--json')).stdout)
    expect(status.backend).toMatchObject({ kind: 'keychain', label: expect.stringMatching(/Secret Service/), warning: null })
    expect(status.items['anthropic.apiKey']).toEqual({ set: true, source: 'store' })
    expect(fs.existsSync(path.join(homeA, 'secrets.json'))).toBe(false)
    // The value is nowhere in the data folder (database included).
    for (const file of fs.readdirSync(homeA)) expect(fs.readFileSync(path.join(homeA, file)).includes('sk-in-keychain')).toBe(false)
    const other = JSON.parse((await run(homeB, 'secret', 'status', '--json')).stdout)
    expect(other.items['anthropic.apiKey']).toEqual({ set: false, source: null })
    await run(homeA, 'secret', 'clear', 'anthropic.apiKey')
    expect(JSON.parse((await run(homeA, 'secret', 'status', '--json')).stdout).items['anthropic.apiKey'].set).toBe(false)
  })

  it('moves a key that an older version kept in the plain-text file into the keychain and removes the file', async () => {
    const tmp = tempDir('fd-keychain-')
    cleanups.push(tmp.cleanup)
    const home = path.join(tmp.dir, 'home')
    fs.mkdirSync(home)
    fs.writeFileSync(path.join(home, 'secrets.json'), JSON.stringify({ 'github.token': 'ghp_old' }), { mode: 0o600 })
    const { stdout } = await inKeyringSession(path.join(tmp.dir, 'user'), [process.execPath, cli, '--home', home, 'secret', 'status', '--json'], { GITHUB_TOKEN: '' })
    expect(JSON.parse(stdout).items['github.token']).toEqual({ set: true, source: 'store' })
    expect(fs.existsSync(path.join(home, 'secrets.json'))).toBe(false)
  })
})
