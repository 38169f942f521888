import ELK from 'elkjs/lib/elk.bundled.js'
import { type LayoutInput, elkLayout } from '../../../shared/elk-layout'

// Large graphs are laid out here so the wireframe stays responsive while elk works.
const elk = new ELK()

self.onmessage = async (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  try {
    const positions = await elkLayout(elk, event.data.input)
    self.postMessage({ id: event.data.id, positions })
  } catch (error) {
    self.postMessage({ id: event.data.id, error: String(error) })
  }
}
