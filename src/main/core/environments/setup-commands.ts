import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import { ApiError } from '../../../shared/errors'
import type { Store } from '../store'
import type { EnvironmentCommand } from './environment.schema'

const TAIL = 4_000

/**
 * Runs a worktree's setup or teardown commands in order (argv, never a shell), each with its timeout, output
 * appended to `logFile` and each outcome an event on the run. The first failure stops setup with its output:
 * the agent never starts in a half-made worktree.
 */
export async function runEnvironmentCommands(store: Store, opts: { runId: string; phase: 'setup' | 'teardown'; commands: readonly EnvironmentCommand[]; cwd: string; env: Record<string, string>; logFile: string }): Promise<void> {
  // A run's folder may not exist yet on its first launch (whoever else makes it, such as the agent gateway,
  // races this): without it the log would be lost in silence.
  if (opts.commands.length) await fs.promises.mkdir(path.dirname(opts.logFile), { recursive: true, mode: 0o700 })
  for (const cmd of opts.commands) {
    const { code, signal, output, timedOut } = await runOne(cmd, opts.cwd, opts.env, opts.logFile)
    const status = code === 0 ? 'passed' : 'failed'
    await store.write(async (tx) => void tx.emit('run.environment', opts.runId, { runId: opts.runId, phase: opts.phase, name: cmd.name, status, exitCode: code, output: output.slice(-TAIL) }))
    if (code !== 0) {
      const why = timedOut ? `timed out after ${cmd.timeoutSeconds} s` : signal ? `was killed by ${signal}` : `exited with ${code}`
      throw new ApiError('refused', `${opts.phase} "${cmd.name}" ${why}: ${output.slice(-600).trim() || '(no output)'}`)
    }
  }
}

function runOne(cmd: EnvironmentCommand, cwd: string, env: Record<string, string>, logFile: string): Promise<{ code: number; signal?: NodeJS.Signals; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const log = fs.createWriteStream(logFile, { flags: 'a', mode: 0o600 })
    log.on('error', () => undefined)
    log.write(`$ ${cmd.argv.join(' ')}   # ${cmd.name}\n`)
    let output = ''
    let timedOut = false
    const child = spawn(cmd.argv[0]!, cmd.argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-64 * 1024)
      log.write(chunk)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    // A setup that hangs is ended with its whole process group (a dev server it forked included).
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, cmd.timeoutSeconds * 1000)
    const done = (code: number, signal?: NodeJS.Signals) => {
      clearTimeout(timer)
      log.end(`\n[${signal ? `killed by ${signal}` : `exit ${code}`}]\n`)
      // Settled once the log is on disk: the next step (or a reader of the log) sees all of it.
      void finished(log).catch(() => undefined).then(() => resolve({ code, signal, output, timedOut }))
    }
    child.on('error', (e) => {
      output += e.message
      done(127)
    })
    // Killed by a signal counts as 128 + its number, as a shell reports it.
    child.on('close', (code, signal) => done(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1), signal ?? undefined))
  })
}
