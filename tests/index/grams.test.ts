// The literal-recall index: unigram and bigram postings, and candidates for a term.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGramIndex,
  gramCandidates,
  gramParagraphs,
  gramPostings,
  unigramList,
  type GramIndex,
} from '../../src/index/grams.ts';
import { PostingLists } from '../../src/index/lists.ts';

const units = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

/** Paragraph ids whose text contains `term`, by scanning. */
function scan(texts: readonly string[], term: string): number[] {
  return texts.flatMap((text, id) => (text.includes(term) ? [id] : []));
}

/** `index` as a loaded archive has it: every list still encoded, decoded on its first use. */
function loaded(index: GramIndex): GramIndex {
  const { unigrams, bigramKeys, bigrams } = index;
  return {
    unigrams: PostingLists.lazy(unigrams.offsets, unigrams.encode(), true),
    bigramKeys,
    bigrams: PostingLists.lazy(bigrams.offsets, bigrams.encode(), true),
  };
}

/** The list number of a pair of code units (the test's own search of the sorted keys). */
function bigramNumber(index: GramIndex, pair: string): number {
  return index.bigramKeys.indexOf(((pair.charCodeAt(0) << 16) | pair.charCodeAt(1)) >>> 0);
}

/** Texts over a tiny alphabet (one astral character among them), so that grams repeat and collide. */
const ALPHABET = ['湖', '北', '武', '汉', 'a', 'b', ' ', '𠀀'];
const texts = fc.array(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 12 }), { maxLength: 30 });

describe('buildGramIndex', () => {
  it('lists the paragraphs of each code unit and each adjacent pair, in id order', () => {
    const index = buildGramIndex(['湖北武汉', '武汉', '汉湖北', '湖湖']);
    const [hu, bei, wu, han] = units('湖北武汉') as [number, number, number, number];
    expect([...unigramList(index, hu)]).toEqual([0, 2, 3]);
    expect([...unigramList(index, han)]).toEqual([0, 1, 2]);
    // A pair's postings, by the term they spell.
    const bigram = (first: number, second: number) => [...gramPostings(index, String.fromCharCode(first, second))!.ids];
    expect(bigram(hu, bei)).toEqual([0, 2]);
    expect(bigram(wu, han)).toEqual([0, 1]);
    expect(bigram(hu, hu)).toEqual([3]);
    expect(bigram(bei, hu)).toEqual([]);
    expect([...unigramList(index, 'x'.charCodeAt(0))]).toEqual([]);
  });

  it('builds an empty index for no paragraphs', () => {
    const index = buildGramIndex([]);
    expect(index.unigrams.count).toBe(0x10000);
    expect(index.unigrams.total).toBe(0);
    expect(index.bigramKeys.length).toBe(0);
    expect([...gramCandidates(index, '湖北').ids]).toEqual([]);
  });

  it('lists a paragraph once however often a gram occurs in it', () => {
    const index = buildGramIndex(['哈哈哈哈']);
    const [ha] = units('哈') as [number];
    expect([...unigramList(index, ha)]).toEqual([0]);
    expect([...gramPostings(index, '哈哈')!.ids]).toEqual([0]);
  });
});

describe('gramCandidates', () => {
  it.each([
    ['one unit', '汉', [0, 1, 2]],
    ['two units', '湖北', [0, 2]],
    ['one astral character (two units)', '𠀀', [3]],
    ['a pair no paragraph holds', '北湖', []],
  ])('is exact for %s', (_name, term, expected) => {
    const index = buildGramIndex(['湖北武汉', '武汉', '汉湖北', '𠀀年']);
    const { ids, exact } = gramCandidates(index, term);
    expect(exact).toBe(true);
    expect([...ids]).toEqual(expected);
  });

  it('gives nothing, exactly, for the empty term', () => {
    const { ids, exact } = gramCandidates(buildGramIndex(['湖北']), '');
    expect(exact).toBe(true);
    expect([...ids]).toEqual([]);
  });

  it('is exact for every term of one or two code units', () => {
    const term = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(texts, term, (list, t) => {
        // A two-unit slice of the alphabet may be half of the astral pair: still an exact bigram.
        const literal = t.slice(0, 2);
        const { ids, exact } = gramCandidates(buildGramIndex(list), literal);
        expect(exact).toBe(true);
        expect([...ids]).toEqual(scan(list, literal));
        expect(gramParagraphs(buildGramIndex(list), literal)).toBe(ids.length);
      }),
      { numRuns: 500 },
    );
  });

  it('never misses a paragraph for longer terms (candidates are a superset of the matches)', () => {
    const term = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 3, maxLength: 6 });
    fc.assert(
      fc.property(texts, term, (list, literal) => {
        const { ids } = gramCandidates(buildGramIndex(list), literal);
        const candidates = new Set(ids);
        for (const id of scan(list, literal)) expect(candidates.has(id)).toBe(true);
        expect([...ids]).toEqual([...ids].sort((a, b) => a - b));
        expect(gramParagraphs(buildGramIndex(list), literal)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('never misses a paragraph in a loaded index, whichever lists earlier queries decoded', () => {
    const term = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 3, maxLength: 6 });
    const decodedFirst = fc.array(fc.nat(), { maxLength: 8 });
    fc.assert(
      fc.property(texts, term, decodedFirst, (list, literal, earlier) => {
        const index = loaded(buildGramIndex(list));
        for (const k of earlier) if (index.bigrams.count > 0) index.bigrams.ids(k % index.bigrams.count);
        const { ids } = gramCandidates(index, literal);
        const candidates = new Set(ids);
        for (const id of scan(list, literal)) expect(candidates.has(id)).toBe(true);
        expect([...ids]).toEqual([...ids].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it('does not decode a long list to narrow many candidates, but narrows them by one in memory', () => {
    // 300 paragraphs with 甲乙, 280 of them with 甲乙丙; 5,000 more with 乙丙 alone.
    const list = [
      ...Array.from({ length: 300 }, (_, i) => (i < 280 ? '甲乙丙' : '甲乙')),
      ...Array.from({ length: 5000 }, () => '乙丙'),
    ];
    const index = loaded(buildGramIndex(list));
    const long = bigramNumber(index, '乙丙');
    expect(index.bigrams.length(long)).toBe(5280);

    const first = gramCandidates(index, '甲乙丙');
    expect(first.exact).toBe(false);
    expect(first.ids.length).toBe(300);
    expect(index.bigrams.isDecoded(long)).toBe(false);
    expect(index.bigrams.isDecoded(bigramNumber(index, '甲乙'))).toBe(true);

    // Once another query has decoded it, galloping through it is cheap.
    index.bigrams.ids(long);
    expect([...gramCandidates(index, '甲乙丙').ids]).toEqual(scan(list, '甲乙丙'));
  });
});
