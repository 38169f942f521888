import fs from 'node:fs'
import path from 'node:path'

/**
 * Where API keys and tokens live: never in the database. The app provides one backed by Electron's
 * safeStorage; the CLI and browser mode use {@link FileSecretStore}.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<void>
}

/** Secrets as JSON in a file only its owner can read or write (0600), replaced atomically. */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  private read(): Record<string, string> {
    if (!fs.existsSync(this.file)) return {}
    return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>
  }

  private write(values: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
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
    this.write(values)
  }
}
