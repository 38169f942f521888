import fs from 'node:fs'
import path from 'node:path'

/**
 * The forwarder that runs inside the sandbox: it listens on 127.0.0.1:PORT of the sandbox's own network
 * namespace and carries each connection, byte for byte, to the run's egress socket (bound into the sandbox
 * from the run folder), where Flightdeck's proxy and relay answer. It has no policy of its own: the proxy
 * outside decides. While no engine serves the socket yet (a run launched by another process), it retries.
 */
const forwarderSource = `'use strict'
const net = require('node:net')
const [port, socketPath] = process.argv.slice(2)
for (const signal of ['SIGHUP', 'SIGINT', 'SIGPIPE']) process.on(signal, () => {})
const server = net.createServer({ allowHalfOpen: true }, (client) => {
  client.on('error', () => client.destroy())
  client.pause()
  let tries = 0
  const attempt = () => {
    if (client.destroyed) return
    const upstream = net.connect({ path: socketPath, allowHalfOpen: true })
    let connected = false
    upstream.once('connect', () => {
      connected = true
      client.pipe(upstream)
      upstream.pipe(client)
      client.resume()
    })
    upstream.on('error', () => {
      if (!connected && ++tries < 100) return void setTimeout(attempt, 100)
      upstream.destroy()
      client.destroy()
    })
    upstream.on('close', () => client.writableEnded || client.destroyed || client.end())
    client.on('close', () => upstream.destroy())
  }
  attempt()
})
server.on('error', (error) => {
  process.stderr.write('flightdeck egress forwarder: ' + error.message + '\\n')
  process.exit(1)
})
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\\n'))
`

export function writeForwarder(runDirectory: string): string {
  const file = path.join(runDirectory, 'egress-forward.cjs')
  fs.writeFileSync(file, forwarderSource, { mode: 0o600 })
  return file
}

/** The forwarder's argv: this Node (Electron's binary runs as Node with ELECTRON_RUN_AS_NODE). */
export function forwarderArgv(script: string, port: number, socketPath: string): string[] {
  const node = process.versions.electron ? ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath] : [process.execPath]
  return [...node, script, String(port), socketPath]
}

/**
 * A prefix that starts the forwarder in the background of the sandbox (detached twice, so it belongs to the
 * sandbox's init and not to the agent), waits until it listens, then execs the rest of the argv. The
 * forwarder dies with the sandbox: bubblewrap's pid namespace ends when the agent does.
 */
export function egressPrefix(perl: string, forwarder: readonly string[]): string[] {
  const script = [
    'my $n = shift @ARGV; my @fwd = splice(@ARGV, 0, $n);',
    'pipe(my $r, my $w) or die "flightdeck: pipe: $!\\n";',
    'my $pid = fork(); die "flightdeck: fork: $!\\n" unless defined $pid;',
    'if (!$pid) { close $r; POSIX::setsid(); exit 0 if fork(); open(STDIN, "<", "/dev/null"); open(STDOUT, ">&", $w); open(STDERR, ">", "/dev/null"); exec { $fwd[0] } @fwd; POSIX::_exit(127) }',
    'close $w; waitpid($pid, 0); my $line = <$r>; close $r;',
    'die "flightdeck: the network forwarder did not start\\n" unless defined $line && $line eq "ready\\n";',
    'exec { $ARGV[0] } @ARGV or die "flightdeck: cannot run $ARGV[0]: $!\\n";'
  ].join(' ')
  return [perl, '-MPOSIX', '-e', script, String(forwarder.length), ...forwarder]
}
