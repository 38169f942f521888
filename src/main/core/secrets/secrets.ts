import type { SecretName, SecretStatus } from '../../../shared/contract'
import { secretEnv, secretNames } from '../../../shared/contract'
import type { Store } from '../store'
import type { SecretStore } from './secret-store'

/**
 * Secrets from the store, else from the environment; only their presence is ever reported. Every change is an
 * event (name and presence, never the value), so every window and process learns of it at once.
 */
export class Secrets {
  constructor(
    private readonly store: SecretStore,
    private readonly events: Store,
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
    return { items: Object.fromEntries(entries) as SecretStatus['items'], backend: this.store.backend }
  }

  async set(name: SecretName, value: string): Promise<SecretStatus> {
    await this.store.set(name, value)
    await this.events.write(async (tx) => void tx.emit('secret.changed', name, { name, set: true }))
    return this.status()
  }

  async clear(name: SecretName): Promise<SecretStatus> {
    await this.store.delete(name)
    const status = await this.status()
    await this.events.write(async (tx) => void tx.emit('secret.changed', name, { name, set: status.items[name].set }))
    return status
  }
}
