import type { UsageDraft } from './usage.repository'

/** OTLP/JSON AnyValue (opentelemetry-proto, common.proto): int64s arrive as strings. */
interface AnyValue {
  stringValue?: string
  intValue?: string | number
  doubleValue?: number
  boolValue?: boolean
}
interface KeyValue {
  key: string
  value?: AnyValue
}
interface LogRecord {
  timeUnixNano?: string | number
  observedTimeUnixNano?: string | number
  body?: AnyValue
  attributes?: KeyValue[]
}
interface LogsRequest {
  resourceLogs?: { resource?: { attributes?: KeyValue[] }; scopeLogs?: { logRecords?: LogRecord[] }[] }[]
}

/** The resource attribute Flightdeck sets on each session (OTEL_RESOURCE_ATTRIBUTES) to name the run. */
export const runAttribute = 'flightdeck.run_id'

function scalar(v: AnyValue | undefined): string | number | boolean | undefined {
  if (!v) return undefined
  return v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.doubleValue ?? v.boolValue
}

function attributes(list: KeyValue[] | undefined): Map<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>()
  for (const kv of Array.isArray(list) ? list : []) {
    const v = typeof kv?.key === 'string' ? scalar(kv.value) : undefined
    if (v !== undefined) out.set(kv.key, v)
  }
  return out
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

function isoOf(nanos: string | number | undefined): string | undefined {
  const ms = Number(nanos) / 1e6
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined
}

/**
 * The usage in an OTLP logs export: one draft per Claude Code `api_request` event (event.name api_request,
 * body claude_code.api_request), with its model, tokens and cost_usd. Other events are ignored; a record
 * without a run id (resource or record attribute) is skipped. The export's metrics carry the same tokens
 * as sums, so only the per-call events are recorded (recording both would count every call twice).
 */
export function usageFromLogs(body: unknown): { drafts: UsageDraft[]; skipped: number } {
  const drafts: UsageDraft[] = []
  let skipped = 0
  const request = (body ?? {}) as LogsRequest
  for (const rl of Array.isArray(request.resourceLogs) ? request.resourceLogs : []) {
    const resource = attributes(rl?.resource?.attributes)
    for (const sl of Array.isArray(rl?.scopeLogs) ? rl.scopeLogs : []) {
      for (const record of Array.isArray(sl?.logRecords) ? sl.logRecords : []) {
        const a = attributes(record?.attributes)
        const name = a.get('event.name') ?? scalar(record?.body)
        if (name !== 'api_request' && name !== 'claude_code.api_request') continue
        const runId = a.get(runAttribute) ?? resource.get(runAttribute)
        const model = a.get('model')
        if (typeof runId !== 'string' || typeof model !== 'string' || !model) {
          skipped++
          continue
        }
        const session = a.get('session.id') ?? resource.get('session.id')
        const sequence = a.get('event.sequence')
        drafts.push({
          runId,
          source: 'otel',
          model,
          inputTokens: num(a.get('input_tokens')),
          outputTokens: num(a.get('output_tokens')),
          cacheReadTokens: num(a.get('cache_read_tokens')),
          cacheWriteTokens: num(a.get('cache_creation_tokens')),
          costUsd: num(a.get('cost_usd')) ?? null,
          // The exporter retries a failed export: the session and the event's sequence number name the call.
          externalId: session !== undefined && sequence !== undefined ? `${session}:${sequence}` : (a.get('request_id') as string | undefined) ?? null,
          at: typeof a.get('event.timestamp') === 'string' ? (a.get('event.timestamp') as string) : isoOf(record.timeUnixNano ?? record.observedTimeUnixNano)
        })
      }
    }
  }
  return { drafts, skipped }
}
