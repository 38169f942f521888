import { Play } from 'lucide-react'
import { type FormEvent, useState } from 'react'
import type { AgentInfo, Issue } from '../../../shared/domain'
import { useApp, useClient } from '../app/context'
import { splitArgv } from '../lib/split-argv'
import { AgentPicker } from './AgentPicker'
import { Button } from './ui/Button'
import { Field, inputClass } from './ui/Field'
import { useQuery } from './use-query'
import { useSubmit } from './use-submit'

function parseCommand(line: string): { argv?: string[]; error?: string } {
  try {
    const argv = splitArgv(line)
    return argv.length ? { argv } : { error: 'type the command to run' }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}

/**
 * Picks an agent (and for the shell agent, a command line) and queues a run of the issue; optionally its branch
 * starts at another branch's tip instead of the base's.
 */
export function StartRunForm({ issue }: { issue: Issue }) {
  const client = useClient()
  const openRun = useApp((s) => s.openRun)
  const agents = useQuery(() => client.invoke('agent.list', { repoId: issue.repoId }), [client, issue.repoId])
  const [picked, setPicked] = useState<string | null>(null)
  const [commandLine, setCommandLine] = useState('')
  const [fromBranch, setFromBranch] = useState('')
  const { pending, submit, fieldError, formError } = useSubmit()

  const list: AgentInfo[] = agents.data ?? []
  const agent = picked ?? list.find((a) => a.installed && a.isDefault)?.name ?? list.find((a) => a.installed)?.name ?? null
  const isShell = agent === 'shell'
  const command = isShell ? parseCommand(commandLine) : {}

  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    if (!agent || (isShell && !command.argv)) return
    const from = fromBranch.trim() ? { from: { branch: fromBranch.trim() } } : {}
    const run = await submit(() => client.invoke('run.start', { issueId: issue.id, agent, ...(command.argv ? { argv: command.argv } : {}), ...from }))
    if (run) openRun(run.id)
  }

  return (
    <form data-testid="start-run" onSubmit={onSubmit} className="space-y-3">
      <AgentPicker agents={agents} selected={agent} onSelect={setPicked} />
      {isShell && (
        <Field label="Command line" error={(commandLine && command.error) || fieldError('argv')} hint="Split into arguments like a shell would, then run directly: no pipes, variables or globs.">
          <input name="command" className={`${inputClass} font-mono`} placeholder="npm test -- --run" value={commandLine} onChange={(e) => setCommandLine(e.target.value)} />
        </Field>
      )}
      <Field label="Start from branch (optional)" error={fieldError('from')} hint="Empty: the base branch's tip. The run still lands on the base.">
        <input name="from-branch" className={`${inputClass} font-mono`} placeholder="base branch" value={fromBranch} onChange={(e) => setFromBranch(e.target.value)} />
      </Field>
      {(fieldError('agent') || fieldError('issueId') || formError) && (
        <p className="text-xs text-danger">{fieldError('agent') ?? fieldError('issueId') ?? formError}</p>
      )}
      <Button variant="primary" type="submit" disabled={pending || !agent || (isShell && !command.argv)}>
        <Play size={14} /> Start run
      </Button>
    </form>
  )
}
