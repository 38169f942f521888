import fs from 'node:fs'
import path from 'node:path'
import type { Host, HostCheck, ParsedInput } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import type { HostRow } from '../db/tables/host.table'
import { newId, now } from '../ids'
import type { Store } from '../store'
import { probeHost } from './host-probe'
import { resolveSshTarget, type SshTarget } from './ssh-target'

function toHost(row: HostRow): Host {
  return {
    id: row.id, name: row.name, url: row.url, user: row.user, hostname: row.hostname, port: row.port, identityFile: row.identity_file,
    knownHostsFiles: JSON.parse(row.known_hosts) as string[], addedAt: row.added_at, lastCheck: row.last_check ? (JSON.parse(row.last_check) as HostCheck) : null
  }
}

/** Hosts runs can be placed on: registered from an SSH address (resolved as OpenSSH would) and checked over SSH. */
export class HostService {
  constructor(private readonly store: Store) {}

  async add(input: ParsedInput<'host.add'>): Promise<Host> {
    if (await this.find(input.name)) throw new ApiError('already_exists', `a host named ${input.name} exists; remove it first or pick another name`, 'name')
    const target = await resolveSshTarget(input.url)
    const identity = input.identityFile ? path.resolve(input.identityFile) : null
    if (identity && !fs.existsSync(identity)) throw new ApiError('invalid_input', `the identity file ${identity} does not exist`, 'identityFile')
    const known = input.knownHostsFile ? [path.resolve(input.knownHostsFile)] : target.knownHostsFiles
    const row: HostRow = {
      id: newId(), name: input.name, url: input.url, user: target.user, hostname: target.hostname, port: target.port, identity_file: identity,
      known_hosts: JSON.stringify(known), last_check: null, added_at: now()
    }
    const host = toHost(row)
    await this.store.write(async (tx) => {
      await tx.db.insertInto('hosts').values(row).execute()
      tx.emit('host.updated', row.id, { name: row.name, host })
    })
    return host
  }

  async list(): Promise<Host[]> {
    return (await this.store.db.selectFrom('hosts').selectAll().orderBy('name').execute()).map(toHost)
  }

  /** Connects and probes; the result is kept on the host either way (a failed check is a check too). */
  async check(name: string): Promise<Host> {
    const host = await this.get(name)
    const target: SshTarget = { user: host.user, hostname: host.hostname, port: host.port, identityFiles: [], knownHostsFiles: host.knownHostsFiles }
    let check: HostCheck
    try {
      check = await probeHost(target, host.identityFile)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      check = { at: now(), ok: false, lines: [{ name: 'reachable', status: 'fail', detail }], os: null, cores: null, memoryBytes: null, diskFreeBytes: null, load: null, agents: [] }
    }
    const checked = { ...host, lastCheck: check }
    await this.store.write(async (tx) => {
      await tx.db.updateTable('hosts').set({ last_check: JSON.stringify(check) }).where('id', '=', host.id).execute()
      tx.emit('host.updated', host.id, { name: host.name, host: checked })
    })
    return checked
  }

  async remove(name: string): Promise<{ ok: true }> {
    const host = await this.get(name)
    await this.store.write(async (tx) => {
      await tx.db.deleteFrom('hosts').where('id', '=', host.id).execute()
      tx.emit('host.updated', host.id, { name, host: null })
    })
    return { ok: true }
  }

  private async find(name: string): Promise<Host | undefined> {
    const row = await this.store.db.selectFrom('hosts').selectAll().where('name', '=', name).executeTakeFirst()
    return row ? toHost(row) : undefined
  }

  private async get(name: string): Promise<Host> {
    const host = await this.find(name)
    if (!host) throw new ApiError('not_found', `no host named ${name} (flightdeck host list shows them)`, 'name')
    return host
  }
}
