import path from 'node:path'
import { z } from 'zod'
import { runDir } from '../runs/run-files'

/**
 * The run-scoped channel between an agent's helpers (its MCP server, its hook commands) and the engine:
 * newline-delimited JSON over `<home>/runs/<run>/agent.sock`, the only part of Flightdeck's data folder a
 * sandboxed agent can reach. Every request carries the run's token; only agent operations exist here.
 */
export const agentSocketPath = (home: string, runId: string) => path.join(runDir(home, runId), 'agent.sock')

/** What an agent may do, and nothing else. */
export const agentOps = ['verify', 'signal', 'ask', 'wait', 'status', 'complete', 'briefing', 'refused'] as const
export type AgentOp = (typeof agentOps)[number]

export const gatewayRequestSchema = z.object({
  id: z.number().int(),
  token: z.string().min(1).max(200),
  op: z.string().max(64),
  args: z.record(z.string(), z.unknown()).default({})
})
export type GatewayRequest = z.infer<typeof gatewayRequestSchema>

export type GatewayResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string } }
