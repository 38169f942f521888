import type { Settings } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { type CallRecord, ModelClient } from '../model/model-client'

/**
 * The grader's model client: model, base URL and token budget from settings (the base URL falls back to
 * ANTHROPIC_BASE_URL), the API key from the secret store or ANTHROPIC_API_KEY. `calls` collects each
 * model call it makes.
 */
export function graderClient(settings: Settings, apiKey: string | undefined, env: NodeJS.ProcessEnv, calls: CallRecord[]): ModelClient {
  if (!apiKey) throw new ApiError('unavailable', 'the grader needs an Anthropic API key: set ANTHROPIC_API_KEY (or `flightdeck secret set anthropic.apiKey`)')
  const baseURL = settings.model.baseUrl ?? (env.ANTHROPIC_BASE_URL || undefined)
  return new ModelClient({ model: settings.model.name, apiKey, baseURL, maxTokens: settings.model.maxTokens }, async (record) => void calls.push(record))
}
