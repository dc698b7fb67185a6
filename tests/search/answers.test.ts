// Answers of one-term queries worked out at build time: the same as a live search, used only where
// they apply, saved and read back whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../src/index/archive.ts';
import { loadAnswers, saveAnswers, type TermAnswer } from '../../src/index/answers.ts';
import { search, type SearchOptions } from '../../src/search/search.ts';
import type { ParagraphKind } from '../../src/types.ts';
import { buildTestArchive, makeReport, reportsOfSpecs } from '../helpers/archive.ts';

/** A search result with its timing, which differs from run to run, set to zero. */
function result(archive: Archive, query: string, options: SearchOptions = {}) {
  return { ...search(archive, query, options), tookMs: 0 };
}

/** The same archive without its answers: every search is worked out live. */
function withoutAnswers(archive: Archive): Archive {
  return new Archive({ ...archive.data, answers: new Map() });
}

/** The same archive with the answer of `term` changed by `change`. */
function withAnswer(
  archive: Archive,
  term: string,
  change: (answer: TermAnswer) => TermAnswer,
): Archive {
  const answers = new Map(archive.data.answers);
  answers.set(term, change(archive.data.answers.get(term)!));
  return new Archive({ ...archive.data, answers });
}

const PAGES: SearchOptions[] = [
  {},
  { offset: 3, limit: 5 },
  { limit: 100 },
  // Past the hits an answer keeps: searched live.
  { offset: 95, limit: 20 },
];

/** Filters of every kind, from the query or from outside it; some allow few or none of the reports. */
const FILTERED: { query: (term: string) => string; options: SearchOptions }[] = [
  { query: (term) => term, options: {} },
  { query: (term) => `${term} source:新华社`, options: {} },
  { query: (term) => term, options: { filters: { from: '2020-02' } } },
  { query: (term) => `${term} to:2020-02-29`, options: {} },
  { query: (term) => `${term} from:2020`, options: { filters: { source: '央视' } } },
  { query: (term) => `${term} from:2022`, options: {} },
];

// Few characters, so that terms repeat within and across paragraphs, with ties in every key.
const CHARACTERS = [...'疫情防控工作的新闻联播会议区a，'];
const paragraphText = fc
  .array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 24 })
  .map((chars) => chars.join(''));
const paragraph = fc.record({
  text: paragraphText,
  kind: fc.constantFrom<ParagraphKind>('body', 'body', 'heading', 'caption'),
});
const report = fc.record({
  paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 5 }),
  title: fc.option(paragraphText, { nil: undefined }),
  date: fc.option(fc.constantFrom('2019-05-01', '2020-02', '2020-03-15', '2021'), {
    nil: undefined,
  }),
  source: fc.option(fc.constantFrom('綦江日报', '新华社', '央视网'), { nil: undefined }),
});
const corpus = fc.array(report, { minLength: 1, maxLength: 14 }).map(reportsOfSpecs);

