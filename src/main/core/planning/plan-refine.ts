import type Anthropic from '@anthropic-ai/sdk'
import type { ArchitecturePack, PlanMessage } from '../../../shared/domain'
import type { ModelClient } from '../model/model-client'
import { textOf } from '../model/output-extract'
import { describeIssues, toolDefinition } from '../model/zod-tool'
import { checkArchitecture } from './architecture-check'
import { type ProposalOutput, proposalOutput } from './model-outputs'
import { refinePrompt, systemPrompt } from './prompts'

const tool = { name: 'propose_revision', description: 'Propose a complete revised architecture for the person to accept or dismiss.', schema: proposalOutput }
const MAX_REPAIRS = 2

export interface RefineReply {
  text: string
  proposal: ProposalOutput | null
  /** Set when the proposal stayed invalid after the repairs: the reply is kept, the proposal is not. */
  rejected: string | null
}

/**
 * One chat turn: prose streams to `onText` as it arrives; a proposed revision is checked like generated
 * output and sent back for repair (bounded) when invalid.
 */
export async function refine(model: ModelClient, pack: ArchitecturePack, history: PlanMessage[], message: string, onText: (delta: string) => void): Promise<RefineReply> {
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: refinePrompt(pack, history.slice(-20), message) }]
  const tools = [toolDefinition(tool as never)]
  let text = ''
  let problems: string[] = []
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
    const { message: reply, durationMs } = await model.send('refine', attempt, { system: systemPrompt, messages, tools, tool_choice: { type: 'auto' }, max_tokens: model.config.maxTokens }, onText)
    text += textOf(reply)
    const call = reply.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')
    if (!call) {
      await model.log('refine', attempt, reply, durationMs, reply.stop_reason === 'max_tokens' ? 'truncated' : 'ok')
      return { text, proposal: null, rejected: null }
    }
    const parsed = proposalOutput.safeParse(typeof call.input === 'string' ? safeJson(call.input) : call.input)
    problems = parsed.success ? checkArchitecture(parsed.data.architecture, pack.requirements) : describeIssues(parsed.error)
    if (parsed.success && problems.length === 0) {
      await model.log('refine', attempt, reply, durationMs, 'ok')
      return { text, proposal: parsed.data, rejected: null }
    }
    await model.log('refine', attempt, reply, durationMs, 'invalid', problems.join('\n'))
    messages.push(
      { role: 'assistant', content: reply.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, is_error: true, content: `The proposal is invalid:\n- ${problems.join('\n- ')}\nCall propose_revision again with a corrected, complete architecture.` }] }
    )
  }
  return { text, proposal: null, rejected: `the proposed revision was still invalid after ${MAX_REPAIRS} repairs: ${problems.slice(0, 8).join('; ')}` }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
