// Related matches are exact: every paragraph holding each of a term's jieba words (2+ characters)
// as a literal and not the term, whatever jieba made of the paragraph; nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTerm, relatedWords } from '../../src/search/query.ts';
import { search } from '../../src/search/search.ts';
import { normalizeForMatch } from '../../src/text/normalize.ts';
import { archiveOfTexts } from '../helpers/archive.ts';

// Pieces that jieba joins into longer words in some contexts (扩大开放 hides 扩大, 湖北省 hides 湖北).
const PIECES = [
  '深化',
  '服务业',
  '扩大开放',
  '扩大',
  '开放',
  '湖北省',
  '湖北',
  '医疗队',
  '医疗队员',
  '支援',
  '疫情防控',
  '防控',
  '的',
  '，',
  '。',
  '工作',
  '会议',
];
const paragraph = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 7 })
  .map((p) => p.join(''));
const TERMS = [
  '深化服务业扩大开',
  '湖北医疗队',
  '支援湖北',
  '扩大开放工作',
  '疫情防控会议',
  '湖北省医疗队员',
];

/** The related matches of `term` by scanning every paragraph. */
function scanRelated(texts: readonly string[], term: string): number[] {
  const parsed = makeTerm(term, false)!;
  const words = relatedWords(parsed);
  if (words.length < 2) return [];
  return texts.flatMap((text, id) => {
    const norm = normalizeForMatch(text);
    return !norm.includes(parsed.norm) && words.every((word) => norm.includes(word)) ? [id] : [];
  });
}

describe('related matches', () => {
  it('find 深化服务业扩大开 where jieba cut 扩大开放 as one word', async () => {
    const archive = await archiveOfTexts([
      '深化服务业扩大开放。',
      '深化改革，服务业扩大规模。',
      '服务业扩大开放。',
    ]);
    const result = search(archive, '深化服务业扩大开');
    expect(result.exactTotal).toBe(1);
    expect(result.relatedTotal).toBe(1);
    expect(result.hits.map((hit) => [hit.id, hit.match])).toEqual([
      [0, 'exact'],
      [1, 'related'],
    ]);
  });

  it('are every paragraph a scan finds holding each word and not the term, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(paragraph, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...TERMS),
        async (texts, term) => {
          const archive = await archiveOfTexts(texts);
          const result = search(archive, term, { limit: 100 });
          const expected = scanRelated(texts, term);
          expect(result.relatedTotal).toBe(expected.length);
          const related = result.hits.filter((hit) => hit.match === 'related').map((hit) => hit.id);
          expect(related.sort((a, b) => a - b)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
