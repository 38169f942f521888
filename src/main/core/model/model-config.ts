import type { Settings } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Secrets } from './secrets'

/** What a model call needs, resolved from settings, the secret store and the environment. */
export interface ModelConfig {
  model: string
  apiKey: string
  baseURL: string | undefined
  maxTokens: number
}

export async function resolveModelConfig(settings: Settings, secrets: Secrets, env: NodeJS.ProcessEnv = process.env): Promise<ModelConfig> {
  const apiKey = await secrets.resolve('anthropic.apiKey')
  if (!apiKey) {
    throw new ApiError(
      'unavailable',
      'no Anthropic API key: store one (`flightdeck secret set anthropic.apiKey`, or Settings in the app) or set ANTHROPIC_API_KEY'
    )
  }
  return {
    model: settings.model.name,
    apiKey,
    baseURL: settings.model.baseUrl ?? (env.ANTHROPIC_BASE_URL || undefined),
    maxTokens: settings.model.maxTokens
  }
}
