/** Which renderer a terminal on screen uses: see the `terminalRenderer` setting. */
export type RendererPreference = 'auto' | 'gpu' | 'dom'

/** GL implementations that draw on the CPU: WebGL on them is slower than xterm's DOM renderer. */
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
export function wantsWebgl(preference: RendererPreference): boolean {
  if (preference === 'dom') return false
  const support = webglSupport()
  return support.webgl2 && (preference === 'gpu' || !support.software)
}
