import { WebglAddon } from '@xterm/addon-webgl'
import type { Terminal } from '@xterm/xterm'

/** Which renderer a terminal on screen uses: see the `terminalRenderer` setting. */
export type RendererPreference = 'auto' | 'gpu' | 'dom'

/** GL implementations that draw on the CPU: WebGL on them was 15x slower than xterm's DOM renderer here. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render driver/i

let probed: { webgl2: boolean; software: boolean; renderer: string } | undefined

/** Probes WebGL2 once per page: whether it exists and whether a real GPU backs it. */
export function webglSupport(): { webgl2: boolean; software: boolean; renderer: string } {
  if (probed) return probed
  const gl = document.createElement('canvas').getContext('webgl2')
  if (!gl) return (probed = { webgl2: false, software: false, renderer: 'none' })
  const info = gl.getExtension('WEBGL_debug_renderer_info')
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
  gl.getExtension('WEBGL_lose_context')?.loseContext()
  return (probed = { webgl2: true, software: SOFTWARE_GL.test(renderer), renderer })
}

/** Whether a visible terminal should draw with WebGL under this preference. */
function wantsWebgl(preference: RendererPreference): boolean {
  if (preference === 'dom') return false
  const support = webglSupport()
  return support.webgl2 && (preference === 'gpu' || !support.software)
}

/**
 * A terminal's choice of renderer. On screen it draws with WebGL when wanted (a glyph atlas, no DOM rows to lay
 * out per frame); hidden, it gives its GL context back and xterm's DOM renderer takes over, so many terminals
 * never exhaust the browser's context limit. A lost context falls back to the DOM too. The container's
 * data-renderer says which one draws.
 */
export class TerminalRenderer {
  private webgl: WebglAddon | null = null
  /** WebGL failed to start here: stay on the DOM instead of retrying on every change. */
  private unavailable = false

  constructor(private readonly terminal: Terminal, private readonly container: HTMLElement) {}

  update(visible: boolean, preference: RendererPreference): void {
    const webgl = visible && !this.unavailable && wantsWebgl(preference)
    if (webgl && !this.webgl) {
      const addon = new WebglAddon()
      try {
        this.terminal.loadAddon(addon)
        addon.onContextLoss(() => this.dispose())
        this.webgl = addon
      } catch {
        addon.dispose()
        this.unavailable = true
      }
    } else if (!webgl) this.dispose()
    this.container.dataset.renderer = this.webgl ? 'webgl' : 'dom'
  }

  /** Back to the DOM renderer. */
  dispose(): void {
    this.webgl?.dispose()
    this.webgl = null
    this.container.dataset.renderer = 'dom'
  }
}
