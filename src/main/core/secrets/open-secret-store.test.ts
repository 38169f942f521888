import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/fixtures/temp'
import { openSecretStore } from './open-secret-store'

describe('the secret store without a keychain', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((c) => c()))
  // As on a headless Linux or in CI: no Secret Service answers on the session bus.
  beforeAll(() => void (process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/flightdeck-no-bus'))

  it('falls back to a 0600 file and says plainly that it is plain text, and why', async () => {
    const tmp = tempDir('fd-secrets-')
    cleanups.push(tmp.cleanup)
    const store = await openSecretStore(tmp.dir)
    expect(store.backend).toMatchObject({ kind: 'file', warning: expect.stringMatching(/unencrypted.*no Secret Service .* answers/) })
    await store.set('anthropic.apiKey', 'sk-file')
    const file = path.join(tmp.dir, 'secrets.json')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(await (await openSecretStore(tmp.dir)).get('anthropic.apiKey')).toBe('sk-file')
    await store.delete('anthropic.apiKey')
    expect(fs.existsSync(file)).toBe(false)
  })

  it('names a damaged secret file instead of failing with a bare JSON error', async () => {
    const tmp = tempDir('fd-secrets-')
    cleanups.push(tmp.cleanup)
    fs.writeFileSync(path.join(tmp.dir, 'secrets.json'), '{"anthropic.apiKey": ')
    const store = await openSecretStore(tmp.dir)
    await expect(store.get('anthropic.apiKey')).rejects.toThrow(/secret file .*secrets\.json is not valid JSON/)
  })
})
