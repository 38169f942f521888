import ReactMarkdown, { type Components } from 'react-markdown'

const components: Components = {
  h1: (p) => <h3 className="mt-3 mb-1.5 text-[15px] font-semibold first:mt-0" {...p} />,
  h2: (p) => <h4 className="mt-3 mb-1.5 text-[14px] font-semibold first:mt-0" {...p} />,
  h3: (p) => <h5 className="mt-2.5 mb-1 text-[13px] font-semibold first:mt-0" {...p} />,
  p: (p) => <p className="my-1.5 first:mt-0 last:mb-0" {...p} />,
  ul: (p) => <ul className="my-1.5 list-disc pl-5" {...p} />,
  ol: (p) => <ol className="my-1.5 list-decimal pl-5" {...p} />,
  a: ({ href, children }) => <a href={href} target="_blank" rel="noreferrer noopener" className="text-accent underline">{children}</a>,
  code: (p) => <code className="rounded bg-raised px-1 py-0.5 font-mono text-[12px]" {...p} />,
  pre: (p) => <pre className="my-2 overflow-x-auto rounded-md bg-raised p-2.5 font-mono text-[12px] [&_code]:bg-transparent [&_code]:p-0" {...p} />,
  blockquote: (p) => <blockquote className="my-2 border-l-2 border-line pl-3 text-muted" {...p} />
}

/**
 * Renders an issue's markdown. Raw HTML in the text is dropped (`skipHtml`) and react-markdown's default
 * URL filter removes `javascript:` and other unsafe links, so a hostile body cannot run script.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div data-testid="markdown" className="text-[13px] leading-relaxed break-words">
      <ReactMarkdown skipHtml components={components}>{text}</ReactMarkdown>
    </div>
  )
}
