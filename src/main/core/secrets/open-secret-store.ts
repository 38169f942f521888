import path from 'node:path'
import { KeychainSecretStore, keychainLabel } from './keychain-secret-store'
import { FileSecretStore, type SecretStore } from './secret-store'

/** The fallback file; also where secrets stored before the keychain was used are picked up from. */
export const secretFile = (home: string) => path.join(home, 'secrets.json')

export interface OpenSecretStoreOptions {
  /** `file` forces the 0600 file (FLIGHTDECK_SECRET_STORE=file); default: the keychain where one answers. */
  prefer?: 'keychain' | 'file'
}

/**
 * The one secret store of a data folder, the same for the app, `serve` and the CLI: the OS keychain where a
 * keychain service answers, otherwise the 0600 file with a warning that says why. Secrets found in the
 * file when the keychain is available are moved into it (and the file removed), so nothing stays behind
 * in plain text.
 */
export async function openSecretStore(home: string, options: OpenSecretStoreOptions = {}): Promise<SecretStore> {
  const file = secretFile(home)
  const prefer = options.prefer ?? (process.env.FLIGHTDECK_SECRET_STORE === 'file' ? 'file' : 'keychain')
  if (prefer === 'keychain' && (await KeychainSecretStore.available())) {
    const keychain = new KeychainSecretStore(home)
    await moveFileSecrets(new FileSecretStore(file), keychain)
    return keychain
  }
  const why =
    prefer === 'file'
      ? 'FLIGHTDECK_SECRET_STORE=file asks for the file'
      : process.platform === 'linux'
        ? `no ${keychainLabel()} answers on this session's D-Bus (headless Linux, CI, or no keyring daemon running)`
        : `the ${keychainLabel()} could not be reached`
  return new FileSecretStore(file, {
    kind: 'file',
    label: `plain-text file ${file} (0600)`,
    warning: `Secrets are stored unencrypted, readable by your user account only: ${why}.`
  })
}

async function moveFileSecrets(from: FileSecretStore, to: SecretStore): Promise<void> {
  for (const name of await from.names()) {
    const value = await from.get(name)
    if (value !== undefined && (await to.get(name)) === undefined) await to.set(name, value)
    await from.delete(name)
  }
}
