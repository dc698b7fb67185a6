// The snippet markup made as one string, held against rendering a JSX node per span.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/types.ts';
import { Snippet, Spans, snippetMarkup, spansMarkup } from '../../views/Snippet.tsx';

/** What the views rendered before: hono/jsx escapes each text, hits inside <mark>. */
function JsxSpans({ spans }: { spans: readonly Span[] }) {
  return <>{spans.map((span) => (span.hit ? <mark>{span.text}</mark> : span.text))}</>;
}

const spans = fc.array(
  fc.record({
    // Markup characters, quotes and entities among CJK text and the odd surrogate.
    text: fc
      .array(fc.constantFrom('疫', '情', '<', '>', '&', '"', "'", 'a', '&amp;', '\ud83d', ' '))
      .map((units) => units.join('')),
    hit: fc.boolean(),
  }),
  { maxLength: 12 },
);

describe('spansMarkup', () => {
  it('equals the markup of a JSX node per span, escaping included', () => {
    fc.assert(
      fc.property(spans, (list) => {
        expect(spansMarkup(list)).toBe((<JsxSpans spans={list} />).toString());
        expect((<Spans spans={list} />).toString()).toBe((<JsxSpans spans={list} />).toString());
      }),
      { numRuns: 500 },
    );
  });

  it('escapes text and marks hits', () => {
    expect(
      spansMarkup([
        { text: '<script>', hit: false },
        { text: 'A&"B\'', hit: true },
      ]),
    ).toBe('&lt;script&gt;<mark>A&amp;&quot;B&#39;</mark>');
  });
});

describe('snippetMarkup', () => {
  it('puts an ellipsis on each side that was cut', () => {
    const base = { spans: [{ text: '防控', hit: true }] };
    expect(snippetMarkup({ ...base, cutStart: true, cutEnd: false })).toBe('…<mark>防控</mark>');
    expect(snippetMarkup({ ...base, cutStart: false, cutEnd: true })).toBe('<mark>防控</mark>…');
    const both = { ...base, cutStart: true, cutEnd: true };
    expect((<Snippet snippet={both} />).toString()).toBe('…<mark>防控</mark>…');
  });
});
