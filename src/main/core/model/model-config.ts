import type { Settings } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Secrets } from '../secrets/secrets'
import { assertSecretDestination } from '../secrets/trusted-hosts'

/** What a model call needs, resolved from settings, the secret store and the environment. */
export interface ModelConfig {
  model: string
  apiKey: string
  baseURL: string | undefined
  maxTokens: number
}

/** The planning rail's and the grader's model calls. */
export type ModelPurpose = 'planning' | 'grading'

/**
 * The one resolver of model access: the key from the secret store (or ANTHROPIC_API_KEY), the model for the
 * purpose, and a base URL the key may go to. Read per call, so a key or setting change applies at once.
 */
export async function resolveModelConfig(settings: Settings, secrets: Secrets, purpose: ModelPurpose, env: NodeJS.ProcessEnv = process.env): Promise<ModelConfig> {
  const apiKey = await secrets.resolve('anthropic.apiKey')
  if (!apiKey) {
    const who = purpose === 'planning' ? 'Planning' : 'The grader'
    throw new ApiError(
      'unavailable',
      `${who} needs an Anthropic API key: set it in Settings → Models & keys, or run \`flightdeck secret set anthropic.apiKey\`, or set ANTHROPIC_API_KEY`,
      'anthropic.apiKey'
    )
  }
  const baseURL = settings.model.baseUrl ?? (env.ANTHROPIC_BASE_URL || undefined)
  assertSecretDestination({ url: baseURL, provider: 'anthropic', secret: 'Anthropic API key', settings, fromEnv: !settings.model.baseUrl })
  const model = purpose === 'grading' ? (settings.model.gradingName ?? settings.model.name) : settings.model.name
  return { model, apiKey, baseURL, maxTokens: settings.model.maxTokens }
}
