import type { SecretName, SecretStatus } from '../../../shared/contract'
import { secretNames } from '../../../shared/contract'
import type { SecretStore } from './secret-store'

/** The environment variable each secret falls back to when the store has none. */
export const secretEnv: Record<SecretName, string> = {
  'anthropic.apiKey': 'ANTHROPIC_API_KEY',
  'github.token': 'GITHUB_TOKEN'
}

/** Secrets from the store, else from the environment; only their presence is ever reported. */
export class Secrets {
  constructor(
    private readonly store: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env
  ) {}

  async resolve(name: SecretName): Promise<string | undefined> {
    return (await this.store.get(name)) || this.env[secretEnv[name]] || undefined
  }

  async status(): Promise<SecretStatus> {
    const entries = await Promise.all(
      secretNames.map(async (name) => {
        const stored = await this.store.get(name)
        const source = stored ? 'store' : this.env[secretEnv[name]] ? 'env' : null
        return [name, { set: source !== null, source }] as const
      })
    )
    return Object.fromEntries(entries) as SecretStatus
  }

  async set(name: SecretName, value: string): Promise<SecretStatus> {
    await this.store.set(name, value)
    return this.status()
  }

  async clear(name: SecretName): Promise<SecretStatus> {
    await this.store.delete(name)
    return this.status()
  }
}
