import fs from 'node:fs/promises'
import type { UsageDraft } from './usage.repository'

interface TranscriptLine {
  type?: string
  timestamp?: string
  requestId?: string
  message?: { id?: string; model?: string; usage?: Record<string, unknown> }
}

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0)
const maxTranscript = 64 * 1024 * 1024

/**
 * Usage from a Claude Code transcript (JSON lines, one entry per content block of each assistant message,
 * each carrying the message's `usage`): one draft per message id, from its last entry. Unparsable lines and
 * Claude Code's own synthetic messages (no API call) are skipped. The message id is the external id, so a
 * transcript read again after every turn records each call once.
 */
export function usageFromTranscript(text: string, runId: string): UsageDraft[] {
  const byMessage = new Map<string, UsageDraft>()
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    let entry: TranscriptLine
    try {
      entry = JSON.parse(line) as TranscriptLine
    } catch {
      continue
    }
    const m = entry.message
    if (entry.type !== 'assistant' || !m?.id || !m.usage || !m.model || m.model === '<synthetic>') continue
    const u = m.usage
    byMessage.set(m.id, {
      runId,
      source: 'transcript',
      model: m.model,
      inputTokens: n(u.input_tokens),
      outputTokens: n(u.output_tokens),
      cacheReadTokens: n(u.cache_read_input_tokens),
      cacheWriteTokens: n(u.cache_creation_input_tokens),
      externalId: m.id,
      at: typeof entry.timestamp === 'string' && !Number.isNaN(Date.parse(entry.timestamp)) ? new Date(entry.timestamp).toISOString() : undefined
    })
  }
  return [...byMessage.values()]
}

export async function readTranscriptUsage(file: string, runId: string): Promise<UsageDraft[]> {
  const stat = await fs.stat(file)
  if (!stat.isFile() || stat.size > maxTranscript) return []
  return usageFromTranscript(await fs.readFile(file, 'utf8'), runId)
}
