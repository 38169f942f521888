import type { GitRunner } from './git-runner'

export const FLIGHTDECK_IDENTITY = { name: 'Flightdeck', email: 'flightdeck@localhost' } as const

/**
 * `-c user.name=… -c user.email=…` for whichever half of the identity git has no configuration for, so
 * commits work on a fresh machine while a configured user still authors their own commits.
 */
export async function identityArgs(git: GitRunner, cwd: string): Promise<string[]> {
  // Exit 1 just means neither key is set.
  const { stdout } = await git(cwd, ['config', '--get-regexp', '^user\\.(name|email)$'], { okExitCodes: [0, 1] })
  const keys = new Set(
    stdout
      .split('\n')
      .filter((line) => line.trim().includes(' '))
      .map((line) => line.split(' ')[0]?.toLowerCase())
  )
  const args: string[] = []
  if (!keys.has('user.name')) args.push('-c', `user.name=${FLIGHTDECK_IDENTITY.name}`)
  if (!keys.has('user.email')) args.push('-c', `user.email=${FLIGHTDECK_IDENTITY.email}`)
  return args
}
