import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { GitHost, GitHostStopped } from './git-host'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-git-host-'))
execFileSync('git', ['init', '-q', '-b', 'main', dir])
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', HOME: dir }

it('runs gits from its own process and answers each call with its own output and exit code', async () => {
  const host = new GitHost()
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => host.run(dir, i % 2 ? ['rev-parse', '--show-toplevel'] : ['rev-parse', `no-such-ref-${i}`], env)))
  answers.forEach((a, i) => {
    if (i % 2) expect(a).toMatchObject({ exitCode: 0, stdout: `${fs.realpathSync(dir)}\n` })
    else expect(a).toMatchObject({ exitCode: 128, stderr: expect.stringContaining(`no-such-ref-${i}`) })
  })
})

it('fails a call whose git had started when its process dies, with the reason, and starts a new one for the next call', async () => {
  const host = new GitHost()
  await host.run(dir, ['--version'], env)
  const pid = host.pid ?? 0
  // A git that runs for a while (an alias to a shell command), so the host is killed with it in flight.
  const inFlight = host.run(dir, ['-c', 'alias.wait=!sleep 2', 'wait'], env)
  while (!fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()) await new Promise((r) => setTimeout(r, 5))
  process.kill(pid, 'SIGKILL')
  await expect(inFlight).rejects.toThrow(/the git host stopped: killed by SIGKILL/)
  await expect(inFlight).rejects.toBeInstanceOf(GitHostStopped)
  expect((await host.run(dir, ['--version'], env)).stdout).toMatch(/^git version/)
})

it('gives the calls a dead host never received to a new host (their gits never ran)', async () => {
  for (const wait of [false, true]) {
    const host = new GitHost()
    await host.run(dir, ['--version'], env)
    const old = host.pid ?? 0
    process.kill(old, 'SIGKILL')
    // Sent at once, the calls reach a host that is dying; sent after it is gone, the send itself fails (EPIPE).
    while (wait && alive(old)) await new Promise((r) => setTimeout(r, 5))
    const answers = await Promise.all([host.run(dir, ['--version'], env), host.run(dir, ['rev-parse', '--git-dir'], env)])
    expect(answers.map((a) => a.exitCode)).toEqual([0, 0])
    expect(host.pid).not.toBe(old)
  }
})

it("starts without the app's NODE_OPTIONS (a loader that would fail it there)", async () => {
  const saved = process.env.NODE_OPTIONS
  process.env.NODE_OPTIONS = `--require ${path.join(dir, 'no-such-preload.cjs')}`
  try {
    expect((await new GitHost().run(dir, ['--version'], env)).stdout).toMatch(/^git version/)
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS
    else process.env.NODE_OPTIONS = saved
  }
})

it('reports a git that could not start (no such folder) as an error, not an exit code', async () => {
  await expect(new GitHost().run(path.join(dir, 'missing'), ['status'], env)).rejects.toThrow(/ENOENT/)
})

it('lets a process that is done exit while its host idles, and the host ends with a parent killed by SIGKILL', async () => {
  const script = path.join(dir, 'parent.mts')
  const hostModule = path.join(import.meta.dirname, 'git-host.ts')
  fs.writeFileSync(
    script,
    `import { GitHost } from ${JSON.stringify(hostModule)}
const host = new GitHost()
const r = await host.run(${JSON.stringify(dir)}, ['--version'], ${JSON.stringify(env)})
console.log(JSON.stringify({ out: r.stdout, host: host.pid }))
if (process.argv[2] === 'wait') setInterval(() => {}, 1000)`
  )
  const done = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 20_000 })
  expect(JSON.parse(done).out).toMatch(/^git version/)

  const { spawn } = await import('node:child_process')
  const parent = spawn(process.execPath, ['--import', 'tsx', script, 'wait'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(d.toString())))
  const hostPid = JSON.parse(line).host as number
  expect(alive(hostPid)).toBe(true)
  parent.kill('SIGKILL')
  const end = Date.now() + 10_000
  while (alive(hostPid) && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
  expect(alive(hostPid)).toBe(false)
}, 30_000)

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')
  } catch {
    return false
  }
}
