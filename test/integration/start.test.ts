import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { stopPtyHost } from '../fixtures/serve'
import { tempDir } from '../fixtures/temp'
// @ts-expect-error plain ESM script without types
import { detectElectron } from '../../scripts/detect-electron.js'

const root = path.resolve(import.meta.dirname, '..', '..')

describe('npm start', () => {
  const cleanups: (() => void)[] = []
  // Last in, first out: stop the app, then its pty host, then remove the folder.
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()))

  it('falls back to browser mode without a display, says why, and serves the UI behind the printed token', async () => {
    const tmp = tempDir('fd-start-')
    cleanups.push(tmp.cleanup)
    cleanups.push(() => stopPtyHost(tmp.dir))
    const env: NodeJS.ProcessEnv = { ...process.env, FLIGHTDECK_HOME: tmp.dir }
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js'), '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] })
    cleanups.push(() => child.kill('SIGTERM'))
    const lines: string[] = []
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${lines.join('\n')}`)), 60_000)
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line)
        const match = /open: (http\S+)/.exec(line)
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
    })
    expect(lines.join('\n')).toMatch(/starting in browser mode because there is no display/)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
    const login = await fetch(url, { redirect: 'manual' })
    expect(login.status).toBe(302)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const page = await fetch(new URL(url).origin, { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    expect((await fetch(new URL(url).origin)).status).toBe(401)
  }, 90_000)

  it('detects why Electron cannot open a window', () => {
    expect(detectElectron({ FLIGHTDECK_BROWSER: '1' })).toMatchObject({ ok: false, reason: /FLIGHTDECK_BROWSER/ })
    expect(detectElectron({}, 'linux')).toMatchObject({ ok: false, reason: /no display/ })
    // Both outcomes on a package folder of our making, so neither depends on what this machine has.
    const tmp = tempDir('fd-electron-')
    cleanups.push(tmp.cleanup)
    const pkg = path.join(tmp.dir, 'electron')
    fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true })
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }))
    // Without the binary (offline, no download), it says which one is missing.
    expect(detectElectron({ DISPLAY: ':0' }, 'linux', false, pkg)).toEqual({ ok: false, reason: 'the Electron 45.4.1 binary is missing' })
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron')
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '')
    expect(detectElectron({ DISPLAY: ':0' }, 'linux', false, pkg)).toEqual({ ok: true, path: path.join(pkg, 'dist', 'electron'), version: '45.4.1' })
  })
})
