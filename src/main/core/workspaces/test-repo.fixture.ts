import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A throwaway repository on real git: `<tmp>/repo`, so default worktrees land in `<tmp>/.flightdeck-worktrees`. */
export interface TestRepo {
  root: string
  repo: string
  git(args: string[], cwd?: string): string
  write(path: string, content: string | Buffer, cwd?: string): void
  commitAll(message: string, cwd?: string): string
  dispose(): void
}

/** Test setup drives git directly (argv, never a shell); the code under test goes through simple-git. */
export function makeTestRepo(files: Record<string, string> = { 'README.md': 'hello\n' }): TestRepo {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'fd-ws-test-')))
  const repo = join(root, 'repo')
  mkdirSync(repo)
  const git = (args: string[], cwd = repo): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const write = (path: string, content: string | Buffer, cwd = repo): void => {
    mkdirSync(dirname(join(cwd, path)), { recursive: true })
    writeFileSync(join(cwd, path), content)
  }
  const commitAll = (message: string, cwd = repo): string => {
    git(['add', '--all'], cwd)
    git(['commit', '--quiet', '--no-verify', '-m', message], cwd)
    return git(['rev-parse', 'HEAD'], cwd).trim()
  }
  git(['init', '--quiet', '-b', 'main'])
  git(['config', 'user.name', 'Test User'])
  git(['config', 'user.email', 'test@example.com'])
  git(['config', 'commit.gpgSign', 'false'])
  for (const [path, content] of Object.entries(files)) write(path, content)
  commitAll('initial')
  return { root, repo, git, write, commitAll, dispose: () => rmSync(root, { recursive: true, force: true }) }
}
