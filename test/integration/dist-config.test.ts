import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import picomatch from 'picomatch'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { electronLayout } from '../../src/main/core/runtime/launch-layout'

const root = path.resolve(import.meta.dirname, '..', '..')
const require = createRequire(import.meta.url)
const config = () => parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>

/** electron-builder's own schema check, the one `npm run dist` runs first. */
async function validate(cfg: object): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
  const { DebugLogger } = require('builder-util')
  await validateConfiguration(cfg, new DebugLogger(false))
}

/**
 * The installers cannot be built here (electron-builder downloads Electron and its tools), so the config is
 * checked as far as it can be without them: electron-builder's schema, the files it names, and that the
 * packaged layout is the one the desktop runtime expects.
 */
describe('installer configuration (npm run dist)', () => {
  it('passes electron-builder’s schema, and the schema check is live', async () => {
    await expect(validate(config())).resolves.toBeUndefined()
    await expect(validate({ ...config(), nsis: { oneclick: false } })).rejects.toThrow(/configuration.nsis should be/)
  })

  it('builds AppImage and deb, dmg and NSIS, with the app id, icons and hook it names', () => {
    const c = config()
    expect(c.appId).toBe('dev.flightdeck.app')
    expect([c.linux.target, c.mac.target, c.win.target]).toEqual([['AppImage', 'deb'], ['dmg'], ['nsis']])
    for (const icon of [c.linux.icon, c.mac.icon, c.win.icon]) {
      const png = fs.readFileSync(path.join(root, icon))
      // electron-builder makes .icns and .ico from a PNG of at least 512 px (width at byte 16 of the IHDR).
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
    }
    expect(fs.existsSync(path.join(root, c.afterPack))).toBe(true)
    expect(c.npmRebuild).toBe(false)
  })

  it('packs every built entry the app runs, and unpacks them where the packaged layout looks', () => {
    const c = config()
    const include = c.files.filter((f: string) => !f.startsWith('!'))
    const exclude = c.files.filter((f: string) => f.startsWith('!')).map((f: string) => f.slice(1))
    const packed = (file: string) => picomatch(include)(file) && !picomatch(exclude)(file)
    for (const entry of ['out/main/index.js', 'out/main/cli.js', 'out/main/pty-host.js', 'out/main/scrollback.worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/tray-icon.png', 'package.json']) {
      expect(packed(entry), entry).toBe(true)
    }
    expect(c.asar).toBe(false)
    const { appDir } = require(path.join(root, c.afterPack))
    const linuxApp = appDir({ appOutDir: '/opt/Flightdeck', electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Flightdeck' } } })
    const macApp = appDir({ appOutDir: '/tmp/mac', electronPlatformName: 'darwin', packager: { appInfo: { productFilename: 'Flightdeck' } } })
    expect(linuxApp).toBe('/opt/Flightdeck/resources/app')
    expect(macApp).toBe('/tmp/mac/Flightdeck.app/Contents/Resources/app')
    // Electron's app.getAppPath() is that folder, so the runtime finds its CLI and pty host in it.
    expect(electronLayout({ execPath: '/opt/Flightdeck/flightdeck', appPath: linuxApp, isPackaged: true }).cli.argv).toEqual(['/opt/Flightdeck/flightdeck', '/opt/Flightdeck/resources/app/out/main/cli.js'])
  })

  it('keeps npm install offline: Electron’s download script never runs at install', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
    expect(pkg.allowScripts.electron).toBe(false)
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder')
  })
})
