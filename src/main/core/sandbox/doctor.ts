import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import type { DoctorCheck } from '../../../shared/contract'
import { AgentCatalog, findOnPath } from '../agents/agent-catalog'
import { policySchema } from '../policy/policy.schema'
import type { Secrets } from '../secrets/secrets'
import { ptyHostPaths } from '../sessions/pty-host.protocol'
import type { Store } from '../store'
import { sandboxSupport } from './sandbox-support'

const run = promisify(execFile)
const check = (name: string, status: DoctorCheck['status'], detail: string, fix: string | null = null): DoctorCheck => ({ name, status, detail, fix })

async function version(program: string): Promise<string | null> {
  try {
    const { stdout, stderr } = await run(program, ['--version'], { timeout: 10_000 })
    return (stdout || stderr).trim().split('\n')[0] ?? ''
  } catch {
    return null
  }
}

async function gitCheck(): Promise<DoctorCheck> {
  const v = await version('git')
  if (!v) return check('git', 'fail', 'git is not on PATH', 'install git 2.31 or newer')
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number)
  return major > 2 || (major === 2 && minor >= 31) ? check('git', 'ok', v) : check('git', 'fail', `${v}: worktrees need 2.31 or newer`, 'upgrade git')
}

async function agentChecks(): Promise<DoctorCheck[]> {
  const agents = new AgentCatalog().list(policySchema.parse({})).filter((a) => a.name !== 'shell')
  return Promise.all(agents.map(async (a) => {
    if (!a.path) return check(`agent: ${a.label}`, 'warn', `${a.command} is not on PATH`, `install ${a.label} to run it, or set its program in Settings → Agents`)
    return check(`agent: ${a.label}`, 'ok', `${a.path} (${(await version(a.path)) ?? 'version unknown'})`)
  }))
}

function ptyHostCheck(home: string): DoctorCheck {
  try {
    const { pid } = JSON.parse(fs.readFileSync(ptyHostPaths(home).info, 'utf8')) as { pid: number }
    process.kill(pid, 0)
    return check('pty host', 'ok', `running (pid ${pid})`)
  } catch {
    return check('pty host', 'ok', 'not running; it starts with the first run and stops when idle')
  }
}

function diskCheck(home: string): DoctorCheck {
  const stat = fs.statfsSync(fs.existsSync(home) ? home : '/')
  const freeGiB = (stat.bavail * stat.bsize) / 2 ** 30
  const detail = `${freeGiB.toFixed(1)} GiB free where Flightdeck keeps data (${home})`
  if (freeGiB < 1) return check('disk space', 'fail', detail, 'free disk space: every run checks out a worktree')
  return check('disk space', freeGiB < 5 ? 'warn' : 'ok', detail, freeGiB < 5 ? 'worktrees and dependencies of parallel runs need room' : null)
}

/** Which `sandbox.network` modes this machine can enforce. */
export function networkCheck(sandbox: ReturnType<typeof sandboxSupport>, perl = findOnPath('perl')): DoctorCheck {
  if (!sandbox.ok) return check('sandbox network', 'warn', 'no sandbox: agents get the machine\'s network whatever sandbox.network says', 'make the sandbox available (see the sandbox line)')
  if (sandbox.tool === 'sandbox-exec') return check('sandbox network', 'warn', 'on and off; allow-list needs a network namespace sandbox-exec does not give (runs with it are refused)', 'use sandbox.network "on" or "off" on macOS')
  if (!perl) return check('sandbox network', 'warn', 'on and off; allow-list needs perl to start its forwarder inside the sandbox (runs with it are refused)', 'install perl-base')
  return check('sandbox network', 'ok', 'on, off and allow-list (own network namespace; only Flightdeck\'s proxy leads out); provider keys go through Flightdeck\'s relay (on, allow-list)')
}

/** `flightdeck doctor`: every line ok, warn or fail, with what to do. */
export async function runDoctor(deps: { store: Store; home: string; secrets: Secrets }): Promise<DoctorCheck[]> {
  const sandbox = sandboxSupport()
  const backend = (await deps.secrets.status()).backend
  const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(deps.store.db)
  const dbOk = integrity.rows.map((r) => r.integrity_check).join('; ')
  return [
    await gitCheck(),
    ...(await agentChecks()),
    sandbox.ok
      ? check('sandbox', 'ok', `${sandbox.tool} confines agents to their worktree (${sandbox.path})`)
      : check('sandbox', 'warn', `agents run unconfined: ${sandbox.reason}`, process.platform === 'linux' ? 'apt-get install bubblewrap, or allow unprivileged user namespaces' : null),
    networkCheck(sandbox),
    backend.warning ? check('keychain', 'warn', `${backend.label}: ${backend.warning}`, 'run a keyring (GNOME Keyring, KWallet) in your session to keep keys encrypted') : check('keychain', 'ok', backend.label),
    ptyHostCheck(deps.home),
    dbOk === 'ok' ? check('database', 'ok', 'integrity check passed') : check('database', 'fail', `integrity check: ${dbOk}`, 'restore flightdeck.db from a backup, or move it aside to start afresh'),
    diskCheck(deps.home)
  ]
}
