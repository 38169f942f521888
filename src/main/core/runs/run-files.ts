import fs from 'node:fs/promises'
import path from 'node:path'

/** Per-run files Flightdeck keeps outside the worktree, so agents never commit them by accident. */
export function runDir(home: string, runId: string): string {
  return path.join(home, 'runs', runId)
}

export function runFilePath(home: string, runId: string, name: string): string {
  return path.join(runDir(home, runId), name)
}

export async function writeRunFile(home: string, runId: string, name: string, content: string): Promise<string> {
  const dir = runDir(home, runId)
  await fs.mkdir(dir, { recursive: true })
  const file = path.join(dir, name)
  await fs.writeFile(file, content, { mode: 0o600 })
  return file
}
