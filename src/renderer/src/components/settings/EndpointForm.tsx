import { useState } from 'react'
import { defaultOrigins, originOf } from '../../../../shared/contract'
import type { Settings } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { Field, inputClass } from '../ui/Field'
import { useSubmit } from '../use-submit'

interface Models {
  planning: string
  grading: string | null
}

interface EndpointFormProps {
  provider: keyof typeof defaultOrigins
  secret: string
  urlLabel: string
  urlHint: string
  url: string | null
  trusted: string[]
  /** With `models`, the form also edits the planning and grading models. */
  models?: Models
  toPatch(url: string | null, models?: Models): Partial<Settings>
}

/**
 * A provider's URL (and, for the model, its models). Saving a URL on a host that is neither the provider's
 * nor already confirmed asks first, naming the host the key would go to; only a yes confirms it.
 */
export function EndpointForm(props: EndpointFormProps) {
  const client = useClient()
  const [url, setUrl] = useState(props.url ?? '')
  const [planning, setPlanning] = useState(props.models?.planning ?? '')
  const [grading, setGrading] = useState(props.models?.grading ?? '')
  const [asking, setAsking] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const { pending, submit, fieldError, formError } = useSubmit()
  const models = props.models ? { planning: planning.trim(), grading: grading.trim() || null } : undefined
  const dirty = url !== (props.url ?? '') || (props.models !== undefined && (planning !== props.models.planning || grading !== (props.models.grading ?? '')))

  const save = async (confirmOrigin?: string) => {
    setAsking(null)
    setSaved(false)
    const done = await submit(async () => {
      if (confirmOrigin) await client.invoke('secret.trustHost', { origin: confirmOrigin })
      return client.invoke('settings.update', { patch: props.toPatch(url.trim() || null, models) })
    })
    if (done) setSaved(true)
  }
  const onSubmit = () => {
    const origin = url.trim() ? originOf(url.trim()) : undefined
    if (origin && origin !== defaultOrigins[props.provider] && !props.trusted.includes(origin)) setAsking(origin)
    else void save()
  }
  const urlError = fieldError(props.provider === 'github' ? 'patch.github' : 'patch.model.baseUrl')
  return (
    <form className="space-y-3" data-testid={`endpoint-${props.provider}`} onSubmit={(e) => (e.preventDefault(), onSubmit())}>
      {props.models && (
        <div className="grid grid-cols-2 gap-3">
          <Field label="Model for planning" error={fieldError('patch.model.name')}>
            <input name="planningModel" className={inputClass} value={planning} onChange={(e) => setPlanning(e.target.value)} />
          </Field>
          <Field label="Model for grading" hint="Empty: the planning model." error={fieldError('patch.model.gradingName')}>
            <input name="gradingModel" className={inputClass} value={grading} placeholder={planning} onChange={(e) => setGrading(e.target.value)} />
          </Field>
        </div>
      )}
      <Field label={props.urlLabel} hint={props.urlHint} error={urlError}>
        <input name={`${props.provider}Url`} className={inputClass} value={url} placeholder={defaultOrigins[props.provider]} onChange={(e) => setUrl(e.target.value)} aria-invalid={Boolean(urlError)} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || !dirty}>Save</Button>
        {saved && !dirty && <span role="status" className="text-xs text-ok">Saved</span>}
        {formError && <span role="alert" className="text-xs text-danger">{formError}</span>}
      </div>
      {asking && (
        <Dialog
          title="Send a key to this host?"
          onClose={() => setAsking(null)}
          footer={
            <>
              <Button variant="ghost" onClick={() => setAsking(null)}>Cancel</Button>
              <Button variant="primary" onClick={() => void save(asking)}>Send my {props.secret} there</Button>
            </>
          }
        >
          <p className="text-[13px]">
            Flightdeck will send your {props.secret} to <strong className="font-mono">{asking}</strong>, which is not {props.provider === 'anthropic' ? 'Anthropic' : 'GitHub'}. Only confirm a host you run or trust: whoever runs it can use the key.
          </p>
        </Dialog>
      )}
    </form>
  )
}
