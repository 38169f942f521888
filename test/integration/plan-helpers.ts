import { type TestCore, startTestCore } from '../fixtures/core'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import type { Turn } from '../fixtures/model-server/types'

export interface PlanRig {
  t: TestCore
  server: ModelServer
  repoId: string
  close(): Promise<void>
}

/** A real core on a temp SQLite file, pointed at the scripted model server through settings and the secret store. */
export async function startPlanRig(scenario: Turn[] = []): Promise<PlanRig> {
  const t = await startTestCore()
  const server = await startModelServer({ scenario })
  const c = t.core.client
  await c.invoke('settings.update', { patch: { model: { name: 'claude-test', baseUrl: server.url, maxTokens: 4096 } } })
  await c.invoke('secret.trustHost', { origin: new URL(server.url).origin })
  await c.invoke('secret.set', { name: 'anthropic.apiKey', value: 'sk-test-planning' })
  const repo = await c.invoke('repo.add', { path: t.gitRepo('shop') })
  return {
    t,
    server,
    repoId: repo.id,
    async close() {
      await server.close()
      await t.close()
    }
  }
}
