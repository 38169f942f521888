import { memo } from 'react'
import { type TokenKind, tokenize } from '../../lib/syntax-tokens'

const tokenStyle: Record<TokenKind, string> = {
  plain: '',
  comment: 'text-muted italic',
  string: 'text-[#1f8a55] dark:text-[#7fd8a8]',
  number: 'text-[#b35c00] dark:text-[#f0a35e]',
  keyword: 'text-[#8a3fb0] dark:text-[#c792ea]'
}

export const SyntaxLine = memo(function SyntaxLine({ text, extension }: { text: string; extension: string }) {
  return (
    <>
      {tokenize(text, extension).map((t, i) =>
        t.kind === 'plain' ? t.text : <span key={i} className={tokenStyle[t.kind]}>{t.text}</span>
      )}
    </>
  )
})
