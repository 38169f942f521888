import type { AgentChannel, AgentStatusState } from '../forum/agent-channel'
import type { WaitOptions } from '../forum/wait-for-answer'
import { GatewayClient } from './gateway.client'

/** What an agent's MCP server offers, on behalf of one run: the same tools whether it reaches the database or the engine's socket. */
export interface AgentTools {
  verify(): Promise<void>
  ask(q: { question: string; options: string[]; blocking: boolean }): Promise<{ id: string }>
  waitForAnswer(threadId: string, options?: WaitOptions): Promise<string>
  reportStatus(state: AgentStatusState, note: string): Promise<void>
  markComplete(summary: string, doneCriteria: string[]): Promise<void>
  briefing(): Promise<string>
}

/** Straight to the database: an agent outside a sandbox (or Flightdeck's own tests). */
export function localAgentTools(channel: AgentChannel, auth: { runId: string; token: string }): AgentTools {
  const run = () => channel.verify(auth.runId, auth.token)
  return {
    verify: async () => void (await run()),
    ask: async (q) => channel.ask(await run(), { ...q, channel: 'mcp' }),
    waitForAnswer: async (threadId, options) => (await run(), channel.waitForAnswer(threadId, options)),
    reportStatus: async (state, note) => void (await channel.reportStatus(await run(), state, note)),
    markComplete: async (summary, doneCriteria) => channel.markComplete(await run(), summary, doneCriteria),
    briefing: async () => (await channel.briefing(await run())).markdown
  }
}

/** Through the run's socket: what a sandboxed agent's MCP server uses (the database is out of its reach). */
export function gatewayAgentTools(client: GatewayClient): AgentTools {
  return {
    verify: async () => void (await client.request('verify')),
    ask: (q) => client.request('ask', q),
    async waitForAnswer(threadId, options = {}) {
      const started = Date.now()
      const ticker = options.onWaiting ? setInterval(() => options.onWaiting?.(Date.now() - started), options.tickMs ?? 15_000) : undefined
      try {
        // A question may wait for hours, across engine restarts: keep asking until it is answered.
        return await client.request<string>('wait', { threadId }, { retryMs: Number.POSITIVE_INFINITY, signal: options.signal })
      } finally {
        clearInterval(ticker)
      }
    },
    reportStatus: async (state, note) => void (await client.request('status', { state, note })),
    markComplete: async (summary, doneCriteria) => void (await client.request('complete', { summary, doneCriteria })),
    briefing: async () => (await client.request<{ markdown: string }>('briefing')).markdown
  }
}

export { GatewayClient }
