import net from 'node:net'
import type { SecretName } from '../../../shared/contract'
import type { SandboxPolicy } from '../sandbox/sandbox.schema'
import { egressSocketPath, forwardPort, prepareEgress } from './egress-config'

export interface SessionEgress {
  env: Record<string, string>
  /** Where the forwarder inside the sandbox listens and what it carries connections to; none: no forwarder. */
  forwarder?: { port: number; socketPath: string }
}

/** A free port of the host's loopback, for a forwarder that shares the host's network (it binds it soon after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * A confined session's way out and its provider key. `allow-list`: the proxy and the relay behind the
 * forwarder on the sandbox's own loopback. `on` (the host's network), with `keyRelay`: the relay alone, behind
 * a forwarder on a free port of the host's loopback, so the key still stays with Flightdeck. `off`: nothing.
 */
export async function sessionEgress(input: {
  home: string
  runId: string
  policy: SandboxPolicy
  providerVars: readonly string[]
  env: Record<string, string>
  secrets?: { resolve(name: SecretName): Promise<string | undefined> }
  serve?: (runId: string) => Promise<void>
  /** Whether a forwarder can start in this sandbox (bubblewrap and perl); without it `on` keeps the key in the env. */
  canForward: boolean
}): Promise<SessionEgress> {
  const { network, allow, keyRelay } = input.policy
  if (network === 'off' || (network === 'on' && (!keyRelay || !input.canForward))) return { env: input.env }
  const port = network === 'allow-list' ? forwardPort : await freePort()
  const env = await prepareEgress({
    home: input.home, runId: input.runId, port, proxy: network === 'allow-list', allow, keyRelay, providerVars: input.providerVars, env: input.env,
    hasSecret: async (name) => Boolean(await input.secrets?.resolve(name))
  })
  if (!env) return { env: input.env }
  await input.serve?.(input.runId)
  return { env, forwarder: { port, socketPath: egressSocketPath(input.home, input.runId) } }
}
