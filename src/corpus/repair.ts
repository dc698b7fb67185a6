// Print-layout repair: rejoins body paragraphs that a page or column break cut mid-sentence.
import type { ParagraphKind } from '../types.ts';

/**
 * What may end a paragraph: sentence-final and pausing punctuation, closing quotes and brackets,
 * dashes and ellipses, in full and half width. Anything else means the sentence goes on.
 */
const PARAGRAPH_END = /[。．.！!？?；;…‥：:”"’'』」〉》）)\]】〕—―～~]$/u;

/** Markdown list items and quotes are separate blocks, even without final punctuation. */
const BLOCK_MARKER = /^(?:[-*+][ \t\u3000]|\d{1,3}[.)][ \t\u3000]|>)/u;

/** True when a paragraph's last visible character leaves its sentence unfinished. */
export function endsMidSentence(text: string): boolean {
  const trimmed = text.replace(/\s+$/u, '');
  return trimmed !== '' && !PARAGRAPH_END.test(trimmed);
}

/**
 * Joins each body paragraph that ends mid-sentence with the body paragraph after it, adding no
 * character (Chinese has no spaces), until the joined text ends a sentence. Headings and captions
 * are never joined and stop a join.
 */
export function joinBrokenParagraphs<P extends { kind: ParagraphKind; text: string }>(
  paragraphs: readonly P[],
): P[] {
  const out: P[] = [];
  for (const paragraph of paragraphs) {
    const previous = out.at(-1);
    if (previous !== undefined && isBrokenPair(previous, paragraph)) {
      out[out.length - 1] = { ...previous, text: previous.text + paragraph.text };
    } else {
      out.push(paragraph);
    }
  }
  return out;
}

function isBrokenPair(
  previous: { kind: ParagraphKind; text: string },
  next: { kind: ParagraphKind; text: string },
): boolean {
  return (
    previous.kind === 'body' &&
    next.kind === 'body' &&
    endsMidSentence(previous.text) &&
    !BLOCK_MARKER.test(previous.text) &&
    !BLOCK_MARKER.test(next.text)
  );
}
