import { runAttribute } from './otlp-parse'
import { readOtlpEndpoint, runToken } from './otlp-receiver'
import { writeRunFile } from '../runs/run-files'

/** Which source a run's Claude Code usage comes from; the engine reads transcripts only for `transcript` runs. */
export const usageSourceFile = 'usage-source.txt'

/**
 * The telemetry part of a session's environment. Claude Code exports its OpenTelemetry logs and metrics
 * (OTLP/HTTP, JSON) to the engine's loopback receiver, with the run id as a resource attribute; this works
 * in the sandbox with the network on (bwrap --share-net: the host's 127.0.0.1). With the network off the
 * agent has its own network namespace (--unshare-net: its 127.0.0.1 is its own), so it gets no exporter: its
 * usage is read from its transcript when its Stop hook names it (hooks reach the engine through the run's
 * socket), and other agents report with `run signal --hook usage`. With no receiver running (no engine on
 * this home), the transcript is the source too.
 */
export async function usageSessionEnv(home: string, runId: string, offline: boolean): Promise<Record<string, string>> {
  const endpoint = offline ? undefined : readOtlpEndpoint(home)
  await writeRunFile(home, runId, usageSourceFile, endpoint ? 'otel' : 'transcript')
  if (!endpoint) return {}
  return {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.url,
    OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${runToken(endpoint, runId)}`,
    OTEL_RESOURCE_ATTRIBUTES: `${runAttribute}=${runId}`,
    // Budgets act on usage as it happens: the default intervals (5 s logs, 60 s metrics) are too slow.
    OTEL_LOGS_EXPORT_INTERVAL: '1000',
    OTEL_METRIC_EXPORT_INTERVAL: '10000'
  }
}
