import fs from 'node:fs/promises'
import type { EventEnvelope } from '../../../shared/contract'
import { usageDraftSchema } from '../../../shared/contract/usage'
import { listRuns } from '../runs/run.repository'
import { runFilePath } from '../runs/run-files'
import type { Store } from '../store'
import { enforceBudget, type PauseDeps } from './budget-enforcer'
import { OtlpReceiver } from './otlp-receiver'
import { readTranscriptUsage } from './transcript'
import { usageSourceFile } from './usage-env'
import { recordUsage, recordUsageBatch } from './usage.repository'

/** The signal name agents report usage under (see fromSignal). */
export const usageHook = 'usage'

// Hooks after which a transcript holds finished calls worth reading.
const transcriptHooks = new Set(['Stop', 'SubagentStop', 'PreCompact', 'SessionEnd'])

/**
 * The usage part of a long-lived process (the app, `serve`): the OTLP receiver, transcripts read on the
 * agent's Stop hook (sandboxed runs), and budgets checked on every recorded usage (from any process: events
 * arrive through the feed) and every `wallSeconds` for wall time.
 */
export class UsageEngine {
  readonly receiver: OtlpReceiver
  private disposers: (() => void)[] = []
  /** Runs whose check waits for its delay, and runs whose check is due now. */
  private due = new Set<string>()
  private ready = new Set<string>()
  private lastCheck = new Map<string, number>()
  private pumping = false

  constructor(
    private readonly d: PauseDeps & { home: string },
    private readonly wallSeconds = 15,
    private readonly checkDelayMs = 1_000
  ) {
    this.receiver = new OtlpReceiver(d.store, d.home)
  }

  get store(): Store {
    return this.d.store
  }

  async start(): Promise<void> {
    await this.receiver.start().catch((error: unknown) => console.error('usage: the OTLP receiver did not start:', error instanceof Error ? error.message : error))
    this.disposers.push(this.d.store.feed.subscribe((event) => this.onEvent(event)))
    const timer = setInterval(() => void this.checkActive().catch(logError('wall time')), this.wallSeconds * 1_000)
    timer.unref()
    this.disposers.push(() => clearInterval(timer))
  }

  async close(): Promise<void> {
    for (const d of this.disposers.splice(0)) d()
    await this.receiver.close()
  }

  private onEvent(event: EventEnvelope): void {
    if (event.topic === 'usage.recorded') {
      const runId = (event.payload as EventEnvelope<'usage.recorded'>['payload']).record.runId
      if (runId) this.check(runId)
    } else if (event.topic === 'run.signal') {
      const { runId, hook, payload } = event.payload as EventEnvelope<'run.signal'>['payload']
      const file = payload.transcript_path
      if (hook === usageHook) void this.fromSignal(event.id, runId, payload).catch(logError(`usage signal of ${runId}`))
      else if (transcriptHooks.has(hook) && typeof file === 'string') void this.readTranscript(runId, file).catch(logError(`transcript of ${runId}`))
    }
  }

  /**
   * Asks for a budget check of a run. Checks are coalesced per run (usage arriving within `checkDelayMs`
   * makes one check) and run one at a time, a macrotask each: a hundred runs due at once must not chain
   * their queries into one long stall of the event loop (the store's single connection hands itself on
   * through promises).
   */
  check(runId: string): void {
    if (this.due.has(runId)) return
    // Leading edge: a run not checked within the delay is checked now; then at most once per delay.
    const wait = Math.max(0, (this.lastCheck.get(runId) ?? 0) + this.checkDelayMs - Date.now())
    this.due.add(runId)
    setTimeout(() => {
      this.due.delete(runId)
      // Bounded: a long-lived engine sees every run it ever checked.
      if (this.lastCheck.size > 5_000) this.lastCheck.clear()
      this.lastCheck.set(runId, Date.now())
      this.ready.add(runId)
      void this.pump()
    }, wait).unref()
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      for (let runId = first(this.ready); runId; runId = first(this.ready)) {
        this.ready.delete(runId)
        await enforceBudget(this.d, runId).catch(logError(`budget of ${runId}`))
        await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      this.pumping = false
    }
  }

  async checkActive(): Promise<void> {
    for (const run of await listRuns(this.d.store.db, { states: ['running', 'waiting', 'validating'] })) this.check(run.id)
  }

  /**
   * `flightdeck run signal RUN --hook usage '{"model":…,"inputTokens":…}'`: how agents without an exporter
   * report, from inside the sandbox too (the signal travels through the run's socket). Without an external
   * id, the event's id is one, so two engines on one database record it once.
   */
  async fromSignal(eventId: string, runId: string, payload: Record<string, unknown>): Promise<void> {
    const parsed = usageDraftSchema.safeParse(payload)
    if (!parsed.success) {
      console.error(`usage: a usage signal of run ${runId} was refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
      return
    }
    await this.d.store.write((tx) => recordUsage(tx, { ...parsed.data, externalId: parsed.data.externalId ?? `event:${eventId}`, runId, source: 'agent' }))
  }

  /** Only for runs whose telemetry is the transcript (sandboxed): the others export it, and would count twice. */
  async readTranscript(runId: string, file: string): Promise<number> {
    const source = await fs.readFile(runFilePath(this.d.home, runId, usageSourceFile), 'utf8').catch(() => 'transcript')
    if (source.trim() !== 'transcript' || !file.endsWith('.jsonl')) return 0
    const drafts = await readTranscriptUsage(file, runId)
    if (!drafts.length) return 0
    return (await this.d.store.write((tx) => recordUsageBatch(tx, drafts))).length
  }
}

const first = (s: Set<string>): string | undefined => s.values().next().value

function logError(what: string) {
  return (error: unknown) => console.error(`usage: ${what} failed:`, error instanceof Error ? error.message : error)
}
