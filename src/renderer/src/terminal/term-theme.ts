import type { ITheme } from '@xterm/xterm'

const lightPalette: ITheme = {
  black: '#161a23', red: '#c23b3b', green: '#1f8a55', yellow: '#9a6700', blue: '#3f4fc4', magenta: '#8a3fb0', cyan: '#0f7b8a', white: '#646c80',
  brightBlack: '#4b5263', brightRed: '#d14343', brightGreen: '#23945f', brightYellow: '#b37800', brightBlue: '#4f5bd5', brightMagenta: '#a055c8', brightCyan: '#138a9a', brightWhite: '#8b93a7'
}

const darkPalette: ITheme = {
  black: '#1a1e28', red: '#f06a6a', green: '#43c48a', yellow: '#e8a23a', blue: '#7b87ff', magenta: '#c792ea', cyan: '#56c2d6', white: '#c9ceda',
  brightBlack: '#5c6478', brightRed: '#ff8a8a', brightGreen: '#6ee0a8', brightYellow: '#ffc266', brightBlue: '#9ea7ff', brightMagenta: '#dcb0ff', brightCyan: '#7fd8e8', brightWhite: '#ffffff'
}

/** The terminal's colors from the app's design tokens, so it follows light and dark with the rest. */
export function terminalTheme(): ITheme {
  const root = document.documentElement
  const css = getComputedStyle(root)
  const token = (name: string) => css.getPropertyValue(name).trim()
  const dark = root.classList.contains('dark')
  return {
    ...(dark ? darkPalette : lightPalette),
    background: token('--fd-panel'),
    foreground: token('--fd-fg'),
    cursor: token('--fd-accent'),
    cursorAccent: token('--fd-panel'),
    selectionBackground: dark ? '#7b87ff55' : '#4f5bd533'
  }
}
