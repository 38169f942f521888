import type { CallRecord } from '../model/model-client'
import { ModelClient } from '../model/model-client'
import type { ModelConfig } from '../model/model-config'

/** The grader's model client (config from the one model resolver); `calls` collects each model call it makes, `onCall` records it. */
export function graderClient(config: ModelConfig, calls: CallRecord[], onCall?: (record: CallRecord) => Promise<void>): ModelClient {
  return new ModelClient(config, async (record) => {
    calls.push(record)
    await onCall?.(record)
  })
}
