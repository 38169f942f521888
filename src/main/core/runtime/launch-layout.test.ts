import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { electronLayout, nodeLayout } from './launch-layout'
import { shellCommandLine } from './node-command'

describe('launch layouts', () => {
  it('runs the same built entries with Node in a checkout and with Electron’s binary as Node in the app', () => {
    expect(nodeLayout('/src/fd/out/main', '/usr/bin/node')).toMatchObject({
      kind: 'node',
      cli: { argv: ['/usr/bin/node', '/src/fd/out/main/cli.js'], env: {} },
      ptyHost: { execPath: '/usr/bin/node', args: ['/src/fd/out/main/pty-host.js'], env: {} }
    })
    const dev = electronLayout({ execPath: '/src/fd/node_modules/electron/dist/electron', appPath: '/src/fd', isPackaged: false })
    expect(dev).toMatchObject({ kind: 'electron-dev', cli: { argv: ['/src/fd/node_modules/electron/dist/electron', '/src/fd/out/main/cli.js'], env: { ELECTRON_RUN_AS_NODE: '1' } } })
    const app = electronLayout({ execPath: 'C:\\Program Files\\Flightdeck\\Flightdeck.exe', appPath: '/opt/Flightdeck/resources/app', isPackaged: true })
    expect(app).toMatchObject({ kind: 'packaged', ptyHost: { execPath: 'C:\\Program Files\\Flightdeck\\Flightdeck.exe', env: { ELECTRON_RUN_AS_NODE: '1' } } })
  })

  it('quotes every part of a hook command, so a path with quotes, spaces or $ runs as itself in a shell', () => {
    const weird = "/tmp/it's $HOME `x`/out/main/cli.js"
    const line = shellCommandLine({ argv: ['/bin/echo', weird], env: { ELECTRON_RUN_AS_NODE: '1' } }, ['--home', '; rm -rf /'])
    expect(execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' })).toBe(`${weird} --home ; rm -rf /\n`)
    expect(() => shellCommandLine({ argv: ['/bin/true'], env: { 'A=B; x': '1' } }, [])).toThrow(/not an environment variable name/)
  })
})
