import fs from 'node:fs'
import type { Command } from 'commander'
import { ApiError } from '../../../shared/errors'
import { GatewayClient, gatewayAgentTools, localAgentTools } from '../../core/agent-gateway/agent-tools'
import type { CliContext } from '../context'

/** The run and token an agent's MCP server acts for, from the environment its launch config sets. */
export function agentAuth(env: NodeJS.ProcessEnv): { runId: string; token: string } {
  const runId = env.FLIGHTDECK_RUN_ID
  const token = env.FLIGHTDECK_MCP_TOKEN ?? (env.FLIGHTDECK_MCP_TOKEN_FILE ? fs.readFileSync(env.FLIGHTDECK_MCP_TOKEN_FILE, 'utf8').trim() : undefined)
  if (!runId || !token) throw new ApiError('unauthorized', 'flightdeck mcp needs FLIGHTDECK_RUN_ID and FLIGHTDECK_MCP_TOKEN (or FLIGHTDECK_MCP_TOKEN_FILE); Flightdeck sets them when it launches an agent')
  return { runId, token }
}

export function registerMcpCommand(program: Command, ctx: CliContext): void {
  program
    .command('mcp')
    .description("stdio MCP server for a run's agent: ask_operator, report_status, get_briefing, mark_complete")
    .action(async () => {
      // stdout carries the protocol: anything else the core prints goes to stderr.
      console.log = console.info = (...args: unknown[]) => console.error(...args)
      const auth = agentAuth(process.env)
      // A sandboxed agent cannot open the database: it reaches the engine through its run's socket.
      const socket = process.env.FLIGHTDECK_AGENT_SOCKET
      const core = socket ? undefined : await ctx.openCore()
      const tools = core ? localAgentTools(core.services.agentChannel, auth) : gatewayAgentTools(new GatewayClient({ socket: socket!, token: auth.token }))
      try {
        await tools.verify()
      } catch (error) {
        await core?.close()
        throw error
      }
      // The MCP SDK loads only for this command, not for every CLI call.
      const [{ StdioServerTransport }, { createFlightdeckMcpServer }] = await Promise.all([import('@modelcontextprotocol/sdk/server/stdio.js'), import('../../mcp/flightdeck-mcp-server')])
      const transport = new StdioServerTransport()
      const server = createFlightdeckMcpServer(tools)
      // Ends when the agent closes stdin (it exits or restarts the server).
      await new Promise<void>((resolve) => {
        transport.onclose = () => resolve()
        process.stdin.once('end', () => resolve())
        void server.connect(transport)
      })
      await server.close().catch(() => undefined)
      await core?.close()
    })
}
