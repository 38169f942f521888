import { Writable } from 'node:stream'
import type { Command } from 'commander'
import fc from 'fast-check'
import { createProgram } from '../../../src/main/cli/program'
import type { Core } from '../../../src/main/core/core'
import { runCliCaptured } from '../../fixtures/cli'
import { count, newResult, note, type TargetResult } from '../results'

/**
 * Left out: commands that run until stopped (serve, mcp, watch, attach), start agents or act outside the
 * data folder (run start, policy init writes into a repository, plan create --new-repo, secrets, GitHub).
 */
const skipped = new Set(['serve', 'mcp', 'forum watch', 'run attach', 'run start', 'run restart', 'run resume', 'policy init', 'plan create', 'plan sync-github', 'secret set', 'secret clear', 'run signal'])

interface Leaf {
  path: string[]
  options: Array<{ flag: string; takesValue: boolean; choices?: readonly string[] }>
  args: number
}

function leaves(command: Command, prefix: string[] = []): Leaf[] {
  return command.commands.flatMap((c) => {
    const path = [...prefix, c.name()]
    if (skipped.has(path.join(' '))) return []
    if (c.commands.length) return leaves(c, path)
    const options = c.options.map((o) => ({ flag: o.long ?? o.short ?? '', takesValue: o.required || o.optional, choices: o.argChoices }))
    return [{ path, options, args: c.registeredArguments.length }]
  })
}

const sink = new Writable({ write: (_c, _e, done) => done() })
const jsErrors = /TypeError|ReferenceError|RangeError|SyntaxError|Cannot read properties|is not a function|is not iterable|undefined is not|\n\s+at /

/** CLI argv built from the program's own command tree, with odd values, unknown flags and missing parts. */
export async function fuzzCliArgv(openCore: () => Promise<Core>, opts: { runs: number; seed: number; ids: () => string[] }): Promise<TargetResult> {
  const result = newResult('cli-argv')
  const started = Date.now()
  const program = createProgram({ openCore, stdout: sink, stderr: sink, rendererDir: '/nonexistent' } as never)
  const all = leaves(program)
  const value = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('', '-', '--', '0', '-1', '99999999999', 'NaN', '\u0000', '%ff', 'shop', '../..', '01ARZ3NDEKTSV4RRFFQ69G5FAV'),
    fc.nat().map((i) => opts.ids()[i % Math.max(1, opts.ids().length)] ?? 'none')
  )
  const argv = fc.constantFrom(...all).chain((leaf) =>
    fc
      .tuple(
        fc.subarray(leaf.options, { maxLength: Math.min(4, leaf.options.length) }).chain((picked) =>
          fc.tuple(...picked.map((o) => (o.takesValue ? (o.choices ? fc.oneof(fc.constantFrom(...o.choices), value) : value).map((v) => [o.flag, v]) : fc.constant([o.flag]))))
        ),
        fc.array(value, { maxLength: leaf.args + 1 }),
        fc.option(fc.constantFrom('--bogus', '-Z', '--json', '--help', '--home'), { freq: 4 })
      )
      .map(([flags, positional, extra]) => [...leaf.path, ...positional, ...flags.flat(), ...(extra ? [extra] : [])])
  )
  for (const args of fc.sample(argv, { numRuns: opts.runs, seed: opts.seed })) {
    result.inputs++
    try {
      const run = await runCliCaptured(args, openCore)
      count(result, `exit ${run.code}`)
      if (![0, 1, 2].includes(run.code)) note(result, 'untypedErrors', `${JSON.stringify(args)} exited ${run.code}`)
      else if (/error \(internal\)/.test(run.stderr) || jsErrors.test(run.stderr)) note(result, 'untypedErrors', `${JSON.stringify(args)} -> ${run.stderr.slice(0, 300)}`)
      else if (run.code !== 0 && !run.stderr.trim()) note(result, 'untypedErrors', `${JSON.stringify(args)} exited ${run.code} saying nothing`)
    } catch (error) {
      note(result, 'crashes', `${JSON.stringify(args)} threw ${(error as Error).stack ?? error}`)
    }
  }
  result.durationMs = Date.now() - started
  return result
}
