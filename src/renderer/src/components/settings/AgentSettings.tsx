import { type FormEvent, useState } from 'react'
import type { AgentInfo, Settings } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { splitArgv } from '../../lib/split-argv'
import { Button } from '../ui/Button'
import { Field, inputClass } from '../ui/Field'
import { useSubmit } from '../use-submit'
import { formatEnvLines, parseEnvLines } from './env-lines'

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)

/** One agent profile: where it was found, and the user's argv and env overrides for its sessions. */
export function AgentSettings({ agent, settings }: { agent: AgentInfo; settings: Settings }) {
  const client = useClient()
  const mine = settings.agents[agent.name]
  const [argvText, setArgvText] = useState(mine?.argv?.map(quote).join(' ') ?? '')
  const [envText, setEnvText] = useState(formatEnvLines(mine?.env ?? {}))
  const [saved, setSaved] = useState(false)
  const { pending, submit, error } = useSubmit()
  let argv: string[] | undefined
  let argvError: string | undefined
  try {
    argv = argvText.trim() ? splitArgv(argvText) : undefined
  } catch (e) {
    argvError = e instanceof Error ? e.message : String(e)
  }
  const env = parseEnvLines(envText)

  async function save(e: FormEvent) {
    e.preventDefault()
    setSaved(false)
    const agents = { ...settings.agents, [agent.name]: { ...(argv ? { argv } : {}), env: env.env } }
    if (!argv && Object.keys(env.env).length === 0) delete agents[agent.name]
    if (await submit(() => client.invoke('settings.update', { patch: { agents } }))) setSaved(true)
  }
  const serverError = error ? error.message : undefined
  return (
    <form data-testid={`agent-settings-${agent.name}`} onSubmit={save} className="rounded-lg border border-line p-4">
      <div className="mb-3 flex items-center gap-2">
        <span className="text-[13px] font-semibold">{agent.label}</span>
        <span className={`rounded px-1.5 py-0.5 text-[10px] font-medium ${agent.installed ? 'bg-ok/15 text-ok' : 'bg-raised text-muted'}`}>{agent.installed ? 'detected' : 'not found'}</span>
        <span className="truncate font-mono text-[11px] text-muted">{agent.path ?? `${agent.command} is not on PATH`}</span>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Program and fixed arguments" error={argvError} hint={`Replaces "${agent.command}" when set`}>
          <input name="argv" className={`${inputClass} font-mono text-xs`} placeholder={agent.command} value={argvText} onChange={(e) => (setArgvText(e.target.value), setSaved(false))} />
        </Field>
        <Field label="Environment" error={env.error} hint="One NAME=value per line">
          <textarea name="env" rows={2} className={`${inputClass} font-mono text-xs`} placeholder="HTTPS_PROXY=http://proxy:8080" value={envText} onChange={(e) => (setEnvText(e.target.value), setSaved(false))} />
        </Field>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" disabled={pending || Boolean(argvError || env.error)}>Save {agent.label}</Button>
        {saved && <span className="text-xs text-ok">Saved; new runs use it.</span>}
        {serverError && <span role="alert" className="text-xs text-danger">{serverError}</span>}
      </div>
    </form>
  )
}
