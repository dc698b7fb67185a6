// A highlighted excerpt: the spans of a paragraph, hits in <mark>, ellipses where it was cut.
import type { Snippet as SnippetData, Span } from '../src/types.ts';

/** Renders spans; every text is escaped by hono/jsx, hits are wrapped in <mark>. */
export function Spans({ spans }: { spans: readonly Span[] }) {
  return <>{spans.map((span) => (span.hit ? <mark>{span.text}</mark> : span.text))}</>;
}

/** Renders an excerpt with an ellipsis on each side where it was cut. */
export function Snippet({ snippet }: { snippet: SnippetData }) {
  return (
    <>
      {snippet.cutStart ? '…' : ''}
      <Spans spans={snippet.spans} />
      {snippet.cutEnd ? '…' : ''}
    </>
  );
}
