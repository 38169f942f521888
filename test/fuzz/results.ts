import fs from 'node:fs'
import path from 'node:path'

/** The figures of one fuzz target; `examples` keeps the first few offending inputs to replay. */
export interface TargetResult {
  target: string
  inputs: number
  /** The server or the process under test died, or an exception escaped (not an answer). */
  crashes: number
  /** Answers that were not a result or a typed error: `internal`, an unknown code, a stack trace, exit codes outside 0/1/2. */
  untypedErrors: number
  /** Invariant failures after a batch: integrity_check, a row without its event or an event without its row. */
  partialWrites: number
  durationMs: number
  /** How the inputs were answered (result, error code, HTTP status...), to see the fuzzing reaches past the first check. */
  answers: Record<string, number>
  examples: string[]
}

export function newResult(target: string): TargetResult {
  return { target, inputs: 0, crashes: 0, untypedErrors: 0, partialWrites: 0, durationMs: 0, answers: {}, examples: [] }
}

export function count(result: TargetResult, answer: string): void {
  result.answers[answer] = (result.answers[answer] ?? 0) + 1
}

export function note(result: TargetResult, kind: 'crashes' | 'untypedErrors' | 'partialWrites', example: string): void {
  result[kind]++
  if (result.examples.length < 10) result.examples.push(`${kind}: ${example.slice(0, 500)}`)
}

const root = path.resolve(import.meta.dirname, '..', '..')

/** test-results/fuzz.json (the full run) or fuzz-slice.json (the bounded slice inside npm test). */
export function writeResults(mode: 'full' | 'slice', seed: number, results: TargetResult[]): string {
  const file = path.join(root, 'test-results', mode === 'full' ? 'fuzz.json' : 'fuzz-slice.json')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const total = (k: 'inputs' | 'crashes' | 'untypedErrors' | 'partialWrites') => results.reduce((n, r) => n + r[k], 0)
  const summary = {
    mode,
    seed,
    finishedAt: new Date().toISOString(),
    inputs: total('inputs'),
    crashes: total('crashes'),
    untypedErrors: total('untypedErrors'),
    partialWrites: total('partialWrites'),
    targets: results
  }
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n')
  return file
}
