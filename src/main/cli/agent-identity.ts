import fs from 'node:fs'
import { ApiError } from '../../shared/errors'
import { GatewayClient } from '../core/agent-gateway/gateway.client'

/** Commands an agent's own helpers run: everything else is an operator's. */
const agentCommands = [['mcp'], ['run', 'signal']]

/** The run channel of the agent this CLI runs for, when it runs inside an agent's session. */
export function agentGateway(env: NodeJS.ProcessEnv): GatewayClient | undefined {
  const socket = env.FLIGHTDECK_AGENT_SOCKET
  const tokenFile = env.FLIGHTDECK_MCP_TOKEN_FILE
  if (!socket || !tokenFile) return undefined
  let token: string
  try {
    token = fs.readFileSync(tokenFile, 'utf8').trim()
  } catch {
    return undefined
  }
  return new GatewayClient({ socket, token, retryMs: 5_000 })
}

/**
 * Inside an agent's session the CLI acts for the agent: an operator command (answer, override, merge,
 * approve, settings, secrets...) is refused with a clear error, and the attempt is recorded through the
 * run's channel as an audit event.
 */
export async function refuseOperatorCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const gateway = agentGateway(env)
  if (!gateway) return
  // The command's words: options and the value of the global --home left out.
  const words = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--home')
  if (words.length === 0 || agentCommands.some((c) => c.every((w, i) => words[i] === w))) return
  const command = `flightdeck ${words.slice(0, 2).join(' ')}`
  await gateway.request('refused', { command }).catch(() => undefined)
  throw new ApiError('unauthorized', `\`${command}\` is an operator's command; an agent cannot run it (the attempt is recorded)`)
}
