import fs from 'node:fs/promises'
import path from 'node:path'
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser'
import type { z } from 'zod'
import { ApiError } from '../../../shared/errors'
import { type Policy, policySchema } from './policy.schema'

export const POLICY_FILE = path.join('.flightdeck', 'policy.json')

export interface LoadedPolicy {
  policy: Policy
  /** The file it came from, or null when the defaults apply. */
  file: string | null
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`
}

/** Names the field and, for enums, the allowed values: `concurrency.global: ...`. */
export function describePolicyIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)'
      const allowed = 'values' in issue && Array.isArray(issue.values) ? ` (allowed: ${issue.values.join(', ')})` : ''
      return `${where}: ${issue.message}${allowed}`
    })
    .join('; ')
}

/** Parses policy text (JSON with comments and trailing commas); throws an ApiError naming the problem. */
export function parsePolicy(text: string, file: string): Policy {
  const errors: ParseError[] = []
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false })
  if (errors.length > 0) {
    const first = errors[0] as ParseError
    throw new ApiError('invalid_input', `${file}: ${printParseErrorCode(first.error)} at ${lineAndColumn(text, first.offset)}`, 'policy')
  }
  const result = policySchema.safeParse(raw ?? {})
  if (!result.success) throw new ApiError('invalid_input', `${file}: ${describePolicyIssues(result.error)}`, 'policy')
  return result.data
}

/** The repository's policy file, or the defaults when it has none. */
export async function loadPolicy(repoPath: string): Promise<LoadedPolicy> {
  const file = path.join(repoPath, POLICY_FILE)
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    // A folder in its place, a link through a file, no permission: the user's to fix, said as such.
    throw new ApiError('invalid_input', `${file} cannot be read (${error.code ?? error.message}); it must be a JSON file`, 'policy')
  })
  if (text === null) return { policy: policySchema.parse({}), file: null }
  return { policy: parsePolicy(text, file), file }
}
