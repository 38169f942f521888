/**
 * List prices in USD per million tokens, by model family. Source: the vendors' public pricing pages as of
 * December 2025 (Anthropic: docs.anthropic.com/en/docs/about-claude/pricing, "Model pricing", cache write =
 * 5-minute writes; OpenAI: openai.com/api/pricing, "cached input" is the cache read; Google:
 * ai.google.dev/gemini-api/docs/pricing, prompts up to 200k tokens). These are estimates at list price,
 * not a bill; a model that matches no family is recorded with its tokens and a null cost.
 */
interface Price {
  family: string
  match: RegExp
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
}

// Most specific first: the first family whose pattern matches the model id wins.
const prices: readonly Price[] = [
  { family: 'claude-opus-4.5+', match: /claude-opus-4-[5-9]/, input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  { family: 'claude-opus-4', match: /claude-(opus-4|3-opus)/, input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  { family: 'claude-sonnet', match: /claude-(sonnet-4|3-[57]-sonnet|3-7-sonnet)/, input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  { family: 'claude-haiku-4.5', match: /claude-haiku-4/, input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  { family: 'claude-haiku-3.5', match: /claude-3-5-haiku/, input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
  { family: 'claude-haiku-3', match: /claude-3-haiku/, input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite: 0.3 },
  { family: 'gpt-5-mini', match: /^gpt-5(\.\d)?-mini/, input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0 },
  { family: 'gpt-5', match: /^gpt-5/, input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 0 },
  { family: 'gpt-4.1', match: /^gpt-4\.1(?!-mini|-nano)/, input: 2, output: 8, cacheRead: 0.5, cacheWrite: 0 },
  { family: 'gemini-2.5-pro', match: /^(models\/)?gemini-2\.5-pro/, input: 1.25, output: 10, cacheRead: 0.31, cacheWrite: 0 },
  { family: 'gemini-2.5-flash', match: /^(models\/)?gemini-2\.5-flash(?!-lite)/, input: 0.3, output: 2.5, cacheRead: 0.075, cacheWrite: 0 }
]

export interface TokenCounts {
  inputTokens: number
  outputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
}

/** The price family of a model id, or undefined when the table does not know it. */
export function priceFamily(model: string): string | undefined {
  return prices.find((p) => p.match.test(model.toLowerCase()))?.family
}

/** Cost in USD at list price; null for a model the table does not know (never a guess). */
export function priceOf(model: string, t: TokenCounts): number | null {
  const p = prices.find((x) => x.match.test(model.toLowerCase()))
  if (!p) return null
  const usd = (t.inputTokens * p.input + t.outputTokens * p.output + t.cacheReadTokens * p.cacheRead + t.cacheWriteTokens * p.cacheWrite) / 1_000_000
  return Math.round(usd * 1e6) / 1e6
}
