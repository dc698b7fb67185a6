// A highlighted excerpt: the spans of a paragraph, hits in <mark>, ellipses where it was cut.
import { escapeToBuffer, raw } from 'hono/utils/html';
import type { Snippet as SnippetData, Span } from '../src/types.ts';

/**
 * The HTML of spans: every text escaped by hono's own escaping (as JSX escapes it), hits wrapped in
 * <mark>. Made as one string rather than a JSX node per span: a results page has hundreds of spans,
 * and the JSON API sends the same markup.
 */
export function spansMarkup(spans: readonly Span[]): string {
  const buffer: [string] = [''];
  for (const span of spans) {
    if (span.hit) buffer[0] += '<mark>';
    escapeToBuffer(span.text, buffer);
    if (span.hit) buffer[0] += '</mark>';
  }
  return buffer[0];
}

/** The HTML of an excerpt, with an ellipsis on each side where it was cut. */
export function snippetMarkup(snippet: SnippetData): string {
  return `${snippet.cutStart ? '…' : ''}${spansMarkup(snippet.spans)}${snippet.cutEnd ? '…' : ''}`;
}

/** Renders spans; see {@link spansMarkup}. */
export function Spans({ spans }: { spans: readonly Span[] }) {
  return raw(spansMarkup(spans));
}

/** Renders an excerpt; see {@link snippetMarkup}. */
export function Snippet({ snippet }: { snippet: SnippetData }) {
  return raw(snippetMarkup(snippet));
}
