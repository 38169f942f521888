import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { ApiError } from '../../../shared/errors'

/** Where and as whom to connect, after the user's OpenSSH configuration has had its say. */
export interface SshTarget {
  user: string
  hostname: string
  port: number
  identityFiles: string[]
  knownHostsFiles: string[]
}

const expand = (p: string) => (p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : p)

/** `ssh://user@host[:port]` or a bare `[user@]alias` of ~/.ssh/config. */
export function parseSshUrl(url: string): { user?: string; host: string; port?: number } {
  const bare = url.startsWith('ssh://') ? url.slice('ssh://'.length).replace(/\/$/, '') : url
  const m = /^(?:([A-Za-z0-9._-]+)@)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(bare)
  if (!m || m[2]!.startsWith('-')) throw new ApiError('invalid_input', `${url} is not an SSH address: use ssh://user@host[:port] or an alias from ~/.ssh/config`, 'url')
  const port = m[3] ? Number(m[3]) : undefined
  if (port !== undefined && (port < 1 || port > 65_535)) throw new ApiError('invalid_input', `port ${port} is out of range (1-65535)`, 'url')
  return { user: m[1], host: m[2]!.replace(/^\[|\]$/g, ''), port }
}

/**
 * Resolves an address as OpenSSH would (`ssh -G`: Host blocks, HostName, User, Port, IdentityFile,
 * UserKnownHostsFile), argv only. Where no `ssh` client is installed, the address alone with OpenSSH's defaults.
 */
export async function resolveSshTarget(url: string): Promise<SshTarget> {
  const { user, host, port } = parseSshUrl(url)
  const args = ['-G', ...(port ? ['-p', String(port)] : []), ...(user ? ['-l', user] : []), '--', host]
  const config = await promisify(execFile)('ssh', args, { timeout: 10_000 }).then((r) => r.stdout, () => null)
  const values = new Map<string, string[]>()
  for (const line of config?.split('\n') ?? []) {
    const space = line.indexOf(' ')
    if (space > 0) values.set(line.slice(0, space).toLowerCase(), [...(values.get(line.slice(0, space).toLowerCase()) ?? []), line.slice(space + 1)])
  }
  const one = (k: string) => values.get(k)?.[0]
  const known = [...(values.get('userknownhostsfile') ?? [path.join(os.homedir(), '.ssh', 'known_hosts')]), ...(values.get('globalknownhostsfile') ?? [])]
    .flatMap((v) => v.split(/\s+/)).filter((f) => f && f !== 'none').map(expand)
  return {
    user: one('user') ?? user ?? os.userInfo().username,
    hostname: one('hostname') ?? host,
    port: Number(one('port') ?? port ?? 22),
    identityFiles: (values.get('identityfile') ?? []).map(expand).filter((f) => fs.existsSync(f)),
    knownHostsFiles: known
  }
}
