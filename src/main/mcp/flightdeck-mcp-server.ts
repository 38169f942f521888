import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import { forumPostMaxChars } from '../../shared/domain'
import type { AgentTools } from '../core/agent-gateway/agent-tools'
import { agentStatusStates } from '../core/forum/agent-channel'
import { version } from '../core/version'

const textResult = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] })
const line = (max: number) => z.string().trim().min(1).max(max)

/**
 * Flightdeck's tools for the agent of one run. Every call is checked against the run's token (by the
 * database or by the engine's run socket), so a server left over from an earlier launch (or started for
 * another run) is refused.
 */
export function createFlightdeckMcpServer(tools: AgentTools): McpServer {
  const server = new McpServer({ name: 'flightdeck', version })
  const guarded =
    <A>(work: (args: A, extra: ToolExtra) => Promise<CallToolResult>) =>
    async (args: A, extra: ToolExtra): Promise<CallToolResult> => {
      try {
        return await work(args, extra)
      } catch (error) {
        return { isError: true, content: [{ type: 'text', text: `Flightdeck refused: ${error instanceof Error ? error.message : String(error)}` }] }
      }
    }

  server.registerTool(
    'ask_operator',
    {
      description:
        'Ask the human operator a question when the briefing leaves something open that you should not guess. With blocking=true (the default) your run pauses and this call returns only when the operator answers; the result is the answer. Offer options when the choice is among a few.',
      inputSchema: { question: line(forumPostMaxChars), options: z.array(line(500)).max(10).optional(), blocking: z.boolean().optional() }
    },
    guarded(async (args: { question: string; options?: string[]; blocking?: boolean }, extra) => {
      const blocking = args.blocking ?? true
      const thread = await tools.ask({ question: args.question, options: args.options ?? [], blocking })
      if (!blocking) return textResult(`Recorded as question ${thread.id}; continue, the answer will be in your briefing (get_briefing).`)
      const progressToken = extra._meta?.progressToken
      const answer = await tools.waitForAnswer(thread.id, {
        signal: extra.signal,
        onWaiting: (ms) => {
          if (progressToken === undefined) return
          void extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: Math.round(ms / 1000), message: 'waiting for the operator' } }).catch(() => undefined)
        }
      })
      return textResult(answer)
    })
  )

  server.registerTool(
    'report_status',
    { description: 'Tell the operator what you are doing now, in one short note.', inputSchema: { state: z.enum(agentStatusStates), note: line(2_000) } },
    guarded(async (args: { state: (typeof agentStatusStates)[number]; note: string }) => {
      await tools.reportStatus(args.state, args.note)
      return textResult('Status recorded.')
    })
  )

  server.registerTool(
    'get_briefing',
    { description: 'Your current briefing: the issue, its acceptance criteria and every question answered so far.', inputSchema: {} },
    guarded(async () => textResult(await tools.briefing()))
  )

  server.registerTool(
    'mark_complete',
    {
      description: 'Say the work is done: a summary and which done criteria you met. Commit your changes first.',
      inputSchema: { summary: line(forumPostMaxChars), done_criteria: z.array(line(2_000)).max(100) }
    },
    guarded(async (args: { summary: string; done_criteria: string[] }) => {
      await tools.markComplete(args.summary, args.done_criteria)
      return textResult('Completion recorded; Flightdeck validates the work when your turn ends.')
    })
  )
  return server
}

/** The part of the SDK's per-request context the tools use. */
interface ToolExtra {
  signal: AbortSignal
  _meta?: { progressToken?: string | number }
  sendNotification(notification: { method: 'notifications/progress'; params: { progressToken: string | number; progress: number; message?: string } }): Promise<void>
}
