import type Anthropic from '@anthropic-ai/sdk'

export type Extracted = { ok: true; value: unknown } | { ok: false; problem: string }

function parseJson(text: string): Extracted {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)
  const body = (fenced?.[1] ?? text).trim()
  if (!body) return { ok: false, problem: 'the reply was empty' }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (error) {
    return { ok: false, problem: `the reply is not valid JSON (${(error as Error).message})` }
  }
}

/**
 * The structured output of a reply: the named tool's input; a tool input sent as a JSON string is parsed;
 * without a tool call, JSON in the text is accepted (some models answer in text despite tool_choice).
 */
export function extractOutput(message: Anthropic.Message, toolName: string): Extracted {
  const calls = message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')
  const call = calls.find((b) => b.name === toolName)
  if (call) return typeof call.input === 'string' ? parseJson(call.input) : { ok: true, value: call.input }
  if (calls.length > 0) return { ok: false, problem: `called unknown tool ${calls.map((c) => c.name).join(', ')}; the only tool is ${toolName}` }
  const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('')
  return parseJson(text)
}

export function textOf(message: Anthropic.Message): string {
  return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('')
}
