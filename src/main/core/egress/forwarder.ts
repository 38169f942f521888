/**
 * The forwarder that runs inside the sandbox, in Perl (perl-base is on every Debian and Ubuntu system, starts in
 * milliseconds, and needs no Node or Electron binary inside the box). It listens on 127.0.0.1:PORT of the
 * sandbox's own network namespace and carries each connection, byte for byte, to the run's egress socket
 * (bound into the sandbox from the run folder), where Flightdeck's proxy and relay answer; it has no policy
 * of its own. One process per connection. While no engine serves the socket yet (a run launched by another
 * process), a connection retries for 10 s.
 */
const forwarder = [
  'socket(my $l, PF_INET, SOCK_STREAM, 0) or die "flightdeck forwarder: socket: $!\\n";',
  'setsockopt($l, SOL_SOCKET, SO_REUSEADDR, 1);',
  'bind($l, pack_sockaddr_in($port, inet_aton("127.0.0.1"))) or die "flightdeck forwarder: cannot listen on 127.0.0.1:$port: $!\\n";',
  'listen($l, 128) or die "flightdeck forwarder: listen: $!\\n";',
  'syswrite($w, "ready\\n"); close $w;',
  '$SIG{$_} = "IGNORE" for qw(CHLD PIPE HUP INT);',
  'while (1) {',
  '  accept(my $c, $l) or next;',
  '  my $kid = fork(); if (!defined $kid || $kid) { close $c; next }',
  '  close $l; my $u; my $ok = 0;',
  '  for (1 .. 100) { socket($u, PF_UNIX, SOCK_STREAM, 0); if (connect($u, pack_sockaddr_un($sock))) { $ok = 1; last } close $u; select(undef, undef, undef, 0.1) }',
  '  POSIX::_exit(0) unless $ok;',
  '  my %to = (fileno($c) => $u, fileno($u) => $c); my $rin = ""; vec($rin, fileno($_), 1) = 1 for ($c, $u); my $open = 2;',
  '  while ($open) {',
  '    next unless select(my $rout = $rin, undef, undef, undef) > 0;',
  '    for my $from ($c, $u) {',
  '      next unless vec($rout, fileno($from), 1);',
  '      my $out = $to{fileno $from}; my $n = sysread($from, my $buf, 262144);',
  '      if (!$n) { shutdown($out, 1); vec($rin, fileno($from), 1) = 0; $open--; next }',
  '      for (my $at = 0; $at < $n;) { my $m = syswrite($out, $buf, $n - $at, $at); POSIX::_exit(0) unless defined $m; $at += $m }',
  '    }',
  '  }',
  '  POSIX::_exit(0);',
  '}'
].join(' ')

/**
 * A prefix that starts the forwarder in the background of the sandbox (detached twice, so it belongs to the
 * sandbox's init and not to the agent, in a session of its own, away from the agent's terminal), waits until
 * it listens, then execs the rest of the argv. The forwarder dies with the sandbox: bubblewrap's pid
 * namespace ends when the agent does.
 */
export function egressPrefix(perl: string, port: number, socketPath: string): string[] {
  const script = [
    'my $port = shift @ARGV; my $sock = shift @ARGV;',
    'pipe(my $r, my $w) or die "flightdeck: pipe: $!\\n";',
    'my $pid = fork(); die "flightdeck: fork: $!\\n" unless defined $pid;',
    'if (!$pid) { close $r; POSIX::setsid(); POSIX::_exit(0) if fork(); open(STDIN, "<", "/dev/null"); open(STDOUT, ">", "/dev/null"); open(STDERR, ">", "/dev/null");',
    forwarder,
    '}',
    'close $w; waitpid($pid, 0); my $line = <$r>; close $r;',
    'die "flightdeck: the network forwarder did not start (is 127.0.0.1:$port taken inside the sandbox?)\\n" unless defined $line && $line eq "ready\\n";',
    'exec { $ARGV[0] } @ARGV or die "flightdeck: cannot run $ARGV[0]: $!\\n";'
  ].join(' ')
  return [perl, '-MPOSIX', '-MSocket', '-e', script, String(port), socketPath]
}
