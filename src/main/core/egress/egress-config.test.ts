import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type EgressInput, egressConfigPath, prepareEgress, readEgressConfig } from './egress-config'

const homes: string[] = []
afterEach(() => {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true })
})

function input(over: Partial<EgressInput>): EgressInput {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-egress-config-'))
  homes.push(home)
  return { home, runId: 'run1', port: 9480, proxy: true, allow: [], keyRelay: true, providerVars: [], env: {}, hasSecret: async () => false, ...over }
}

describe('a session’s egress environment', () => {
  it('OpenAI-compatible agents: the base URL becomes the relay and the key a run token; the key stays in the 0600 config', async () => {
    const i = input({ providerVars: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'], env: { OPENAI_API_KEY: 'sk-real', OPENAI_BASE_URL: 'https://llm.example.com/v1', PATH: '/bin' } })
    const env = (await prepareEgress(i))!
    expect(env.OPENAI_BASE_URL).toBe('http://127.0.0.1:9480/relay/openai')
    expect(env.OPENAI_API_KEY).toMatch(/^fd-run-/)
    expect(Object.values(env)).not.toContain('sk-real')
    expect(env.HTTPS_PROXY).toBe('http://127.0.0.1:9480')
    expect(env.NO_PROXY).toBe('')
    const config = readEgressConfig(i.home, 'run1')!
    expect(config.relays).toEqual([{ provider: 'openai', upstream: 'https://llm.example.com/v1', header: 'authorization', key: { value: 'sk-real' } }])
    expect(config.token).toBe(env.OPENAI_API_KEY)
    expect(fs.statSync(egressConfigPath(i.home, 'run1')).mode & 0o777).toBe(0o600)
  })

  it('Anthropic: a stored key is named, not copied; the token goes in ANTHROPIC_AUTH_TOKEN and the key variables go', async () => {
    const i = input({ providerVars: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'], env: { ANTHROPIC_API_KEY: '' }, hasSecret: async (name) => name === 'anthropic.apiKey', proxy: false, port: 40111 })
    const env = (await prepareEgress(i))!
    expect(env).toEqual({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:40111/relay/anthropic', ANTHROPIC_AUTH_TOKEN: expect.stringMatching(/^fd-run-/) })
    expect(readEgressConfig(i.home, 'run1')).toMatchObject({ relayOnly: true, relays: [{ provider: 'anthropic', upstream: 'https://api.anthropic.com', header: 'x-api-key', key: { secret: 'anthropic.apiKey' } }] })
  })

  it('with the host’s network and the user’s own proxy, the relay on the loopback bypasses that proxy', async () => {
    const env = (await prepareEgress(input({ proxy: false, port: 40112, providerVars: ['OPENAI_BASE_URL'], env: { OPENAI_API_KEY: 'sk-real', HTTPS_PROXY: 'http://corp:3128', NO_PROXY: '.corp' } })))!
    expect(env).toMatchObject({ HTTPS_PROXY: 'http://corp:3128', NO_PROXY: '.corp,127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' })
  })

  it('nothing to serve with the host’s network and no key (or keyRelay off): the environment stays as it was', async () => {
    expect(await prepareEgress(input({ proxy: false, providerVars: ['ANTHROPIC_BASE_URL'] }))).toBeNull()
    const off = input({ proxy: false, keyRelay: false, providerVars: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'], env: { ANTHROPIC_API_KEY: 'sk-real' } })
    expect(await prepareEgress(off)).toBeNull()
    expect(readEgressConfig(off.home, 'run1')).toBeNull()
  })
})
