import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { ApiError } from '../../../shared/errors'

/** The CLI's default repository and plan, per user (a file in the data folder). */
export const activeContextSchema = z.strictObject({
  repo: z.strictObject({ id: z.string(), name: z.string() }).nullable().default(null),
  plan: z.strictObject({ id: z.string(), title: z.string() }).nullable().default(null),
  setAt: z.string().nullable().default(null)
})
export type ActiveContext = z.output<typeof activeContextSchema>

const file = (home: string) => path.join(home, 'context.json')

export function readActiveContext(home: string): ActiveContext {
  if (!fs.existsSync(file(home))) return activeContextSchema.parse({})
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file(home), 'utf8'))
  } catch (error) {
    throw new ApiError('invalid_input', `${file(home)} is not valid JSON (${(error as Error).message}); run \`flightdeck context clear\``)
  }
  const parsed = activeContextSchema.safeParse(raw)
  if (!parsed.success) throw new ApiError('invalid_input', `${file(home)}: ${parsed.error.issues[0]?.message ?? 'invalid'}; run \`flightdeck context clear\``)
  return parsed.data
}

/** Replaced atomically, so a crash never leaves half a file. */
export function writeActiveContext(home: string, context: ActiveContext): void {
  fs.mkdirSync(home, { recursive: true })
  const tmp = `${file(home)}.${process.pid}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(context, null, 2))
  fs.renameSync(tmp, file(home))
}

export function clearActiveContext(home: string): void {
  fs.rmSync(file(home), { force: true })
}
