import { createCore } from '../../src/main/core/core'
import { existingIds } from './invariants'
import { type TargetResult, note } from './results'
import { seededCore } from './seed-core'
import { serveInProcess } from './serve-target'
import { fuzzCliArgv } from './targets/cli.fuzz'
import { fuzzContract } from './targets/contract.fuzz'
import { fuzzPolicyFiles, fuzzSignalFiles } from './targets/files.fuzz'
import { fuzzModelOutputs } from './targets/model.fuzz'
import { fuzzHttp, fuzzSlowloris, fuzzWsFrames } from './targets/server.fuzz'

/** Inputs per target: the slice inside `npm test` (about 20 s here) and the full run of `npm run fuzz` (100k+). */
export const budgets = {
  slice: { contract: 3_000, ws: 300, http: 600, slowClients: 30, slowMs: 2_000, cli: 300, policy: 300, signal: 300, model: 200 },
  full: { contract: 70_000, ws: 8_000, http: 12_000, slowClients: 200, slowMs: 15_000, cli: 5_000, policy: 3_000, signal: 3_000, model: 3_000 }
}

/**
 * Runs every fuzz target against real parts (a core on a real SQLite file with repositories in it, the
 * browser-mode server on a real port) and counts what escaped. An exception that escapes to the process is
 * a crash too: in this process it would have ended `flightdeck serve`.
 */
export async function runFuzz(mode: 'slice' | 'full', seed: number, log: (line: string) => void = () => undefined): Promise<TargetResult[]> {
  const b = budgets[mode]
  const escaped: string[] = []
  const onEscape = (error: unknown) => escaped.push(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.on('uncaughtException', onEscape)
  process.on('unhandledRejection', onEscape)
  const { t, keepPaths } = await seededCore()
  const results: TargetResult[] = []
  const record = (r: TargetResult) => {
    for (const e of escaped.splice(0)) note(r, 'crashes', `escaped to the process: ${e}`)
    results.push(r)
    log(`${r.target}: ${r.inputs} inputs, ${r.crashes} crashes, ${r.untypedErrors} untyped, ${r.partialWrites} partial writes (${(r.durationMs / 1000).toFixed(1)} s)`)
  }
  try {
    record(await fuzzContract(t.core, { runs: b.contract, seed, sandbox: t.dir, keepPaths }))
    const server = await serveInProcess(t.core, t.dir)
    try {
      record(await fuzzWsFrames(server, { runs: b.ws, seed }))
      record(await fuzzHttp(server, { runs: b.http, seed }))
      record(await fuzzSlowloris(server, { clients: b.slowClients, durationMs: b.slowMs }))
    } finally {
      await server.close()
    }
    const dbPath = t.core.services.system.info().dbPath
    record(await fuzzCliArgv(() => createCore({ home: t.home }), { runs: b.cli, seed, ids: () => existingIds(dbPath) }))
    record(await fuzzPolicyFiles(t.dir, { runs: b.policy, seed }))
    record(await fuzzSignalFiles(t.dir, { runs: b.signal, seed }))
    record(await fuzzModelOutputs({ runs: b.model, seed }))
  } finally {
    process.off('uncaughtException', onEscape)
    process.off('unhandledRejection', onEscape)
    await t.close()
  }
  return results
}