describe('answers of one-term queries', () => {
  it('give every page exactly what a live search gives, for every term that has one, within any filter', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, async (reports) => {
        const archive = await buildTestArchive(reports, { answerMinParagraphs: 2 });
        const live = withoutAnswers(archive);
        for (const term of archive.data.answers.keys()) {
          for (const { query, options: filtering } of FILTERED) {
            for (const page of PAGES) {
              const options = { ...filtering, ...page };
              expect(result(archive, query(term), options)).toEqual(
                result(live, query(term), options),
              );
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('are made for terms of one or two characters found in enough paragraphs, and only those', async () => {
    const archive = await buildTestArchive(
      [makeReport('a', ['疫情防控。', '疫情通报。', '防控工作。']), makeReport('b', ['疫情 防控'])],
      { answerMinParagraphs: 3 },
    );
    const terms = [...archive.data.answers.keys()].sort();
    // 疫 情 疫情 and 防 控 防控 are in 3 paragraphs, and 。 (punctuation is searched too);
    // 工作 and the rest are in fewer. 疫情 and 防控 are jieba words of 3 paragraphs: their pinyin too.
    expect(terms).toEqual(
      ['。', '情', '控', '疫', '疫情', '防', '防控', 'yiqing', 'fangkong'].sort(),
    );
    const answer = archive.data.answers.get('疫情')!;
    expect(answer.total).toBe(3);
    expect(answer.reports).toBe(2);
    expect(answer.words).toEqual(['疫情']);
    expect([...answer.ids].sort()).toEqual([0, 1, 3]);
    expect(archive.data.answers.get('疫')!.words).toEqual([]);
    expect(answer.pinyin).toBeUndefined();
    const read = archive.data.answers.get('yiqing')!;
    expect(read.pinyin).toEqual(['疫情']);
    expect([read.total, read.reports, [...read.ids].sort()]).toEqual([3, 2, [0, 1, 3]]);
  });

  it('are made for pinyin keys whose words are frequent together', async () => {
    // shiyan stands for 实验 (2 paragraphs) and 试验 (1): 3 together. chenggong (成功) is in one.
    const archive = await buildTestArchive(
      [makeReport('a', ['实验成功。', '试验开始。', '做实验。'])],
      { answerMinParagraphs: 3 },
    );
    expect(archive.pinyinWords('shiyan')).toEqual(['实验', '试验']);
    const answer = archive.data.answers.get('shiyan');
    expect(answer?.pinyin).toEqual(['实验', '试验']);
    expect(answer?.total).toBe(3);
    expect(archive.data.answers.has('chenggong')).toBe(false);
    // Read back as the words, highlighted by them.
    const found = search(archive, 'shiyan');
    expect(found.terms).toEqual([
      { term: 'shiyan', phrase: false, words: ['shiyan'], pinyin: ['实验', '试验'] },
    ]);
    const marks = found.hits.map((hit) =>
      hit.snippet.spans.filter((span) => span.hit).map((span) => span.text),
    );
    expect(marks.sort()).toEqual([['实验'], ['实验'], ['试验']]);
  });

  describe('are used only by a query they answer', () => {
    const reports = [
      makeReport('a', ['疫情防控。', '疫情通报。'], { source: '綦江日报', date: '2020-02-01' }),
      makeReport('b', ['疫情 防控 工作'], { source: '新华社', date: '2021-03-01' }),
    ];
    // An answer that says 99 reports: wherever a search says 99, the answer was used.
    const marked = async () =>
      withAnswer(await buildTestArchive(reports, { answerMinParagraphs: 2 }), '疫情', (answer) => ({
        ...answer,
        reports: 99,
      }));

    it('a query of that one term, on any page the answer holds', async () => {
      const archive = await marked();
      expect(search(archive, '疫情').reports).toBe(99);
      expect(search(archive, ' 疫情 ', { offset: 1, limit: 2 }).reports).toBe(99);
    });

    it.each([
      ['a filter in the query', '疫情 source:綦江', {}],
      ['a filter from outside the query', '疫情', { filters: { to: '2020-12' } }],
    ] as const)(
      'within %s, its hits that the filter allows, counted anew',
      async (_, query, options) => {
        // Scores that say 99: wherever a hit scores 99, it came from the answer.
        const archive = withAnswer(await marked(), '疫情', (answer) => ({
          ...answer,
          scores: answer.scores.map(() => 99),
        }));
        const searched = search(archive, query, options as SearchOptions);
        expect(searched.hits.map((hit) => [hit.reportId, hit.paragraph, hit.score])).toEqual([
          ['a', 1, 99],
          ['a', 2, 99],
        ]);
        expect([searched.exactTotal, searched.reports]).toEqual([2, 1]);
        expect(searched.facets.source).toEqual({ 綦江日报: 2 });
      },
    );

    it('within a filter, not when the hits it keeps hold too few that the filter allows', async () => {
      // It keeps one hit of the three, of report a; the filter allows report b.
      const base = await marked();
      const archive = withAnswer(base, '疫情', (answer) => {
        const kept = answer.ids.findIndex((id) => base.reportOfParagraph(id) === 0);
        return {
          ...answer,
          ids: answer.ids.subarray(kept, kept + 1),
          scores: answer.scores.subarray(kept, kept + 1).map(() => 99),
        };
      });
      const searched = search(archive, '疫情 source:新华社');
      expect(searched.hits.map((hit) => [hit.reportId, hit.score === 99])).toEqual([['b', false]]);
      // The page it does hold is taken from it.
      expect(search(archive, '疫情 source:綦江', { limit: 1 }).hits[0]!.score).toBe(99);
    });

    it.each([
      ['an exclusion', '疫情 -工作', {}],
      ['another term', '疫情 防控', {}],
      ['an alternative', '疫情 OR 通报', {}],
      ['a phrase', '"疫情"', {}],
      ['date order', '疫情', { sort: 'date' }],
    ] as const)('not a query with %s', async (_, query, options) => {
      const archive = await marked();
      const live = withoutAnswers(archive);
      const searched = result(archive, query, options as SearchOptions);
      expect(searched.reports).not.toBe(99);
      expect(searched).toEqual(result(live, query, options as SearchOptions));
    });

    it('not a page past the hits it keeps', async () => {
      const archive = withAnswer(await marked(), '疫情', (answer) => ({
        ...answer,
        ids: answer.ids.subarray(0, 1),
        scores: answer.scores.subarray(0, 1),
      }));
      expect(search(archive, '疫情', { limit: 1 }).reports).toBe(99);
      expect(search(archive, '疫情', { limit: 2 }).reports).toBe(2);
    });

    it('not a query that segments the term into other words (another dictionary)', async () => {
      const archive = withAnswer(await marked(), '疫情', (answer) => ({ ...answer, words: [] }));
      expect(search(archive, '疫情').reports).toBe(2);
    });
  });

  describe('saved', () => {
    it('read back whole', async () => {
      const archive = await buildTestArchive(
        [
          makeReport('a', ['疫情防控。', '疫情通报。']),
          makeReport('b', ['疫情 防控'], { source: '新华社' }),
        ],
        { answerMinParagraphs: 2 },
      );
      const { sourceNames, yearNames } = archive.facts;
      expect(archive.data.answers.size).toBeGreaterThan(0);
      expect(archive.data.answers.get('yiqing')?.pinyin).toEqual(['疫情']);
      const saved = saveAnswers(archive.data.answers);
      expect(loadAnswers(saved, sourceNames.length, yearNames.length)).toEqual(
        archive.data.answers,
      );
      expect(loadAnswers(saveAnswers(new Map()), sourceNames.length, yearNames.length)).toEqual(
        new Map(),
      );
    });

    it('refused when the parts do not fit together', () => {
      const answer: TermAnswer = {
        total: 2,
        reports: 1,
        sourceCounts: Uint32Array.of(2, 0),
        yearCounts: Uint32Array.of(2),
        words: ['疫情'],
        ids: Uint32Array.of(1, 0),
        scores: Float64Array.of(2, 1),
      };
      const saved = saveAnswers(new Map([['疫情', answer]]));
      expect(loadAnswers(saved, 2, 1).get('疫情')).toEqual(answer);
      expect(() => loadAnswers({ ...saved, ids: saved.ids.subarray(0, 1) }, 2, 1)).toThrow(
        /differ in length/,
      );
      const short = {
        ...saved,
        ids: saved.ids.subarray(0, 1),
        scores: saved.scores.subarray(0, 1),
      };
      expect(() => loadAnswers(short, 2, 1)).toThrow(/does not match the answer ids/);
      const long = { ...saved, ids: Uint32Array.of(1, 0, 5), scores: Float64Array.of(2, 1, 0) };
      expect(() => loadAnswers(long, 2, 1)).toThrow(/does not match the answer ids/);
      expect(() => loadAnswers(saved, 3, 1)).toThrow(/facet counts do not match/);
      expect(() => loadAnswers({ ...saved, json: '{}' }, 2, 1)).toThrow(/not a list/);
      const badPinyin = saved.json.replace(/\]\]$/, ',[1]]]');
      expect(badPinyin).not.toBe(saved.json);
      expect(() => loadAnswers({ ...saved, json: badPinyin }, 2, 1)).toThrow(/pinyin readings/);
    });
  });
});
