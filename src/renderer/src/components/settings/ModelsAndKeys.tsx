import { AlertTriangle, Loader2, ShieldCheck } from 'lucide-react'
import { useApp, useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { EndpointForm } from './EndpointForm'
import { SecretRow } from './SecretRow'

/** Settings → Models & keys: the Anthropic key and models, the GitHub token and API, and where keys may go. */
export function ModelsAndKeys() {
  const settings = useApp((s) => s.settings)
  const secrets = useApp((s) => s.secrets)
  const client = useClient()
  if (!settings || !secrets) return <Loader2 size={14} className="animate-spin text-muted" />
  const m = settings.model
  return (
    <div className="space-y-5">
      <p data-testid="secret-backend" className={`flex items-start gap-2 text-xs ${secrets.backend.warning ? 'text-warn' : 'text-muted'}`}>
        {secrets.backend.warning ? <AlertTriangle size={14} className="mt-px shrink-0" /> : <ShieldCheck size={14} className="mt-px shrink-0 text-ok" />}
        <span>
          Keys are stored in the {secrets.backend.label}, shared by the app, browser mode and the CLI; Flightdeck never shows them again.
          {secrets.backend.warning && <> {secrets.backend.warning}</>}
        </span>
      </p>
      <SecretRow name="anthropic.apiKey" label="Anthropic API key" placeholder="sk-ant-…" status={secrets.items['anthropic.apiKey']} />
      <EndpointForm
        provider="anthropic"
        secret="Anthropic API key"
        urlLabel="Base URL"
        urlHint="Empty: Anthropic’s API (or ANTHROPIC_BASE_URL). A proxy or gateway must be confirmed before the key goes there."
        url={m.baseUrl}
        trusted={settings.trustedHosts}
        models={{ planning: m.name, grading: m.gradingName }}
        toPatch={(url, models) => ({ model: { ...m, baseUrl: url, name: models?.planning ?? m.name, gradingName: models?.grading ?? null } })}
      />
      <SecretRow name="github.token" label="GitHub token" placeholder="ghp_… or github_pat_…" status={secrets.items['github.token']} />
      <EndpointForm
        provider="github"
        secret="GitHub token"
        urlLabel="GitHub API URL"
        urlHint="Empty: api.github.com. GitHub Enterprise: https://HOST/api/v3, confirmed before the token goes there."
        url={settings.github.apiUrl}
        trusted={settings.trustedHosts}
        toPatch={(url) => ({ github: { apiUrl: url } })}
      />
      <div data-testid="trusted-hosts">
        <span className="text-xs font-medium text-muted">Hosts you confirmed may receive a key</span>
        {settings.trustedHosts.length === 0 ? (
          <p className="mt-1 text-xs text-muted">None: keys go to Anthropic and GitHub only.</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {settings.trustedHosts.map((origin) => (
              <li key={origin} className="flex items-center gap-2 font-mono text-xs">
                {origin}
                <Button variant="ghost" className="h-6 px-2 font-sans" onClick={() => void client.invoke('secret.untrustHost', { origin })}>Withdraw</Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
