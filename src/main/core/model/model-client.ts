import type Anthropic from '@anthropic-ai/sdk'
import { ApiError } from '../../../shared/errors'
import type { ModelConfig } from './model-config'
import { extractOutput, textOf } from './output-extract'
import { type OutputTool, describeIssues, toolDefinition } from './zod-tool'

/** One model call as recorded for token accounting (per call, summed per plan). */
export interface CallRecord {
  step: string
  attempt: number
  model: string
  inputTokens: number
  outputTokens: number
  /** Prompt-cache reads and writes (the SDK's cache_read_input_tokens, cache_creation_input_tokens). */
  cacheReadTokens?: number
  cacheWriteTokens?: number
  stopReason: string | null
  outcome: 'ok' | 'invalid' | 'truncated' | 'error'
  detail: string
  durationMs: number
}
export type CallRecorder = (record: CallRecord) => Promise<void>

export interface StructuredRequest<T> {
  step: string
  system: string
  prompt: string
  tool: OutputTool<T>
  /** Checks beyond the schema (unknown ids, coverage); each string is shown to the model as a problem. */
  check?: (value: T) => string[]
  /** Repairs after the first attempt (default 2). */
  maxRepairs?: number
  maxTokens?: number
  onText?: (delta: string) => void
}

/** The reply was cut at max_tokens inside the tool call: the caller may split the work and try again. */
export class TruncatedOutputError extends ApiError {
  constructor(step: string, maxTokens: number) {
    super('invalid_model_output', `${step}: the model's output was cut off at max_tokens (${maxTokens}) even after raising the budget; split the input`, undefined, { step, maxTokens })
  }
}

const TOKEN_CEILING = 64_000

export class ModelClient {
  /** Loaded on the first call: most processes (a CLI command, an agent's hook) never talk to the model. */
  private sdk: Promise<Anthropic> | undefined

  constructor(
    readonly config: ModelConfig,
    private readonly record: CallRecorder
  ) {}

  private client(): Promise<Anthropic> {
    const { apiKey, baseURL } = this.config
    this.sdk ??= import('@anthropic-ai/sdk').then(({ default: Sdk }) => new Sdk({ apiKey, baseURL, maxRetries: 2 }))
    return this.sdk
  }

  /** One streamed request; text deltas reach `onText` as they arrive. */
  async send(step: string, attempt: number, params: Omit<Anthropic.MessageCreateParamsNonStreaming, 'model'>, onText?: (delta: string) => void): Promise<{ message: Anthropic.Message; durationMs: number }> {
    const started = performance.now()
    try {
      const stream = (await this.client()).messages.stream({ ...params, model: this.config.model })
      if (onText) stream.on('text', (delta) => onText(delta))
      const message = await stream.finalMessage()
      return { message, durationMs: Math.round(performance.now() - started) }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      await this.record({ step, attempt, model: this.config.model, inputTokens: 0, outputTokens: 0, stopReason: null, outcome: 'error', detail, durationMs: Math.round(performance.now() - started) })
      throw new ApiError('unavailable', `${step}: the model call failed: ${detail}`)
    }
  }

  async log(step: string, attempt: number, message: Anthropic.Message, durationMs: number, outcome: CallRecord['outcome'], detail = ''): Promise<void> {
    await this.record({ step, attempt, model: this.config.model, inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens, cacheReadTokens: message.usage.cache_read_input_tokens ?? 0, cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0, stopReason: message.stop_reason, outcome, detail, durationMs })
  }

