import { createHash, createHmac } from 'node:crypto'
import fs from 'node:fs'

/** OpenSSH's fingerprint of a public key blob: SHA256:<base64, unpadded>. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

interface Entry {
  marker: '' | '@revoked' | '@cert-authority'
  patterns: string[]
  keyType: string
  blob: string
}

export function parseKnownHosts(text: string): Entry[] {
  const entries: Entry[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const words = line.split(/\s+/)
    const marker = words[0] === '@revoked' || words[0] === '@cert-authority' ? (words.shift() as Entry['marker']) : ''
    const [hosts, keyType, blob] = words
    if (hosts && keyType && blob) entries.push({ marker, patterns: hosts.split(','), keyType, blob })
  }
  return entries
}

const glob = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i')

/** Whether one host pattern of a known_hosts line names `target` ("host" on port 22, else "[host]:port"). */
function patternMatches(pattern: string, target: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|')
    if (!salt || !hash) return false
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(target).digest('base64') === hash
  }
  return glob(pattern).test(target)
}

function names(entry: Entry, target: string): boolean {
  let matched = false
  for (const p of entry.patterns) {
    if (p.startsWith('!')) {
      if (patternMatches(p.slice(1), target)) return false
    } else if (patternMatches(p, target)) matched = true
  }
  return matched
}

export type HostKeyVerdict =
  | { ok: true; fingerprint: string }
  | { ok: false; fingerprint: string; reason: 'unknown' | 'changed' | 'revoked'; message: string }

/**
 * The server's key against the known_hosts files, as OpenSSH's StrictHostKeyChecking=yes does: a key recorded
 * for the host passes; a host with other keys recorded is refused as changed; a host not recorded is refused as
 * unknown. Never accepted silently.
 */
export function verifyHostKey(files: readonly string[], hostname: string, port: number, blob: Buffer): HostKeyVerdict {
  const target = port === 22 ? hostname : `[${hostname}]:${port}`
  const fp = fingerprint(blob)
  const key = blob.toString('base64')
  const entries = files.flatMap((f) => {
    try {
      return parseKnownHosts(fs.readFileSync(f, 'utf8'))
    } catch {
      return []
    }
  }).filter((e) => e.marker !== '@cert-authority' && names(e, target))
  if (entries.some((e) => e.marker === '@revoked' && e.blob === key)) {
    return { ok: false, fingerprint: fp, reason: 'revoked', message: `the host key of ${target} (${fp}) is marked @revoked in known_hosts; refusing to connect` }
  }
  if (entries.some((e) => e.marker === '' && e.blob === key)) return { ok: true, fingerprint: fp }
  if (entries.length > 0) {
    return { ok: false, fingerprint: fp, reason: 'changed', message: `the host key of ${target} has CHANGED: it offered ${fp}, which known_hosts (${files.join(', ')}) does not have for it. Someone may be intercepting the connection, or the host was reinstalled; check the key with its owner and update known_hosts` }
  }
  return { ok: false, fingerprint: fp, reason: 'unknown', message: `the host key of ${target} is not in known_hosts (${files.join(', ')}): it offered ${fp}. Check that fingerprint with the host's owner, then add it (ssh-keyscan -p ${port} ${hostname} >> ~/.ssh/known_hosts, or connect once with ssh)` }
}
