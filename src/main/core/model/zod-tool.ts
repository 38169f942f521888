import type Anthropic from '@anthropic-ai/sdk'
import { z } from 'zod'

/** A tool whose input is the structured output we want, checked by the same strict zod schema. */
export interface OutputTool<T> {
  name: string
  description: string
  schema: z.ZodType<T>
}

export function toolDefinition(tool: OutputTool<unknown>): Anthropic.Tool {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return { name: tool.name, description: tool.description, input_schema: schema as Anthropic.Tool.InputSchema }
}

/** zod issues as lines a model (and a person) can act on: "path: message". */
export function describeIssues(error: z.ZodError, max = 40): string[] {
  const lines = error.issues.slice(0, max).map((issue) => {
    const at = issue.path.length ? issue.path.map(String).join('.') : '(root)'
    return `${at}: ${issue.message}`
  })
  if (error.issues.length > max) lines.push(`... and ${error.issues.length - max} more problems`)
  return lines
}
