import type { CallRecord } from '../model/model-client'
import { ModelClient } from '../model/model-client'
import type { ModelConfig } from '../model/model-config'

/** The grader's model client (config from the one model resolver); `calls` collects each model call it makes. */
export function graderClient(config: ModelConfig, calls: CallRecord[]): ModelClient {
  return new ModelClient(config, async (record) => void calls.push(record))
}