  /**
   * Structured output through a forced tool call, checked by a strict schema. Invalid output is sent back
   * with its validation errors, at most `maxRepairs` times; then the call fails naming the problems. Output
   * cut off at max_tokens is continued when it is text, and retried once with twice the budget when it is
   * a tool call (then {@link TruncatedOutputError}, so the caller can split).
   */
  async structured<T>(request: StructuredRequest<T>): Promise<T> {
    const maxRepairs = request.maxRepairs ?? 2
    let maxTokens = request.maxTokens ?? this.config.maxTokens
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: request.prompt }]
    const tools = [toolDefinition(request.tool as OutputTool<unknown>)]
    let problems: string[] = []
    let attempt = 0
    let escalated = false
    for (let repairs = 0; repairs <= maxRepairs; attempt++) {
      const { message, durationMs } = await this.send(request.step, attempt, { system: request.system, messages, tools, tool_choice: { type: 'tool', name: request.tool.name }, max_tokens: maxTokens }, request.onText)
      if (message.stop_reason === 'max_tokens') {
        await this.log(request.step, attempt, message, durationMs, 'truncated', `max_tokens ${maxTokens}`)
        const partialText = textOf(message)
        if (!message.content.some((b) => b.type === 'tool_use') && partialText && !escalated) {
          const whole = await this.continueText(request, messages, tools, partialText, maxTokens, attempt + 1)
          attempt += whole.calls
          const parsed = this.validate(request, extractOutput({ ...message, content: [{ type: 'text', text: whole.text, citations: null }] }, request.tool.name))
          if (parsed.ok) return parsed.value
          problems = parsed.problems
          messages.push({ role: 'assistant', content: whole.text }, { role: 'user', content: repairContent(message, request.tool.name, problems) })
        } else if (!escalated && maxTokens < TOKEN_CEILING) {
          escalated = true
          maxTokens = Math.min(TOKEN_CEILING, maxTokens * 2)
          continue
        } else {
          throw new TruncatedOutputError(request.step, maxTokens)
        }
      } else {
        const parsed = this.validate(request, extractOutput(message, request.tool.name))
        if (parsed.ok) {
          await this.log(request.step, attempt, message, durationMs, 'ok')
          return parsed.value
        }
        problems = parsed.problems
        await this.log(request.step, attempt, message, durationMs, 'invalid', problems.join('\n'))
        messages.push({ role: 'assistant', content: message.content }, { role: 'user', content: repairContent(message, request.tool.name, problems) })
      }
      repairs++
    }
    throw new ApiError('invalid_model_output', `${request.step}: the model's output was still invalid after ${maxRepairs} repair attempts: ${problems.slice(0, 10).join('; ')}`, undefined, { step: request.step, problems })
  }

  private validate<T>(request: StructuredRequest<T>, extracted: ReturnType<typeof extractOutput>): { ok: true; value: T } | { ok: false; problems: string[] } {
    if (!extracted.ok) return { ok: false, problems: [extracted.problem] }
    const parsed = request.tool.schema.safeParse(extracted.value)
    if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) }
    const problems = request.check?.(parsed.data) ?? []
    return problems.length ? { ok: false, problems } : { ok: true, value: parsed.data }
  }

  /** Continues a text reply cut at max_tokens: the partial text goes back as the assistant's turn (prefill). */
  private async continueText(request: StructuredRequest<any>, messages: Anthropic.MessageParam[], tools: Anthropic.Tool[], partial: string, maxTokens: number, attempt: number): Promise<{ text: string; calls: number }> {
    let text = partial
    for (let calls = 1; calls <= 4; calls++) {
      const { message, durationMs } = await this.send(request.step, attempt + calls - 1, { system: request.system, messages: [...messages, { role: 'assistant', content: text }], tools, tool_choice: { type: 'auto' }, max_tokens: maxTokens }, request.onText)
      text += textOf(message)
      await this.log(request.step, attempt + calls - 1, message, durationMs, message.stop_reason === 'max_tokens' ? 'truncated' : 'ok', 'continuation')
      if (message.stop_reason !== 'max_tokens') return { text, calls }
    }
    throw new TruncatedOutputError(request.step, maxTokens)
  }
}

function repairContent(message: Anthropic.Message, toolName: string, problems: string[]): Anthropic.MessageParam['content'] {
  const explanation = `Your output was invalid:\n- ${problems.join('\n- ')}\nCall ${toolName} again with a complete, corrected input.`
  const calls = message.content.filter((b) => b.type === 'tool_use')
  if (calls.length === 0) return explanation
  return calls.map((call) => ({ type: 'tool_result' as const, tool_use_id: call.id, is_error: true, content: explanation }))
}
