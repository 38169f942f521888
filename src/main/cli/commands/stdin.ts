const LIMIT = 1024 * 1024

/** Reads a JSON object from stdin when one is piped (hooks send theirs); anything else is kept as raw text. */
export async function readStdinJson(stdin?: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<Record<string, unknown>> {
  if (!stdin || stdin.isTTY) return {}
  let text = ''
  for await (const chunk of stdin) {
    text += chunk.toString()
    if (text.length > LIMIT) break
  }
  return parsePayload(text)
}

/** A hook's JSON object; anything else is kept as raw text, so a signal is never refused for its payload. */
export function parsePayload(text: string): Record<string, unknown> {
  if (!text.trim()) return {}
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value }
  } catch {
    return { raw: text.slice(0, 2_000) }
  }
}
