import { afterEach, describe, expect, it } from 'vitest'
import { isAlive, spawnPty, type PtyExit, type PtyProcess } from './pty.adapter'
import { waitFor } from './pty-host.test-support'

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8' }
const started: PtyProcess[] = []

function run(argv: string[], cols = 80, rows = 24) {
  const [file, ...args] = argv as [string, ...string[]]
  const pty = spawnPty(file, args, { cwd: '/tmp', env, cols, rows })
  started.push(pty)
  let output = ''
  pty.onData((d) => (output += d))
  const exited = new Promise<PtyExit & { output: string }>((r) => pty.onExit((e) => r({ ...e, output })))
  return { pty, exited, output: () => output }
}

afterEach(async () => {
  for (const p of started.splice(0)) if (isAlive(p.pid)) p.kill('SIGKILL')
})

describe('pty adapter (real node-pty)', () => {
  it('round-trips input through cat and reports the exit code', async () => {
    const { pty, exited, output } = run(['/bin/sh', '-c', 'cat; exit 3'])
    pty.write('hello pty\r')
    await waitFor(() => output().includes('hello pty\r\nhello pty'), 10_000, 'echo + cat output')
    pty.write('\x04') // EOF for cat
    const exit = await exited
    expect(exit.code).toBe(3)
    expect(exit.signal).toBeNull()
  })

  it('applies resize to the terminal (stty size)', async () => {
    const { pty, output } = run(['/bin/sh', '-c', 'stty size; read x; stty size'], 100, 30)
    await waitFor(() => output().includes('30 100'), 10_000, 'initial size')
    pty.resize(132, 43)
    pty.write('\r')
    await waitFor(() => output().includes('43 132'), 10_000, 'resized size')
  })

  it('kill() takes down the whole process group, children included', async () => {
    const { pty, exited, output } = run(['/bin/sh', '-c', 'sleep 300 & echo child=$!; wait'])
    const child = Number((await waitFor(() => /child=(\d+)/.exec(output()), 10_000, 'child pid'))[1])
    expect(isAlive(child)).toBe(true)
    pty.kill('SIGTERM')
    const exit = await exited
    expect(exit.signal).toBe(15)
    await waitFor(() => !isAlive(child), 5_000, 'background child to die')
  })

  it('delivers the tail of fast-exiting commands before exit (node-pty #726)', async () => {
    // 9 KB of output then exit: without the held slave fd, 48 of 50 runs lost everything past 4095 bytes.
    let next = 0
    const failures: string[] = []
    const worker = async () => {
      while (next < 60) {
        const i = next++
        const { exited } = run(['/bin/sh', '-c', `seq 1 2000; echo marker-${i}`])
        const { output, code } = await exited
        if (code !== 0 || !output.includes('\r\n2000\r\n') || !output.includes(`marker-${i}`)) failures.push(`#${i}: ${output.length} chars`)
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker))
    expect(failures).toEqual([])
  })
})
