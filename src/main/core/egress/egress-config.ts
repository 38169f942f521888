import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { SecretName } from '../../../shared/contract'
import { runDir } from '../runs/run-files'

/**
 * The port the forwarder listens on inside a sandbox with its own network namespace (nothing else is there).
 * With the host's network (`network: on`) the forwarder serves only the relay, on a free port of the host.
 */
export const forwardPort = 9480
export const proxyUrl = `http://127.0.0.1:${forwardPort}`
export const localUrl = (port: number) => `http://127.0.0.1:${port}`
/** Where a relayed provider's base URL points inside the sandbox: `<proxyUrl>/relay/<provider>`. */
export const relayPrefix = '/relay/'

/** The per-run socket the forwarder reaches the proxy and relay through (in the run folder: bound into the sandbox). */
export const egressSocketPath = (home: string, runId: string) => path.join(runDir(home, runId), 'egress.sock')
/**
 * The run's egress config: allow-list, relay routes and the real keys' sources. In Flightdeck's data folder
 * outside the run folder, 0600: the sandbox hides the data folder, so the agent cannot read it.
 */
export const egressConfigPath = (home: string, runId: string) => path.join(home, 'egress', `${runId}.json`)

/** How a provider's key is sent upstream: `x-api-key: KEY` or `Authorization: Bearer KEY`. */
export type KeyHeader = 'x-api-key' | 'authorization'

export interface RelayRoute {
  provider: string
  /** The real base URL the relay forwards to (path kept: `https://api.openai.com/v1`). */
  upstream: string
  header: KeyHeader
  /** The real key: a secret-store name (read when the relay starts), or the value the session would have carried. */
  key: { secret: SecretName } | { value: string }
}

export interface EgressConfig {
  runId: string
  /** Where the forwarder listens (its address is the relay's, seen from inside). */
  port: number
  /** `network: on`: the socket serves only the relay (the agent has the host's network; no proxy variables). */
  relayOnly: boolean
  /** Host patterns of policy `sandbox.allow`. */
  allow: string[]
  /** The run's relay token: the agent's stand-in for its key; works only while the run is live. */
  token: string
  relays: RelayRoute[]
}

interface ProviderKey {
  variable: string
  header: KeyHeader
  /** The secret-store entry used when the session's environment carries no key. */
  secret?: SecretName
}

/** Providers whose agents take a base URL from the environment, so their calls can go through the relay. */
/**
 * `tokenVar`: where the agent gets its run token. For Anthropic it is ANTHROPIC_AUTH_TOKEN (sent as a bearer
 * token) whichever variable held the real key: Claude Code asks the user to approve each new
 * ANTHROPIC_API_KEY, and a run's token is new every session. The relay takes the token from either header.
 */
const providers: { name: string; baseVar: string; tokenVar: string; defaultBase: string; keys: ProviderKey[] }[] = [
  { name: 'anthropic', baseVar: 'ANTHROPIC_BASE_URL', tokenVar: 'ANTHROPIC_AUTH_TOKEN', defaultBase: 'https://api.anthropic.com', keys: [{ variable: 'ANTHROPIC_API_KEY', header: 'x-api-key', secret: 'anthropic.apiKey' }, { variable: 'ANTHROPIC_AUTH_TOKEN', header: 'authorization' }] },
  { name: 'openai', baseVar: 'OPENAI_BASE_URL', tokenVar: 'OPENAI_API_KEY', defaultBase: 'https://api.openai.com/v1', keys: [{ variable: 'OPENAI_API_KEY', header: 'authorization' }] }
]

const proxyVars = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']

export interface EgressInput {
  home: string
  runId: string
  port: number
  /** allow-list: the proxy variables point at the forwarder; on: the relay alone is served. */
  proxy: boolean
  allow: string[]
  keyRelay: boolean
  /** The variables of the agent's provider (the profile's providerEnv): only those providers are relayed. */
  providerVars: readonly string[]
  /** The session's environment as it would start without the relay. */
  env: Record<string, string>
  /** Whether the secret store holds each secret (its value is not read here). */
  hasSecret(name: SecretName): Promise<boolean>
}

/**
 * Prepares a run's egress: writes the config the engine serves (0600, outside the agent's view) and returns the
 * session's environment with, for each relayed provider, the base URL pointing at the relay and the run's
 * token in place of the key, and (allow-list) the proxy variables. Null when there is nothing to serve (the
 * host's network and no key to relay).
 */
export async function prepareEgress(input: EgressInput): Promise<Record<string, string> | null> {
  const token = `fd-run-${crypto.randomBytes(24).toString('base64url')}`
  const env: Record<string, string> = { ...input.env }
  const relays: RelayRoute[] = []
  for (const p of input.keyRelay ? providers : []) {
    if (!input.providerVars.includes(p.baseVar)) continue
    for (const k of p.keys) {
      const value = env[k.variable]
      const key = value ? { value } : k.secret && (await input.hasSecret(k.secret)) ? { secret: k.secret } : undefined
      if (!key) continue
      relays.push({ provider: p.name, upstream: env[p.baseVar] || p.defaultBase, header: k.header, key })
      for (const other of p.keys) delete env[other.variable]
      env[p.baseVar] = `${localUrl(input.port)}${relayPrefix}${p.name}`
      env[p.tokenVar] = token
      break
    }
  }
  const file = egressConfigPath(input.home, input.runId)
  if (!input.proxy && !relays.length) {
    fs.rmSync(file, { force: true })
    return null
  }
  if (!input.proxy && proxyVars.some((name) => env[name])) {
    // The host's network with the user's own proxy: the relay on the loopback must not be sent to it.
    for (const name of ['NO_PROXY', 'no_proxy']) env[name] = [env[name], '127.0.0.1', 'localhost'].filter(Boolean).join(',')
  }
  if (input.proxy) {
    for (const name of proxyVars) env[name] = localUrl(input.port)
    env.NO_PROXY = ''
    env.no_proxy = ''
    // Node 24's fetch and http read the proxy variables only when asked to (older Nodes ignore this).
    env.NODE_USE_ENV_PROXY = '1'
  }
  const config: EgressConfig = { runId: input.runId, port: input.port, relayOnly: !input.proxy, allow: input.allow, token, relays }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  fs.writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 })
  return env
}

export function readEgressConfig(home: string, runId: string): EgressConfig | null {
  try {
    return JSON.parse(fs.readFileSync(egressConfigPath(home, runId), 'utf8')) as EgressConfig
  } catch {
    return null
  }
}
