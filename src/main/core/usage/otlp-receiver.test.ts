import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { otlpEndpointFile, OtlpReceiver, type OtlpEndpoint, runToken } from './otlp-receiver'
import { usageFromTranscript } from './transcript'
import { usageSessionEnv } from './usage-env'

/** An OTLP/JSON logs export as Claude Code sends it: the run id on the resource, one api_request event per call. */
export function apiRequestExport(runId: string, calls: { seq: number; model?: string; input: number; output: number; cacheRead?: number; cost?: number }[]) {
  const str = (key: string, v: string) => ({ key, value: { stringValue: v } })
  return {
    resourceLogs: [{
      resource: { attributes: [str('service.name', 'claude-code'), str('flightdeck.run_id', runId)] },
      scopeLogs: [{
        scope: { name: 'com.anthropic.claude_code.events' },
        logRecords: [
          { timeUnixNano: '1764669600000000000', body: { stringValue: 'claude_code.user_prompt' }, attributes: [str('event.name', 'user_prompt')] },
          ...calls.map((c) => ({
            timeUnixNano: String(BigInt(1764669600000 + c.seq) * 1_000_000n),
            body: { stringValue: 'claude_code.api_request' },
            attributes: [
              str('event.name', 'api_request'), str('session.id', 'sess-1'), { key: 'event.sequence', value: { intValue: String(c.seq) } },
              str('model', c.model ?? 'claude-sonnet-4-5-20250929'), str('input_tokens', String(c.input)), str('output_tokens', String(c.output)),
              str('cache_read_tokens', String(c.cacheRead ?? 0)), str('cache_creation_tokens', '0'), ...(c.cost !== undefined ? [{ key: 'cost_usd', value: { doubleValue: c.cost } }] : [])
            ]
          }))
        ]
      }]
    }]
  }
}

describe('the OTLP receiver', () => {
  let t: TestCore
  let receiver: OtlpReceiver
  let endpoint: OtlpEndpoint
  beforeEach(async () => {
    t = await startTestCore()
    receiver = new OtlpReceiver(t.core.services.store, t.home)
    endpoint = await receiver.start()
  })
  afterEach(async () => {
    await receiver.close()
    await t.close()
  })

  let token = ''
  const post = (route: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${endpoint.url}${route}`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } })

  async function aRun() {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Telemetry' })
    return t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] })
  }

  it('records each api_request event of an export once, with the agent\'s own cost, and publishes its endpoint privately', async () => {
    const run = await aRun()
    token = runToken(endpoint, run.id)
    expect(fs.statSync(otlpEndpointFile(t.home)).mode & 0o777).toBe(0o600)
    const env = await usageSessionEnv(t.home, run.id, false)
    expect(env).toMatchObject({ CLAUDE_CODE_ENABLE_TELEMETRY: '1', OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.url, OTEL_RESOURCE_ATTRIBUTES: `flightdeck.run_id=${run.id}` })
    expect(await usageSessionEnv(t.home, run.id, true)).toEqual({})

    const body = JSON.stringify(apiRequestExport(run.id, [{ seq: 1, input: 1200, output: 300, cacheRead: 5000, cost: 0.0123 }, { seq: 2, model: 'some-new-model', input: 10, output: 5 }]))
    const res = await post('/v1/logs', body)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    // The exporter retries an export it thinks failed: the same events again change nothing.
    expect((await post('/v1/logs', body)).status).toBe(200)
    expect((await post('/v1/metrics', JSON.stringify({ resourceMetrics: [] }))).status).toBe(200)

    const usage = await t.core.client.invoke('usage.forRun', { runId: run.id })
    expect(usage.records.map((r) => [r.source, r.model, r.inputTokens, r.outputTokens, r.cacheReadTokens, r.costUsd])).toEqual([
      ['otel', 'some-new-model', 10, 5, 0, null],
      ['otel', 'claude-sonnet-4-5-20250929', 1200, 300, 5000, 0.0123]
    ])
    expect(usage.records[1]!.at).toBe('2025-12-02T10:00:00.001Z')
  })

  it("refuses a missing token, another run's token, another encoding, a non-JSON or oversized body; skips events with no run", async () => {
    const run = await aRun()
    const other = await aRun()
    token = runToken(endpoint, run.id)
    expect((await post('/v1/logs', '{}', { authorization: '' })).status).toBe(401)
    // A token is good for its own run only: another run's usage is refused.
    expect((await post('/v1/logs', JSON.stringify(apiRequestExport(other.id, [{ seq: 1, input: 5, output: 5 }])))).status).toBe(401)
    expect((await post('/v1/logs', JSON.stringify(apiRequestExport(run.id, [{ seq: 1, input: 5, output: 5 }])), { authorization: `Bearer ${endpoint.token}` })).status).toBe(401)
    expect((await post('/v1/logs', '{}', { 'content-type': 'application/x-protobuf' })).status).toBe(415)
    expect((await post('/v1/logs', '{not json')).status).toBe(400)
    expect((await post('/v1/traces', '{}')).status).toBe(404)
    expect((await post('/v1/logs', 'x'.repeat(5 * 1024 * 1024))).status).toBe(413)
    const orphan = apiRequestExport(run.id, [{ seq: 1, input: 1, output: 1 }])
    orphan.resourceLogs[0]!.resource.attributes.pop()
    const res = await post('/v1/logs', JSON.stringify(orphan))
    expect(await res.json()).toMatchObject({ partialSuccess: { rejectedLogRecords: 1 } })
    expect((await t.core.client.invoke('usage.forRun', { runId: run.id })).records).toEqual([])
    expect((await t.core.client.invoke('usage.forRun', { runId: other.id })).records).toEqual([])
  })
})

describe('a Claude Code transcript', () => {
  it('gives one call per message id, from its last entry, and skips synthetic and broken lines', () => {
    const line = (id: string, output: number, model = 'claude-sonnet-4-5') => JSON.stringify({ type: 'assistant', timestamp: '2026-12-02T07:00:00.000Z', requestId: `req_${id}`, message: { id, model, usage: { input_tokens: 10, output_tokens: output, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 } } })
    const text = [JSON.stringify({ type: 'user', message: { role: 'user', content: 'hi' } }), line('msg_a', 1), line('msg_a', 40), '{broken', line('msg_b', 7), line('msg_c', 0, '<synthetic>'), ''].join('\n')
    expect(usageFromTranscript(text, 'RUN').map((d) => [d.externalId, d.outputTokens, d.cacheReadTokens, d.cacheWriteTokens])).toEqual([['msg_a', 40, 100, 20], ['msg_b', 7, 100, 20]])
  })
})
