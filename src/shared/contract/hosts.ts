import { z } from 'zod'
import { command, topic } from './kit'
import { text } from './schemas'

/** One line of `host check`: what was checked, how it went, and what to do about it. */
export interface HostCheckLine {
  name: string
  status: 'ok' | 'warn' | 'fail'
  detail: string
}

/** What `host check` found on a host. */
export interface HostCheck {
  at: string
  ok: boolean
  lines: HostCheckLine[]
  os: string | null
  cores: number | null
  memoryBytes: number | null
  diskFreeBytes: number | null
  load: number | null
  agents: string[]
}

/** A machine runs can be placed on, reached over SSH. */
export interface Host {
  id: string
  name: string
  /** As given: ssh://user@host[:port] or an alias of the user's ~/.ssh/config. */
  url: string
  user: string
  hostname: string
  port: number
  identityFile: string | null
  /** The known_hosts files its key is checked against (OpenSSH's, unless given). */
  knownHostsFiles: string[]
  addedAt: string
  lastCheck: HostCheck | null
}

const hostName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a host name is 1-40 lower-case letters, digits and dashes')

export const hostCommands = {
  /** Register a host: ssh://user@host[:port] or an ~/.ssh/config alias, resolved as OpenSSH would. */
  'host.add': command<Host>()(
    z.strictObject({ name: hostName, url: text('url', 1_000), identityFile: text('identity file', 4_096).optional(), knownHostsFile: text('known_hosts file', 4_096).optional() })
  ),
  'host.list': command<Host[]>()(z.strictObject({})),
  /** Connects (the host key checked against known_hosts, never accepted silently) and reports what the host has. */
  'host.check': command<Host>()(z.strictObject({ name: hostName })),
  'host.remove': command<{ ok: true }>()(z.strictObject({ name: hostName }))
}

export const hostTopics = {
  /** A host was added, checked or removed (`host` null when removed). */
  'host.updated': topic<{ name: string; host: Host | null }>()
}
