import fs from 'node:fs'
import path from 'node:path'
import type { SecretBackend } from '../../../shared/contract'

/**
 * Where API keys and tokens live: never in the database. {@link openSecretStore} picks the OS keychain and
 * falls back to {@link FileSecretStore}; the app, `serve` and the CLI all open the same one.
 */
export interface SecretStore {
  readonly backend: SecretBackend
  get(name: string): Promise<string | undefined>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<void>
  /** Names stored here (to move them into another store). */
  names(): Promise<string[]>
}

/** Secrets as JSON in a file only its owner can read or write (0600), replaced atomically. */
export class FileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    readonly backend: SecretBackend = { kind: 'file', label: `plain-text file ${file} (0600)`, warning: null }
  ) {}

  private read(): Record<string, string> {
    if (!fs.existsSync(this.file)) return {}
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>
    } catch (error) {
      throw new Error(`the secret file ${this.file} is not valid JSON (${(error as Error).message}); fix or delete it`)
    }
  }

  private write(values: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 })
    const tmp = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(values), { mode: 0o600 })
    fs.chmodSync(tmp, 0o600)
    fs.renameSync(tmp, this.file)
  }

  async get(name: string): Promise<string | undefined> {
    return this.read()[name]
  }

  async set(name: string, value: string): Promise<void> {
    this.write({ ...this.read(), [name]: value })
  }

  async delete(name: string): Promise<void> {
    const values = this.read()
    if (!(name in values)) return
    delete values[name]
    if (Object.keys(values).length === 0) fs.rmSync(this.file, { force: true })
    else this.write(values)
  }

  async names(): Promise<string[]> {
    return Object.keys(this.read())
  }
}
