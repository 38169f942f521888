import { FitAddon } from '@xterm/addon-fit'
import { InputQueue } from './input-queue'
import { SearchAddon } from '@xterm/addon-search'
import { WebLinksAddon } from '@xterm/addon-web-links'
import { Terminal } from '@xterm/xterm'
import type { TerminalSnapshot } from '../../../shared/contract'
import type { Client } from '../../../shared/transport'
import { type RendererPreference, TerminalRenderer } from './gpu'
import { HeldOutput } from './held-output'
import { terminalTheme } from './term-theme'

export type TermStatus =
  | { kind: 'loading' }
  | { kind: 'live' }
  | { kind: 'exited'; code: number | null }
  /** The agent had already ended when the view opened: its last screen, read-only. */
  | { kind: 'history' }
  | { kind: 'error'; message: string }

/** Acknowledge parsed output in batches this size (the pty host pauses far above it). */
const ACK_BATCH = 5_000


/**
 * One run's terminal, outside React: owns the xterm Terminal and its addons, replays the scrollback,
 * streams live output with flow-control acks, sends keystrokes and size changes, and cleans all of it up.
 */
export class TermView {
  private readonly terminal: Terminal
  private readonly fit = new FitAddon()
  private readonly search = new SearchAddon()
  private readonly disposers: (() => void)[] = []
  private sessionId: string | null = null
  private live = false
  private exited = false
  /** An exit learned (from the run's state) before the stream was attached. */
  private exitHint: number | null | undefined
  private disposed = false
  private online = true
  private input: InputQueue
  private unacked = 0
  /** Live output parsed so far, in chars; mirrored to the container's data-parsed for tests and benches. */
  private parsed = 0
  private readonly held = new HeldOutput(
    (data) => this.write(data),
    () => Boolean(this.terminal.element?.contains(document.activeElement))
  )
  private resizeFrame = 0
  private renderer: TerminalRenderer | null = null
  private container: HTMLElement | null = null
  private visible = true
  private rendererPreference: RendererPreference = 'auto'

  constructor(
    private readonly client: Client,
    /** The terminal stream key: a run id, or a run and one of its named commands (terminalKey). */
    private readonly key: string,
    private readonly onStatus: (status: TermStatus) => void,
    /** Where a clicked link goes: the host's open-external (the system browser in Electron). */
    openLink: (uri: string) => void = (uri) => window.open(uri, '_blank', 'noopener,noreferrer')
  ) {
    this.terminal = new Terminal({
      fontFamily: "'JetBrains Mono', ui-monospace, 'SFMono-Regular', Menlo, monospace",
      fontSize: 13,
      lineHeight: 1.15,
      scrollback: 5_000,
      // A steady cursor (VS Code's default too): xterm restarts the blink on every keystroke and repaints the
      // cursor row at once, and the echo coming back a few ms later then waited a whole frame behind that
      // repaint (grid bench: echo p50 24 ms with blink, 6 ms without).
      cursorBlink: false,
      allowProposedApi: true,
      theme: terminalTheme()
    })
    this.terminal.loadAddon(this.fit)
    this.terminal.loadAddon(this.search)
    this.terminal.loadAddon(new WebLinksAddon((_event, uri) => openLink(uri)))
    this.input = new InputQueue(client, () => this.sessionId, (message) => {
      this.terminal.write(`\r\n\x1b[31m[input not delivered: ${message}]\x1b[0m\r\n`)
    })
  }

  /**
   * Whether the app is connected to the core: while it is not, the terminal takes no keys (the pane says it
   * is read-only); keys already sent are confirmed or sent again once the connection is back.
   */
  setOnline(online: boolean): void {
    this.online = online
    if (this.live && !this.exited) this.terminal.options.disableStdin = !online
  }

