import { type ChildProcess, spawn } from 'node:child_process'

export interface GitProcessResult {
  stdout: string
  stderr: string
  /** The exit code; 128 + n for a git killed by signal n. */
  exitCode: number
  /** The signal that killed git from outside (the OOM killer, a person), if one did. */
  signal?: string
}

/**
 * The git host's whole program, inline so it needs no file of its own in the bundle (Node built-ins only).
 * Each request is acknowledged first and its git started only once the receipt is on the channel, so a call
 * the parent holds no receipt for when the host is gone never ran. Then it answers with git's output; a git
 * that could not start answers with the error. It lives as long as its parent: the IPC channel closing (the
 * parent exited, or was killed) ends it.
 */
// process.getBuiltinModule, not require: it works whether -e runs the program as a script or as a module.
const program = `
const { spawn } = process.getBuiltinModule('node:child_process')
const { constants } = process.getBuiltinModule('node:os')
process.on('disconnect', () => process.exit(0))
const answer = (reply, then) => process.connected && process.send(reply, (error) => (error ? process.exit(1) : then && then()))
process.on('message', (call) => answer({ id: call.id, received: true }, () => run(call)))
function run({ id, cwd, args, env }) {
  let child
  try {
    child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    return answer({ id, error: String(error && error.message || error) })
  }
  const out = [], err = []
  child.stdout.on('data', (d) => out.push(d))
  child.stderr.on('data', (d) => err.push(d))
  child.stdout.on('error', () => {})
  child.stderr.on('error', () => {})
  child.on('error', (error) => answer({ id, error: error.message }))
  child.on('close', (code, signal) => answer({
    id,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    exitCode: code ?? 128 + (constants.signals[signal] || 0),
    ...(signal ? { signal } : {})
  }))
}
`

interface Pending {
  resolve: (r: GitProcessResult) => void
  reject: (e: Error) => void
  /** The host acknowledged it; without that receipt no git ran for it. */
  received: boolean
  /** Runs the call again on a new host; once only. */
  again: (() => void) | undefined
}

/** The host died with the call in flight: its git may or may not have run. */
export class GitHostStopped extends Error {
  override readonly name = 'GitHostStopped'
}

type Reply = { id: number; received: true } | { id: number; error: string } | ({ id: number } & GitProcessResult)

/**
 * Runs git processes from a small Node process of their own. Starting a process copies the starter's page
 * tables, so it costs in proportion to the starter's memory: from a 260 MB process a `git rev-parse` took
 * 9 ms against 2 ms from a 50 MB one, and while a fork runs the kernel holds the memory map's lock, so even a
 * worker thread's fork stalled the core's event loop whenever it touched new memory. One host per process,
 * started on first use, unref'd while idle, and started again if it ever dies: a call it had not received goes
 * to the new host, one it had fails with GitHostStopped (its git may have run). In Electron, process.execPath
 * is the app itself: ELECTRON_RUN_AS_NODE makes it plain Node.
 */
export class GitHost {
  private child: ChildProcess | undefined
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  run(cwd: string, args: readonly string[], env: Record<string, string>): Promise<GitProcessResult> {
    return this.call(cwd, args, env, false)
  }

  private call(cwd: string, args: readonly string[], env: Record<string, string>, retried: boolean): Promise<GitProcessResult> {
    const child = this.started()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const again = retried ? undefined : () => void this.call(cwd, args, env, true).then(resolve, reject)
      this.pending.set(id, { resolve, reject, received: false, again })
      if (this.pending.size === 1) this.hold(child, true)
      // A send that fails means the host is gone; its 'close' (after every reply it wrote is read) settles the calls.
      child.send({ id, cwd, args: [...args], env }, (error) => error && child.kill('SIGKILL'))
    })
  }

  /** The host's process id, while one runs. */
  get pid(): number | undefined {
    return this.child?.pid
  }

  private started(): ChildProcess {
    if (this.child) return this.child
    const child = spawn(process.execPath, ['-e', program], {
      // The app's NODE_OPTIONS (an inspector port, a loader, a profiler) are not the host's: it needs none.
      env: { ...withoutNodeOptions(process.env), ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      windowsHide: true
    })
    this.hold(child, false)
    child.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id)
      if (!waiting) return
      if ('received' in reply) {
        waiting.received = true
        return
      }
      this.pending.delete(reply.id)
      if (this.pending.size === 0) this.hold(child, false)
      if ('error' in reply) waiting.reject(new Error(reply.error))
      else waiting.resolve(reply)
    })
    child.on('error', (error) => this.lost(child, error.message))
    // 'close', not 'exit': it comes after the channel is read to its end, so no receipt or reply is missed.
    child.on('close', (code, signal) => this.lost(child, signal ? `killed by ${signal}` : `exit code ${code}`))
    this.child = child
    return child
  }

  /** A busy host keeps the process alive; an idle one does not (a CLI exits when its work is done). */
  private hold(child: ChildProcess, busy: boolean): void {
    const channel = child.channel as { ref(): void; unref(): void } | undefined
    if (busy) {
      child.ref()
      channel?.ref()
    } else {
      child.unref()
      channel?.unref()
    }
  }

  private lost(child: ChildProcess, why: string): void {
    if (this.child !== child) return
    this.child = undefined
    child.kill()
    const calls = [...this.pending.values()]
    this.pending.clear()
    // A call the host never received goes to a new host (its git never ran); one it had may have run: it fails.
    for (const call of calls) {
      if (!call.received && call.again) call.again()
      else call.reject(new GitHostStopped(`the git host stopped: ${why}`))
    }
  }
}

function withoutNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _dropped, ...rest } = env
  return rest
}
