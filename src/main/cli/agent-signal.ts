import path from 'node:path'
import { ApiError } from '../../shared/errors'
import type { GatewayClient } from '../core/agent-gateway/gateway.client'
import { leaveSignal } from '../core/agent-gateway/signal-inbox'
import { agentGateway } from './agent-identity'
import { parsePayload, readStdinJson } from './commands/stdin'

/**
 * A sandboxed agent's hook reaches the engine through the run's socket. With no engine serving it (a run
 * started from the CLI alone), the signal waits in the run's inbox for the next one; says so, returns where.
 */
export async function signalThroughGateway(gateway: GatewayClient, env: NodeJS.ProcessEnv, hook: string, payload: Record<string, unknown>): Promise<string | null> {
  return gateway.request('signal', { hook, payload }).then(() => null, (error: unknown) => {
    if (!(error instanceof ApiError) || error.code !== 'unavailable') throw error
    return leaveSignal(path.dirname(env.FLIGHTDECK_MCP_TOKEN_FILE!), hook, payload)
  })
}

/**
 * The hook path, kept lean: every agent turn runs `flightdeck run signal RUN --hook NAME` at least twice, and
 * loading the whole CLI (the core, the database, every command) cost a second of CPU each time. Inside an
 * agent's session, with the run's socket, a plain `[--home H] run signal ID --hook NAME [payload]` is answered
 * here; anything else (help, other options, no socket) returns undefined and goes to the full CLI.
 */
export async function agentSignalFastPath(argv: readonly string[], env: NodeJS.ProcessEnv, stdin: NodeJS.ReadableStream & { isTTY?: boolean }, stderr: NodeJS.WritableStream): Promise<number | undefined> {
  const words = argv[0] === '--home' ? argv.slice(2) : argv
  if (words[0] !== 'run' || words[1] !== 'signal' || !words[2] || words[2].startsWith('-') || words[3] !== '--hook' || !words[4]) return undefined
  const rest = words.slice(5)
  if (rest.length > 1 || rest.some((w) => w.startsWith('-'))) return undefined
  const gateway = agentGateway(env)
  if (!gateway) return undefined
  const hook = words[4]
  const payload = rest[0] === undefined ? await readStdinJson(stdin) : parsePayload(rest[0])
  try {
    const left = await signalThroughGateway(gateway, env, hook, payload)
    if (left) stderr.write(`flightdeck: no engine is running; the ${hook} signal waits in ${left}\n`)
    return 0
  } catch (error) {
    stderr.write(`flightdeck: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
