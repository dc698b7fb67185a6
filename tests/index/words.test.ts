// The jieba word index: paragraphs holding every given word, held against a plain model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingLists } from '../../src/index/lists.ts';
import { WordIndex, WordPostingsBuilder, type WordPostings } from '../../src/index/words.ts';

const VOCABULARY = ['湖北', '医疗队', '武汉', '说', '2020', 'covid', '的', '翁中会'];
const paragraphs = fc.array(fc.uniqueArray(fc.constantFrom(...VOCABULARY), { maxLength: 5 }), { maxLength: 25 });
const query = fc.uniqueArray(fc.constantFrom(...VOCABULARY, '没有'), { minLength: 1, maxLength: 3 });

function indexOf(words: readonly (readonly string[])[]): WordIndex {
  const builder = new WordPostingsBuilder();
  words.forEach((list, id) => builder.add(id, list));
  return WordIndex.fromPostings(builder.finish());
}

/** Ids of the paragraphs holding every word of `query`, by scanning. */
function model(words: readonly (readonly string[])[], wanted: readonly string[]): number[] {
  return words.flatMap((list, id) => (wanted.every((word) => list.includes(word)) ? [id] : []));
}

describe('WordIndex', () => {
  it('refuses paragraphs added out of order', () => {
    const builder = new WordPostingsBuilder();
    builder.add(3, ['湖北']);
    expect(() => builder.add(3, ['武汉'])).toThrow('paragraph 3 added after 3');
  });

  it('registers the paragraphs that hold a word, once each', () => {
    const builder = new WordPostingsBuilder();
    builder.add(0, ['湖北', '湖北']);
    builder.add(1, []);
    builder.add(2, ['武汉']);
    const postings = builder.finish();
    expect([...postings.registered]).toEqual([0, 2]);
    expect(postings.words).toEqual(['湖北', '武汉']);
    expect([...postings.lists.ids(0)]).toEqual([0]);
  });

  it("hands FlexSearch its register: it knows which paragraphs hold words", () => {
    const index = indexOf([['湖北'], [], ['武汉', '湖北']]);
    expect([0, 1, 2, 3].map((id) => index.flex.contain(id))).toEqual([true, false, true, false]);
  });

  it('finds the paragraphs that hold every word, sorted by id', () => {
    const index = indexOf([['湖北', '医疗队'], ['湖北'], ['医疗队', '湖北', '说'], []]);
    expect([...index.withAllWords(['湖北', '医疗队'])]).toEqual([0, 2]);
    expect([...index.withAllWords(['说'])]).toEqual([2]);
    expect([...index.withAllWords(['湖北', '没有'])]).toEqual([]);
    expect([...index.withAllWords([])]).toEqual([]);
  });

  it('finds every one of thousands of paragraphs, with no result limit', () => {
    const words = Array.from({ length: 3000 }, (_, id) => (id % 3 === 0 ? ['湖北', '医疗队'] : ['湖北']));
    const index = indexOf(words);
    expect(index.withAllWords(['湖北']).length).toBe(3000);
    expect([...index.withAllWords(['医疗队', '湖北'])]).toEqual(model(words, ['湖北', '医疗队']));
  });

  it('matches a plain scan for any paragraphs and words', () => {
    fc.assert(
      fc.property(paragraphs, query, (words, wanted) => {
        expect([...indexOf(words).withAllWords(wanted)]).toEqual(model(words, wanted));
      }),
      { numRuns: 300 },
    );
  });

  it('answers the same when made again from its postings', () => {
    fc.assert(
      fc.property(paragraphs, query, (words, wanted) => {
        const restored = WordIndex.fromPostings(indexOf(words).toPostings());
        expect([...restored.withAllWords(wanted)]).toEqual(model(words, wanted));
      }),
      { numRuns: 100 },
    );
  });

  it('answers the same from lists still encoded, decoding them as searches reach them', () => {
    fc.assert(
      fc.property(paragraphs, query, (words, wanted) => {
        const saved = indexOf(words).toPostings();
        const encoded: WordPostings = {
          ...saved,
          lists: PostingLists.lazy(saved.lists.offsets, saved.lists.encode()),
        };
        const restored = WordIndex.fromPostings(encoded);
        expect([...restored.withAllWords(wanted)]).toEqual(model(words, wanted));
        expect(restored.toPostings()).toBe(encoded);
      }),
      { numRuns: 100 },
    );
  });
});
