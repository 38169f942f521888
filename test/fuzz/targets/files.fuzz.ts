import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { guidanceRequestSchema, implementationCompleteSchema, readSignalFile, signalFiles, signalMaxBytes } from '../../../src/main/core/forum/signal-files'
import { loadPolicy } from '../../../src/main/core/policy/load-policy'
import { policySchema } from '../../../src/main/core/policy/policy.schema'
import { ApiError } from '../../../src/shared/errors'
import { count, newResult, note, type TargetResult } from '../results'
import { fromSchema, mutated } from '../zod-arbitrary'

/** How a file an agent or a user wrote can be: JSON of the schema (valid or not), JSONC, junk, or not a file. */
function fileShapes(schema: Parameters<typeof fromSchema>[0]) {
  const valid = fromSchema(schema, { ids: () => [] })
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) ?? '' })) },
    { weight: 3, arbitrary: mutated(valid).map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) ?? 'undefined' })) },
    { weight: 1, arbitrary: valid.map((v) => ({ kind: 'text' as const, text: `// a comment\n${JSON.stringify(v, null, 2)?.replace(/\n}$/, ',\n}')}\n/* trailing */` })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '[]', '"x"', '{"a":', '\u0000', '\ufeff{}').map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'huge' as const, text: '' }) },
    { weight: 1, arbitrary: fc.constantFrom('directory', 'symlink', 'dangling') .map((kind) => ({ kind: kind as 'directory' | 'symlink' | 'dangling', text: '' })) }
  )
}

type Shape = { kind: 'text' | 'huge' | 'directory' | 'symlink' | 'dangling'; text: string }

function place(file: string, shape: Shape, outside: string): void {
  fs.rmSync(file, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (shape.kind === 'text') fs.writeFileSync(file, shape.text, 'latin1')
  if (shape.kind === 'huge') fs.writeFileSync(file, `{"question":"${'q'.repeat(signalMaxBytes * 2)}"}`)
  if (shape.kind === 'directory') fs.mkdirSync(file)
  if (shape.kind === 'symlink') fs.symlinkSync(outside, file)
  if (shape.kind === 'dangling') fs.symlinkSync(path.join(outside, 'nowhere'), file)
}

/** Policy files: loadPolicy must answer a policy or a typed error naming the problem, whatever the file holds. */
export async function fuzzPolicyFiles(dir: string, opts: { runs: number; seed: number }): Promise<TargetResult> {
  const result = newResult('policy-files')
  const started = Date.now()
  const repo = path.join(dir, 'policy-repo')
  const outside = path.join(dir, 'outside.json')
  fs.writeFileSync(outside, '{"onQuit":"keep"}')
  for (const shape of fc.sample(fileShapes(policySchema), { numRuns: opts.runs, seed: opts.seed })) {
    result.inputs++
    place(path.join(repo, '.flightdeck', 'policy.json'), shape, outside)
    try {
      await loadPolicy(repo)
      count(result, 'policy')
    } catch (error) {
      if (error instanceof ApiError && error.code !== 'internal') count(result, error.code)
      else note(result, 'untypedErrors', `${shape.kind} ${JSON.stringify(shape.text.slice(0, 200))} -> ${(error as Error).stack ?? error}`)
    }
  }
  result.durationMs = Date.now() - started
  return result
}

/** Signal files in a worktree: read as ok, invalid (with the reason) or absent, never an exception. */
export async function fuzzSignalFiles(dir: string, opts: { runs: number; seed: number }): Promise<TargetResult> {
  const result = newResult('signal-files')
  const started = Date.now()
  const worktree = path.join(dir, 'signal-worktree')
  const outside = path.join(dir, 'outside-signal.json')
  fs.writeFileSync(outside, '{"question":"from outside the worktree?"}')
  const kinds = [
    [signalFiles.request, guidanceRequestSchema, fileShapes(guidanceRequestSchema)],
    [signalFiles.complete, implementationCompleteSchema, fileShapes(implementationCompleteSchema)]
  ] as const
  for (const [i, [name, schema, shapes]] of kinds.entries()) {
    for (const shape of fc.sample(shapes, { numRuns: Math.ceil(opts.runs / 2), seed: opts.seed + i })) {
      result.inputs++
      place(path.join(worktree, '.flightdeck', name), shape, outside)
      try {
        const read = await readSignalFile(worktree, name, schema as never)
        count(result, read.kind)
        if (read.kind === 'ok' && !(schema as typeof guidanceRequestSchema).safeParse(read.value).success) note(result, 'untypedErrors', `accepted a file its schema refuses: ${shape.text.slice(0, 200)}`)
        if (read.kind === 'ok' && (shape.kind === 'symlink' || shape.kind === 'dangling')) note(result, 'untypedErrors', `followed a ${shape.kind}`)
      } catch (error) {
        note(result, 'untypedErrors', `${name} ${shape.kind} ${JSON.stringify(shape.text.slice(0, 200))} -> ${(error as Error).stack ?? error}`)
      }
    }
  }
  result.durationMs = Date.now() - started
  return result
}