  /** Mounts the terminal; `visible` says whether it is on screen now (see setVisible). */
  open(container: HTMLElement, visible = true, renderer: RendererPreference = 'auto'): void {
    this.container = container
    this.visible = visible
    this.rendererPreference = renderer
    this.terminal.open(container)
    this.renderer = new TerminalRenderer(this.terminal, container)
    this.updateRenderer()
    const input = this.terminal.onData((data) => this.send(data))
    this.disposers.push(() => input.dispose())

    const resize = new ResizeObserver(() => this.scheduleFit())
    resize.observe(container)
    this.disposers.push(() => resize.disconnect())

    // Follow the app's theme switch (a class on <html>).
    const theme = new MutationObserver(() => (this.terminal.options.theme = terminalTheme()))
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] })
    this.disposers.push(() => theme.disconnect())

    this.attach()
  }

  /** Follows the run's terminal: its snapshot first, then exactly the output after it. */
  private attach(): void {
    this.onStatus({ kind: 'loading' })
    const unwatch = this.client.watch('terminal', this.key, (message) => {
      if (this.disposed) return
      if ('snapshot' in message) this.start(message.snapshot)
      else if ('data' in message) this.held.push(message.data)
      else if ('exit' in message) this.markExited(message.exit)
      else this.onStatus({ kind: 'error', message: message.error })
    })
    this.disposers.push(unwatch)
  }

  private start(snapshot: TerminalSnapshot): void {
    // A later snapshot (the connection came back after a restart) replaces the screen.
    if (this.sessionId) {
      this.held.clear()
      this.unacked = 0
      this.terminal.reset()
    }
    this.sessionId = snapshot.sessionId
    this.live = snapshot.live && !this.exited
    // The scrollback was serialized at the session's size: replay it at that size, then fit to the pane.
    this.terminal.resize(snapshot.cols, snapshot.rows)
    this.terminal.write(snapshot.scrollback)
    if (!snapshot.live) {
      this.terminal.options.disableStdin = true
      this.terminal.write('\x1b[?25l')
      this.onStatus({ kind: 'history' })
    } else {
      this.onStatus({ kind: 'live' })
      if (this.exitHint !== undefined) this.markExited(this.exitHint)
    }
    this.fitNow()
  }

  private write(data: string): void {
    if (this.disposed) return
    this.terminal.write(data, () => {
      // Acked only once xterm has parsed it, so a slow viewer slows the agent instead of piling up memory.
      this.unacked += data.length
      this.parsed += data.length
      if (this.container) this.container.dataset.parsed = String(this.parsed)
      if (this.unacked < ACK_BATCH || !this.sessionId || this.disposed) return
      const chars = this.unacked
      this.unacked = 0
      void this.client.invoke('terminal.ack', { sessionId: this.sessionId, chars }).catch(() => undefined)
    })
  }

  /** Shows the end of the process once, whether it came from the stream or from the run's state. */
  markExited(code: number | null): void {
    if (this.exited || this.disposed) return
    this.held.flush()
    if (!this.live) {
      this.exitHint = code
      return
    }
    this.exited = true
    this.live = false
    this.terminal.options.disableStdin = true
    // Dimmed, and the cursor hidden: nothing reads input any more.
    this.terminal.write(`\r\n\x1b[2m[process exited with code ${code ?? 'unknown'}]\x1b[0m\r\n\x1b[?25l`)
    this.onStatus({ kind: 'exited', code })
  }

  private send(data: string): void {
    if (!this.live || !this.sessionId || !this.online) return
    this.input.push(data)
  }

  private scheduleFit(): void {
    cancelAnimationFrame(this.resizeFrame)
    this.resizeFrame = requestAnimationFrame(() => this.fitNow())
  }

  private fitNow(): void {
    if (this.disposed || !this.sessionId) return
    const element = this.terminal.element
    // A hidden pane (another tab shown) measures 0: keep the last size instead of collapsing the agent's.
    if (!element || element.clientWidth === 0 || element.clientHeight === 0) return
    const proposed = this.fit.proposeDimensions()
    if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return
    const cols = Math.max(2, proposed.cols)
    const rows = Math.max(2, proposed.rows)
    if (cols === this.terminal.cols && rows === this.terminal.rows) return
    this.terminal.resize(cols, rows)
    if (this.live) void this.client.invoke('terminal.resize', { sessionId: this.sessionId, cols, rows }).catch(() => undefined)
  }

  /** On screen or not: a terminal on screen may draw with WebGL, a hidden one gives its GL context back. */
  setVisible(visible: boolean): void {
    this.visible = visible
    this.updateRenderer()
  }

  /** The user's `terminalRenderer` setting. */
  setRendererPreference(preference: RendererPreference): void {
    this.rendererPreference = preference
    this.updateRenderer()
  }

  private updateRenderer(): void {
    if (!this.disposed) this.renderer?.update(this.visible, this.rendererPreference)
  }

  find(text: string, backwards = false): boolean {
    if (!text) {
      this.search.clearDecorations()
      return false
    }
    const options = { decorations: { matchOverviewRuler: '#e8a23a', activeMatchColorOverviewRuler: '#4f5bd5', matchBackground: '#e8a23a55', activeMatchBackground: '#4f5bd5aa' } }
    return backwards ? this.search.findPrevious(text, options) : this.search.findNext(text, options)
  }

  focus(): void {
    this.terminal.focus()
  }

  dispose(): void {
    if (this.disposed) return
    this.input.dispose()
    this.disposed = true
    cancelAnimationFrame(this.resizeFrame)
    this.held.clear()
    for (const dispose of this.disposers.splice(0)) dispose()
    this.renderer?.dispose()
    this.terminal.dispose()
  }
}
