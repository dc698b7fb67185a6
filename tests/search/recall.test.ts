// The recall guarantee: every paragraph that contains the typed text (after normalisation) is
// found, counted and nothing else is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { search } from '../../src/search/search.ts';
import { normalizeForMatch, normalizeWithOffsets } from '../../src/text/normalize.ts';
import { archiveOfTexts } from '../helpers/archive.ts';

const SENTENCES = [
  '我区支援湖北医疗队队员结束集中休养回到綦江。',
  '1月23日,全市新冠肺炎疫情防控工作电视电话会议召开;',
  '渝黔高速安稳路口检查点,工作人员正在为过往人员测体温。',
  '中华为国争光,华为捐款一千万元。',
  '翁中会在会上讲话:“坚决打赢疫情防控阻击战!”',
];
const TRADITIONAL = ['臺灣醫療隊', '疫情防控工作會議', '綦江區', '後來', '發展'];
const FULL_WIDTH = ['５月２８日', 'ＣＯＶＩＤ－１９', 'ｈｔｔｐ', '（一）', '＂口罩＂', '　'];
const OTHER = ['㈠', '😷', '𠀀', 'Ⅻ'];
// Printable ASCII without the double quote, which would end the quoted query early.
const ASCII = [...'abcXYZ019 ,.-:()!?/'];

const piece = fc.oneof(
  fc.constantFrom(...SENTENCES),
  fc.constantFrom(...TRADITIONAL),
  fc.constantFrom(...FULL_WIDTH),
  fc.constantFrom(...OTHER),
  fc.string({ unit: fc.constantFrom(...ASCII), minLength: 1, maxLength: 8 }),
);
const paragraph = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(''));

/** Where the normaliser cuts `text` into clusters: a query must begin and end on these. */
function clusterBoundaries(text: string): number[] {
  return [...new Set([...normalizeWithOffsets(text).start, text.length])].sort((a, b) => a - b);
}

/** Paragraphs, one of them chosen, and a non-empty substring of it cut on cluster boundaries. */
const corpusAndQuery = fc
  .array(paragraph, { minLength: 1, maxLength: 8 })
  .chain((texts) => fc.tuple(fc.constant(texts), fc.nat(texts.length - 1)))
  .chain(([texts, chosen]) => {
    const boundaries = clusterBoundaries(texts[chosen]!);
    return fc
      .tuple(fc.constantFrom(...boundaries), fc.constantFrom(...boundaries))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({
        texts,
        chosen,
        query: texts[chosen]!.slice(Math.min(a, b), Math.max(a, b)),
      }));
  });

/** Ids of the paragraphs whose normalised text contains `literal`, by scanning every one. */
function scan(texts: readonly string[], literal: string): number[] {
  return texts.flatMap((text, id) => (normalizeForMatch(text).includes(literal) ? [id] : []));
}

describe('the recall guarantee', () => {
  it('finds every paragraph that contains a substring of it, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(corpusAndQuery, async ({ texts, chosen, query }) => {
        const archive = await archiveOfTexts(texts);
        const literal = normalizeForMatch(query);
        const found = [...archive.findLiteral(literal)];
        expect(found).toContain(chosen);
        expect(found).toEqual(scan(texts, literal));
      }),
      { numRuns: 200 },
    );
  });

  it('counts every such paragraph when the substring is searched as a quoted phrase', async () => {
    await fc.assert(
      fc.asyncProperty(corpusAndQuery, async ({ texts, chosen, query }) => {
        // A phrase of nothing but spaces is no query at all.
        fc.pre(normalizeForMatch(query).trim().length > 0);
        const archive = await archiveOfTexts(texts);
        const result = search(archive, `"${query}"`, { limit: 100 });
        const expected = scan(texts, normalizeForMatch(query));
        expect(result.exactTotal).toBe(expected.length);
        expect(result.total).toBe(expected.length);
        expect(result.hits.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(expected);
        expect(result.hits.map((hit) => hit.id)).toContain(chosen);
      }),
      { numRuns: 200 },
    );
  });

  it('counts every paragraph that contains a bare run of Han characters typed without quotes', async () => {
    const hanRun = corpusAndQuery
      .map(({ texts, chosen, query }) => ({
        texts,
        chosen,
        query: query.replace(/[^\p{Script=Han}]+/gu, ''),
      }))
      .filter(({ texts, chosen, query }) => query.length > 0 && texts[chosen]!.includes(query));
    await fc.assert(
      fc.asyncProperty(hanRun, async ({ texts, query }) => {
        const archive = await archiveOfTexts(texts);
        const result = search(archive, query, { limit: 100 });
        const expected = scan(texts, normalizeForMatch(query));
        expect(result.exactTotal).toBe(expected.length);
        expect(
          result.hits
            .filter((hit) => hit.match === 'exact')
            .map((hit) => hit.id)
            .sort((a, b) => a - b),
        ).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('checks by substring when a rare pair of the term narrows the candidates early', async () => {
    // 湖北 and 武汉 are in every paragraph; 北武 only in a few, one of which lacks the whole term.
    const texts = [
      ...Array.from({ length: 60 }, (_, i) => `湖北第${i}批医疗队抵达武汉`),
      '湖北武汉加油',
      '北武汉加油,湖北',
      '湖北武汉加',
    ];
    const archive = await archiveOfTexts(texts);
    expect([...archive.findLiteral('湖北武汉加油')]).toEqual([60]);
    expect([...archive.findLiteral('北武汉加油')]).toEqual([60, 61]);
    expect([...archive.findLiteral('湖北武汉加')]).toEqual([60, 62]);
  });

  it('finds a term that is a jieba word where it stands as a word and where it does not', async () => {
    const texts = [
      '湖北医疗队抵达武汉。',
      '医疗队员在武汉。',
      '医疗的队伍，疗队。',
      '这支医疗队，那支医疗队。',
      '医疗卫生队伍。',
    ];
    const archive = await archiveOfTexts(texts);
    // The word list alone would miss paragraph 1 (医疗队员) and the text alone is what finds it.
    expect([...archive.data.words.postings('医疗队')]).toEqual([0, 3]);
    expect([...archive.findLiteral('医疗队')]).toEqual(scan(texts, '医疗队'));
    expect([...archive.findLiteral('医疗队')]).toEqual([0, 1, 3]);
  });

  it('finds a traditional original with a simplified query and the other way round', async () => {
    const archive = await archiveOfTexts([
      '臺灣醫療隊抵達',
      '台湾医疗队抵达',
      'ＣＯＶＩＤ－１９疫情',
    ]);
    expect([...archive.findLiteral(normalizeForMatch('台湾医疗队'))]).toEqual([0, 1]);
    expect([...archive.findLiteral(normalizeForMatch('臺灣'))]).toEqual([0, 1]);
    expect([...archive.findLiteral(normalizeForMatch('covid-19'))]).toEqual([2]);
  });
});
