import { createHash } from 'node:crypto'
import { AsyncEntry } from '@napi-rs/keyring'
import type { SecretBackend } from '../../../shared/contract'
import type { SecretStore } from './secret-store'

const SERVICE = 'Flightdeck'
/**
 * On Linux only the Secret Service: the library's fallback, the kernel keyring, forgets everything at logout
 * or reboot, which for an API key is worse than the plain file.
 */
const linuxStore = { linux: { store: 'secret-service' as const } }

/** The keychain each OS offers, as a person knows it. */
export function keychainLabel(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain'
  if (platform === 'win32') return 'Windows Credential Manager'
  return 'Secret Service (GNOME Keyring, KWallet)'
}

/**
 * Secrets in the OS keychain through @napi-rs/keyring (the same native binding loads in Node and Electron,
 * so the app, `serve` and the CLI share it). Each data folder has its own accounts, so two homes (or two
 * test runs) never read each other's keys; an index entry lists the names stored for the home.
 */
export class KeychainSecretStore implements SecretStore {
  readonly backend: SecretBackend = { kind: 'keychain', label: keychainLabel(), warning: null }
  private readonly scope: string

  constructor(home: string) {
    this.scope = createHash('sha256').update(home).digest('hex').slice(0, 16)
  }

  /** Whether a keychain answers here (no Secret Service on a headless Linux, for one). */
  static async available(): Promise<boolean> {
    try {
      await new AsyncEntry(SERVICE, 'probe', linuxStore).getPassword()
      return true
    } catch {
      return false
    }
  }

  private entry(name: string): AsyncEntry {
    return new AsyncEntry(SERVICE, `${name}@${this.scope}`, linuxStore)
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.entry(name).getPassword()) ?? undefined
  }

  async set(name: string, value: string): Promise<void> {
    await this.entry(name).setPassword(value)
    const names = new Set(await this.names())
    if (!names.has(name)) await this.entry('.names').setPassword(JSON.stringify([...names, name]))
  }

  async delete(name: string): Promise<void> {
    await this.entry(name).deletePassword()
    const names = (await this.names()).filter((n) => n !== name)
    if (names.length) await this.entry('.names').setPassword(JSON.stringify(names))
    else await this.entry('.names').deletePassword()
  }

  async names(): Promise<string[]> {
    const raw = await this.entry('.names').getPassword()
    return raw ? (JSON.parse(raw) as string[]) : []
  }
}
