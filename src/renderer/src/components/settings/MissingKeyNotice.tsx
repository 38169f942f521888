import { KeyRound } from 'lucide-react'
import { useApp } from '../../app/context'
import { Button } from '../ui/Button'

/** Opens Settings at Models & keys (`/settings/models-and-keys`). */
export function useOpenModelsAndKeys(): () => void {
  const openSettings = useApp((s) => s.openSettings)
  return () => openSettings('models-and-keys')
}

/** Says up front that planning or grading cannot work without an Anthropic key, with the way to set one. */
export function MissingKeyNotice({ purpose }: { purpose: 'planning' | 'grading' }) {
  const missing = useApp((s) => s.secrets && !s.secrets.items['anthropic.apiKey'].set)
  const open = useOpenModelsAndKeys()
  if (!missing) return null
  const what = purpose === 'planning' ? 'Planning needs an Anthropic API key to read the PRD and draft the architecture.' : 'The grader needs an Anthropic API key to grade plans and completions.'
  return (
    <div role="status" data-testid={`missing-key-${purpose}`} className="flex items-center gap-3 border-b border-warn/40 bg-warn/10 px-4 py-2 text-[13px]">
      <KeyRound size={15} className="shrink-0 text-warn" />
      <span className="min-w-0 flex-1">{what} None is set.</span>
      <Button onClick={open}>Set the key</Button>
    </div>
  )
}
