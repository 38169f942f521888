import fs from 'node:fs'
import { Client, type ConnectConfig } from 'ssh2'
import type { HostCheck, HostCheckLine } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import { now } from '../ids'
import { verifyHostKey } from './known-hosts'
import type { SshTarget } from './ssh-target'

/** One fixed script (nothing of ours is interpolated into the remote shell): facts, one `key=value` per line. */
const PROBE = [
  'echo "os=$(uname -sm)"',
  'echo "cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null)"',
  "awk '/^MemTotal:/ {print \"memkb=\" $2}' /proc/meminfo 2>/dev/null",
  'echo "diskkb=$(df -Pk "$HOME" 2>/dev/null | awk \'NR==2 {print $4}\')"',
  'echo "git=$(git --version 2>/dev/null)"',
  'echo "node=$(node --version 2>/dev/null)"',
  'echo "load=$(cut -d" " -f1 /proc/loadavg 2>/dev/null)"',
  'for a in claude codex gemini opencode qwen; do command -v "$a" >/dev/null 2>&1 && echo "agent=$a"; done',
  'true'
].join('; ')

const GiB = 1024 ** 3

/** Opens an SSH connection with the host key checked against known_hosts; a refused key fails with its fingerprint. */
export function connectSsh(target: SshTarget, identityFile: string | null, timeoutMs = 15_000): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    let refusal: string | undefined
    const identity = identityFile ?? target.identityFiles[0]
    let privateKey: Buffer | undefined
    try {
      privateKey = identity ? fs.readFileSync(identity) : undefined
    } catch (error) {
      return reject(new ApiError('invalid_input', `cannot read the identity file ${identity}: ${(error as Error).message}`, 'identityFile'))
    }
    const config: ConnectConfig = {
      host: target.hostname, port: target.port, username: target.user, privateKey, agent: privateKey ? undefined : process.env.SSH_AUTH_SOCK,
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        const verdict = verifyHostKey(target.knownHostsFiles, target.hostname, target.port, key)
        if (!verdict.ok) refusal = verdict.message
        return verdict.ok
      }
    }
    client.once('ready', () => resolve(client))
    // `on`, not `once`: a connection that fails after it was made (dropped mid-probe) must not throw unhandled.
    let settled = false
    client.once('ready', () => (settled = true))
    client.on('error', (error: Error & { level?: string }) => {
      client.end()
      if (settled) return
      settled = true
      const where = `${target.user}@${target.hostname}:${target.port}`
      if (refusal) return reject(new ApiError('refused', refusal))
      if (error.level === 'client-authentication') return reject(new ApiError('unauthorized', `${where} refused the login (${identity ? `key ${identity}` : 'no key given and no ssh-agent'}): add the key to the host's authorized_keys, or give --identity`))
      if (error.level === 'client-timeout') return reject(new ApiError('unavailable', `${where} did not answer within ${timeoutMs / 1000} s`))
      reject(new ApiError('unavailable', `cannot reach ${where}: ${error.message}`))
    })
    client.connect(config)
  })
}

/** Runs the fixed probe on an open connection. */
function exec(client: Client, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(script, (error, stream) => {
      if (error) return reject(new ApiError('unavailable', `the host refused to run a command: ${error.message}`))
      let out = ''
      stream.on('data', (d: Buffer) => (out += d.toString()))
      stream.stderr.on('data', () => undefined)
      stream.on('error', reject)
      stream.on('close', () => resolve(out))
    })
  })
}

/** What a host has for Flightdeck, each line ok / warn / fail with what to do. */
export function readProbe(output: string): HostCheck {
  const facts = new Map<string, string[]>()
  for (const line of output.split('\n')) {
    const eq = line.indexOf('=')
    if (eq > 0) facts.set(line.slice(0, eq), [...(facts.get(line.slice(0, eq)) ?? []), line.slice(eq + 1).trim()])
  }
  const get = (k: string) => facts.get(k)?.[0] || null
  const num = (k: string) => (get(k) && Number.isFinite(Number(get(k))) ? Number(get(k)) : null)
  const agents = facts.get('agent') ?? []
  const node = get('node')
  const nodeMajor = node ? Number(/^v(\d+)/.exec(node)?.[1] ?? 0) : 0
  const disk = num('diskkb') === null ? null : num('diskkb')! * 1024
  const lines: HostCheckLine[] = [
    { name: 'reachable', status: 'ok', detail: `logged in; ${get('os') ?? 'unknown system'}` },
    get('git') ? { name: 'git', status: 'ok', detail: get('git')! } : { name: 'git', status: 'fail', detail: 'git is not installed on the host: install it (runs need a worktree there)' },
    !node
      ? { name: 'node', status: 'fail', detail: "Node is not installed on the host: install Node 20 or newer (Flightdeck's pty host runs on it)" }
      : nodeMajor < 20 ? { name: 'node', status: 'fail', detail: `Node ${node} is too old: the pty host needs Node 20 or newer` } : { name: 'node', status: 'ok', detail: node },
    disk === null ? { name: 'disk', status: 'warn', detail: 'free space of the home folder unknown' }
      : disk < GiB ? { name: 'disk', status: 'fail', detail: `${(disk / GiB).toFixed(2)} GiB free in the home folder: free some space (worktrees need room)` }
        : { name: 'disk', status: disk < 5 * GiB ? 'warn' : 'ok', detail: `${(disk / GiB).toFixed(1)} GiB free in the home folder` },
    agents.length ? { name: 'agents', status: 'ok', detail: agents.join(', ') } : { name: 'agents', status: 'warn', detail: 'no agent CLI found on PATH (claude, codex, gemini, opencode, qwen): only shell agents can run there' },
    { name: 'capacity', status: 'ok', detail: `${num('cores') ?? '?'} cores, ${num('memkb') ? `${(num('memkb')! / 1024 ** 2).toFixed(1)} GiB` : '? GiB'} memory, load ${get('load') ?? '?'}` }
  ]
  return {
    at: now(), ok: !lines.some((l) => l.status === 'fail'), lines, os: get('os'), cores: num('cores'),
    memoryBytes: num('memkb') === null ? null : num('memkb')! * 1024, diskFreeBytes: disk, load: num('load'), agents
  }
}

/** Connects, probes and disconnects. */
export async function probeHost(target: SshTarget, identityFile: string | null): Promise<HostCheck> {
  const client = await connectSsh(target, identityFile)
  try {
    return readProbe(await exec(client, PROBE))
  } finally {
    client.end()
  }
}
