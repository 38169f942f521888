import fs from 'node:fs'
import path from 'node:path'
import { safeStorage } from 'electron'
import type { SecretStore } from '../core/model/secret-store'

/**
 * Secrets encrypted with the OS keychain through Electron's safeStorage; the ciphertext sits in a 0600
 * file in the app's data folder. Where no keychain is available, storing a secret is refused.
 */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  private read(): Record<string, string> {
    return fs.existsSync(this.file) ? (JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>) : {}
  }

  private write(values: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify(values), { mode: 0o600 })
    fs.renameSync(`${this.file}.tmp`, this.file)
  }

  async get(name: string): Promise<string | undefined> {
    const sealed = this.read()[name]
    return sealed && safeStorage.isEncryptionAvailable() ? safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined
  }

  async set(name: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS secret store is not available; set the environment variable instead')
    this.write({ ...this.read(), [name]: safeStorage.encryptString(value).toString('base64') })
  }

  async delete(name: string): Promise<void> {
    const values = this.read()
    delete values[name]
    this.write(values)
  }
}
