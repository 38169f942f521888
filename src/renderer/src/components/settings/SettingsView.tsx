import { AlertTriangle, Copy, Loader2 } from 'lucide-react'
import { useState } from 'react'
import type { Settings } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { useHost } from '../../host/host-context'
import { webglSupport } from '../../terminal/gpu'
import { applyTheme } from '../../theme'
import { EmptyState } from '../EmptyState'
import { Button } from '../ui/Button'
import { controlClass } from '../ui/Field'
import { useQuery } from '../use-query'
import { useSubmit } from '../use-submit'
import { AgentSettings } from './AgentSettings'
import { DoctorPanel } from './DoctorPanel'
import { ModelsAndKeys } from './ModelsAndKeys'
import { SettingsNav } from './SettingsNav'
import { SettingsSection } from './SettingsSection'

const themes = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
  { id: 'system', label: 'System' }
] as const

const renderers = [
  { id: 'auto', label: 'Auto' },
  { id: 'gpu', label: 'GPU (WebGL)' },
  { id: 'dom', label: 'DOM' }
] as const

/** The user's settings (stored in the core, validated there): theme, models and keys, concurrency, agents, data. */
export function SettingsView() {
  const client = useClient()
  const settings = useApp((s) => s.settings)
  const info = useQuery(() => client.invoke('system.info', {}), [client])
  const agents = useQuery(() => client.invoke('agent.list', {}), [client, settings?.agents])
  if (!settings) {
    return (
      <div className="flex h-full items-center justify-center gap-2 text-muted">
        <Loader2 size={16} className="animate-spin" /> Loading the settings…
      </div>
    )
  }
  return (
    <div data-testid="settings-view" className="h-full overflow-y-auto">
      <div className="mx-auto max-w-4xl px-8 py-6">
        <h1 className="text-lg font-semibold">Settings</h1>
        <p className="mt-1 text-xs text-muted">Stored in Flightdeck’s database and shared by the app, browser mode and the CLI.</p>
        <SettingsNav />
        <SettingsSection id="appearance" title="Appearance" description="Light, dark, or follow the system.">
          <ChoicePicker name="theme" label="Theme" options={themes} value={settings.theme} onPick={applyTheme} />
        </SettingsSection>
        <SettingsSection id="terminal" title="Terminal" description="How terminals on screen are drawn. Auto uses the GPU when a real one is there and the DOM on a software GL, where WebGL is far slower.">
          <ChoicePicker name="terminalRenderer" label="Terminal renderer" options={renderers} value={settings.terminalRenderer} />
          <GpuInfo />
        </SettingsSection>
        <SettingsSection id="models-and-keys" title="Models & keys" description="The model the planning rail and the grader call, and the keys Flightdeck uses for Anthropic and GitHub. A change applies to the next call, without a restart.">
          <ModelsAndKeys />
        </SettingsSection>
        <SettingsSection id="concurrency" title="Concurrency" description="How many runs may be active at once across every repository. A repository’s policy may lower its own cap.">
          <ConcurrencyForm key={settings.concurrency.global} value={settings.concurrency.global} />
        </SettingsSection>
        <SettingsSection id="agents" title="Agents" description="The agent CLIs found on PATH, and how to launch each one on this machine. Your settings win over a repository’s policy.">
          {agents.error && <EmptyState icon={AlertTriangle} title="The agents could not be listed" action={<Button onClick={agents.reload}>Try again</Button>}>{agents.error}</EmptyState>}
          {!agents.data && !agents.error && <p className="flex items-center gap-2 text-xs text-muted"><Loader2 size={13} className="animate-spin" /> Looking for installed agents…</p>}
          {agents.data?.map((a) => <AgentSettings key={a.name} agent={a} settings={settings} />)}
        </SettingsSection>
        <SettingsSection id="machine" title="Machine" description="What Flightdeck needs from this machine: git, the agent CLIs, the sandbox, the keychain, the pty host, the database and disk space.">
          <DoctorPanel />
        </SettingsSection>
        <SettingsSection id="data" title="Data" description="Where Flightdeck keeps its database, scrollback and run files.">
          {info.error ? <p className="text-xs text-danger">{info.error}</p> : info.data ? <DataInfo home={info.data.home} dbPath={info.data.dbPath} version={info.data.version} /> : <Loader2 size={14} className="animate-spin text-muted" />}
        </SettingsSection>
      </div>
    </div>
  )
}

/** A segmented choice for one top-level setting; `onPick` applies it locally before the core confirms. */
function ChoicePicker<K extends 'theme' | 'terminalRenderer'>(props: { name: K; label: string; options: readonly { id: Settings[K]; label: string }[]; value: Settings[K]; onPick?: (value: Settings[K]) => void }) {
  const client = useClient()
  const { submit, formError, fieldError } = useSubmit()
  const choose = (value: Settings[K]) => {
    props.onPick?.(value)
    void submit(() => client.invoke('settings.update', { patch: { [props.name]: value } }))
  }
  const error = formError ?? fieldError(`patch.${props.name}`)
  return (
    <div>
      <div role="radiogroup" aria-label={props.label} className="inline-flex rounded-lg border border-line p-0.5">
        {props.options.map((o) => (
          <button key={o.id} type="button" role="radio" aria-checked={props.value === o.id} onClick={() => choose(o.id)} className={`rounded-md px-3 py-1 text-[13px] ${props.value === o.id ? 'bg-accent text-accent-fg' : 'text-muted hover:text-fg'}`}>
            {o.label}
          </button>
        ))}
      </div>
      {error && <p className="mt-1 text-xs text-danger">{error}</p>}
    </div>
  )
}

function GpuInfo() {
  const gl = webglSupport()
  const text = !gl.webgl2 ? 'No WebGL2 here: terminals use the DOM.' : gl.software ? `Software GL (${gl.renderer}): Auto uses the DOM.` : `GPU: ${gl.renderer}`
  return <p data-testid="gpu-info" className="mt-2 text-xs text-muted">{text}</p>
}

function ConcurrencyForm({ value }: { value: number }) {
  const client = useClient()
  const [text, setText] = useState(String(value))
  const { pending, submit, error } = useSubmit()
  return (
    <form className="flex items-start gap-2" onSubmit={(e) => (e.preventDefault(), void submit(() => client.invoke('settings.update', { patch: { concurrency: { global: Number(text) } } })))}>
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-muted">Active runs at most</span>
        <input name="concurrency" type="number" className={`${controlClass} w-28`} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(error)} />
        {error && <span role="alert" className="text-xs text-danger">{error.message}</span>}
      </label>
      <Button type="submit" className="mt-5" disabled={pending || text === String(value)}>Save</Button>
    </form>
  )
}

function DataInfo({ home, dbPath, version }: { home: string; dbPath: string; version: string }) {
  const host = useHost()
  const [copied, setCopied] = useState(false)
  return (
    <dl className="grid grid-cols-[120px_1fr] items-center gap-y-2 text-[13px]">
      <dt className="text-muted">Data folder</dt>
      <dd className="flex items-center gap-2 font-mono text-xs" data-testid="data-home">
        {home}
        <button type="button" aria-label="Copy the path" onClick={() => void host.copyText(home).then(() => setCopied(true), () => setCopied(false))} className="rounded p-1 text-muted hover:bg-raised hover:text-fg"><Copy size={12} /></button>
        {copied && <span className="font-sans text-ok">copied</span>}
      </dd>
      <dt className="text-muted">Database</dt>
      <dd className="font-mono text-xs">{dbPath}</dd>
      <dt className="text-muted">Version</dt>
      <dd className="font-mono text-xs">{version}</dd>
    </dl>
  )
}
