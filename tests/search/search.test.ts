// search(): exact counts, related matches, exclusions, OR, filters, pinyin, script folding, paging.
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/errors.ts';
import { MAX_LIMIT, search, type SearchResult } from '../../src/search/search.ts';
import { archiveOfTexts, buildTestArchive, makeReport } from '../helpers/archive.ts';

/** The hits of a result as `reportId#paragraph`, in ranked order. */
const hitKeys = (result: SearchResult) =>
  result.hits.map((hit) => `${hit.reportId}#${hit.paragraph}`);
/** The highlighted texts of each hit's snippet. */
const marked = (result: SearchResult) =>
  result.hits.map((hit) => hit.snippet.spans.filter((span) => span.hit).map((span) => span.text));

describe('search', () => {
  it('counts every paragraph that contains the term, and only those', async () => {
    const archive = await archiveOfTexts([
      '全区召开疫情防控工作会议。',
      '会议要求做好疫情防控工作。',
      '企业复工复产。',
      '疫情期间,防疫不松懈。',
    ]);
    const result = search(archive, '疫情防控');
    expect(result.total).toBe(2);
    expect(result.exactTotal).toBe(2);
    expect(result.relatedTotal).toBe(0);
    expect(result.reports).toBe(2);
    expect(hitKeys(result).sort()).toEqual(['r1#1', 'r2#1']);
    expect(marked(result)).toEqual([['疫情防控'], ['疫情防控']]);
  });

  it('requires every term (AND)', async () => {
    const archive = await archiveOfTexts(['武汉疫情防控。', '孝感疫情防控。', '武汉加油。']);
    const result = search(archive, '防控 武汉');
    expect(hitKeys(result)).toEqual(['r1#1']);
    expect(marked(result)).toEqual([['武汉', '防控']]);
  });

  it('lists related matches of a multi-word term after the exact ones, counted apart', async () => {
    const archive = await archiveOfTexts([
      '湖北派出的医疗队抵达武汉。',
      '我区支援湖北医疗队队员回到綦江。',
      '湖北加油。',
      '医疗队出发。',
    ]);
    const result = search(archive, '湖北医疗队');
    expect(result.terms).toEqual([
      { term: '湖北医疗队', phrase: false, words: ['湖北', '医疗队'] },
    ]);
    expect(result.exactTotal).toBe(1);
    expect(result.relatedTotal).toBe(1);
    expect(result.total).toBe(2);
    expect(result.hits.map((hit) => [hit.reportId, hit.match])).toEqual([
      ['r2', 'exact'],
      ['r1', 'related'],
    ]);
    expect(marked(result)).toEqual([['湖北医疗队'], ['湖北', '医疗队']]);
  });

  it('puts exact matches first even when a related one would score higher', async () => {
    const archive = await archiveOfTexts([
      '湖北医疗队',
      '湖北,医疗队。湖北,医疗队。湖北,医疗队。',
      '我区支援湖北医疗队队员结束集中休养回到綦江,受到热烈欢迎。',
    ]);
    const result = search(archive, '湖北医疗队');
    expect(result.hits.map((hit) => [hit.reportId, hit.match])).toEqual([
      ['r1', 'exact'],
      ['r3', 'exact'],
      ['r2', 'related'],
    ]);
  });

  it('finds no related matches for a quoted phrase', async () => {
    const archive = await archiveOfTexts(['湖北派出的医疗队抵达武汉。', '支援湖北医疗队。']);
    const result = search(archive, '"湖北医疗队"');
    expect([result.exactTotal, result.relatedTotal]).toEqual([1, 0]);
    expect(hitKeys(result)).toEqual(['r2#1']);
  });

  it('finds a phrase with spaces and punctuation literally', async () => {
    const archive = await archiveOfTexts(['武汉, 加油!', '武汉加油', '武汉,加油']);
    const result = search(archive, '「武汉, 加油」');
    expect(hitKeys(result)).toEqual(['r1#1']);
    expect(marked(result)).toEqual([['武汉, 加油']]);
  });

  it('leaves out paragraphs that contain an excluded term, in any script', async () => {
    const archive = await archiveOfTexts([
      '武汉疫情防控。',
      '孝感疫情防控。',
      '疫情防控在孝感、武汉。',
      '疫情防控(孝感)',
    ]);
    const result = search(archive, '疫情防控 -孝感');
    expect(hitKeys(result)).toEqual(['r1#1']);
    expect(result.excluded).toEqual(['孝感']);
    expect(search(archive, '疫情防控 -武漢').total).toBe(2);
  });

  it('finds no related matches for a term whose jieba words are all single characters', async () => {
    const archive = await archiveOfTexts(['我们见了面。', '了解情况,再见。', '见面了。']);
    const result = search(archive, '见了');
    expect(result.terms[0]!.words).toEqual(['见', '了']);
    expect([result.exactTotal, result.relatedTotal]).toEqual([1, 0]);
    expect(hitKeys(result)).toEqual(['r1#1']);
  });

  it('finds no related matches for a term with only one word of two or more characters', async () => {
    const archive = await archiveOfTexts(['习近平说', '习近平在会上说']);
    const result = search(archive, '习近平说');
    expect(result.terms[0]!.words).toEqual(['习近平', '说']);
    expect([result.exactTotal, result.relatedTotal]).toEqual([1, 0]);
  });

  it('requires only the words of two or more characters in related matches, and marks only those', async () => {
    const archive = await archiveOfTexts(['湖北的医疗队出发。', '医疗队抵达湖北。', '湖北加油。']);
    const result = search(archive, '湖北的医疗队');
    expect(result.terms[0]!.words).toEqual(['湖北', '的', '医疗队']);
    expect(result.hits.map((hit) => [hit.reportId, hit.match])).toEqual([
      ['r1', 'exact'],
      ['r2', 'related'],
    ]);
    expect(marked(result)).toEqual([['湖北的医疗队'], ['医疗队', '湖北']]);
  });

  it('leaves excluded paragraphs out of the related matches too', async () => {
    const archive = await archiveOfTexts([
      '湖北派出的医疗队抵达孝感。',
      '湖北派出的医疗队抵达武汉。',
    ]);
    const result = search(archive, '湖北医疗队 -孝感');
    expect(result.hits.map((hit) => [hit.reportId, hit.match])).toEqual([['r2', 'related']]);
  });

  it('matches either side of OR, and ANDs the clauses', async () => {
    const archive = await archiveOfTexts(['武汉防控。', '孝感防控。', '黄冈防控。', '武汉加油。']);
    expect(search(archive, '武汉 OR 孝感').total).toBe(3);
    const result = search(archive, '防控 武汉 OR 孝感');
    expect(hitKeys(result).sort()).toEqual(['r1#1', 'r2#1']);
    expect(result.terms.map((term) => term.term)).toEqual(['防控', '武汉', '孝感']);
  });

  describe('filters', () => {
    const reports = () => [
      makeReport('cctv-0124', ['疫情防控一'], { source: '央视《新闻联播》', date: '2020-01-24' }),
      makeReport('qj-0215', ['疫情防控二'], { source: '綦江日报', date: '2020-02-15' }),
      makeReport('qj-0229', ['疫情防控三'], { source: '綦江日报', date: '2020-02-29' }),
      makeReport('qj-02', ['疫情防控四'], { source: '綦江日报', date: '2020-02' }),
      makeReport('web-0301', ['疫情防控五'], { source: 'CCTV 网', date: '2020-03-01' }),
      makeReport('undated', ['疫情防控六'], { source: '綦江日报' }),
    ];
    const ids = (result: SearchResult) => result.hits.map((hit) => hit.reportId).sort();

    it.each([
      ['source by a part of its name', '疫情防控 source:央视', ['cctv-0124']],
      [
        'source in traditional script',
        '疫情防控 source:綦江日報',
        ['qj-02', 'qj-0215', 'qj-0229', 'undated'],
      ],
      ['source in full-width letters', '疫情防控 source:ｃｃｔｖ', ['web-0301']],
      ['from a day', '疫情防控 from:2020-02-29', ['qj-02', 'qj-0229', 'web-0301']],
      ['from the day after a month-dated report', '疫情防控 from:2020-03-01', ['web-0301']],
      [
        'from a month, which includes a report dated by month only',
        '疫情防控 from:2020-02',
        ['qj-02', 'qj-0215', 'qj-0229', 'web-0301'],
      ],
      [
        'to a month, up to its last day',
        '疫情防控 to:2020-02',
        ['cctv-0124', 'qj-02', 'qj-0215', 'qj-0229'],
      ],
      [
        'to a day, which includes a report dated by that month only',
        '疫情防控 to:2020-02-15',
        ['cctv-0124', 'qj-02', 'qj-0215'],
      ],
      [
        'from a day, which includes a report dated by that month only',
        '疫情防控 from:2020-02-20',
        ['qj-02', 'qj-0229', 'web-0301'],
      ],
      [
        'a day, which a month-dated report may fall on',
        '疫情防控 from:2020-02-10 to:2020-02-10',
        ['qj-02'],
      ],
      ['a month before a report dated by month only', '疫情防控 to:2020-01', ['cctv-0124']],
      [
        'from and to a year',
        '疫情防控 from:2020 to:2020',
        ['cctv-0124', 'qj-02', 'qj-0215', 'qj-0229', 'web-0301'],
      ],
      [
        'a range and a source',
        '疫情防控 source:綦江 from:2020-02-01 to:2020-02-20',
        ['qj-02', 'qj-0215'],
      ],
    ])('keeps reports by %s', async (_name, query, expected) => {
      const archive = await buildTestArchive(reports());
      const result = search(archive, query);
      expect(ids(result)).toEqual([...expected].sort());
      expect(result.total).toBe(expected.length);
    });

    it('keeps a report dated by year only for any range within that year', async () => {
      const archive = await buildTestArchive([
        makeReport('y2020', ['疫情防控'], { date: '2020' }),
        makeReport('y2019', ['疫情防控'], { date: '2019' }),
      ]);
      const ids = (query: string) => search(archive, query).hits.map((hit) => hit.reportId);
      expect(ids('疫情防控 from:2020-06-01 to:2020-06-30')).toEqual(['y2020']);
      expect(ids('疫情防控 from:2019-12-31')).toEqual(['y2020', 'y2019']);
      expect(ids('疫情防控 from:2021')).toEqual([]);
    });

    it('leaves out reports of unknown date when a date bound is given', async () => {
      const archive = await buildTestArchive(reports());
      expect(ids(search(archive, '疫情防控 from:1900'))).not.toContain('undated');
      expect(ids(search(archive, '疫情防控'))).toContain('undated');
    });

    it('adds filters given as options to those in the query, the options winning', async () => {
      const archive = await buildTestArchive(reports());
      const result = search(archive, '疫情防控 source:綦江 from:2019', {
        filters: { from: '2020-02-16', to: undefined },
      });
      expect(ids(result)).toEqual(['qj-02', 'qj-0229']);
      expect(result.filters).toEqual({ source: '綦江', from: '2020-02-16' });
    });

    it('counts facets over every match, by source and by year', async () => {
      const archive = await buildTestArchive(reports());
      const result = search(archive, '疫情防控', { limit: 1 });
      expect(result.facets).toEqual({
        source: { '央视《新闻联播》': 1, 綦江日报: 4, 'CCTV 网': 1 },
        year: { 2020: 5, 日期不详: 1 },
      });
    });
  });

  it('reads a pinyin term as the corpus words it spells, and says so', async () => {
    const archive = await archiveOfTexts([
      '綦江区召开会议。',
      '我区医疗队回到綦江。',
      '江津区召开会议。',
    ]);
    const result = search(archive, 'qijiang');
    expect(result.terms).toEqual([
      { term: 'qijiang', phrase: false, words: ['qijiang'], pinyin: ['綦江'] },
    ]);
    expect(result.total).toBe(2);
    expect(hitKeys(result).sort()).toEqual(['r1#1', 'r2#1']);
    expect(marked(result)).toEqual([['綦江'], ['綦江']]);
  });

  it('reads pinyin as letters when the letters themselves occur', async () => {
    const archive = await archiveOfTexts(['綦江区召开会议。', 'Qijiang district']);
    const result = search(archive, 'qijiang');
    expect(result.terms[0]!.pinyin).toBeUndefined();
    expect(hitKeys(result)).toEqual(['r2#1']);
  });

  it('never reads a quoted phrase as pinyin', async () => {
    const archive = await archiveOfTexts(['綦江区召开会议。']);
    expect(search(archive, '"qijiang"').total).toBe(0);
  });

  it('finds and highlights simplified text for a traditional query', async () => {
    const archive = await archiveOfTexts(['台湾同胞捐赠物资。']);
    const result = search(archive, '臺灣');
    expect(result.total).toBe(1);
    expect(result.terms[0]).toEqual({ term: '臺灣', phrase: false, words: ['台湾'] });
    expect(result.hits[0]!.snippet.spans).toEqual([
      { text: '台湾', hit: true },
      { text: '同胞捐赠物资。', hit: false },
    ]);
  });

  it('finds and highlights traditional and full-width originals for a simplified query', async () => {
    const archive = await archiveOfTexts(['臺灣同胞捐贈物資。', 'ＣＯＶＩＤ－１９疫情']);
    expect(search(archive, '台湾').hits[0]!.snippet.spans).toEqual([
      { text: '臺灣', hit: true },
      { text: '同胞捐贈物資。', hit: false },
    ]);
    expect(marked(search(archive, 'covid-19'))).toEqual([['ＣＯＶＩＤ－１９']]);
  });

  it.each([
    ['an empty query', '', '请输入要查找的词。'],
    ['a blank query', ' \u3000 ', '请输入要查找的词。'],
    ['only operators', 'OR -', '请输入要查找的词。'],
    ['only a filter', 'source:央视', '请输入要查找的词。'],
    ['only exclusions', '-孝感 -武汉', '只有排除词，没有要查找的词。请加上至少一个词。'],
  ])('says why nothing was searched for %s', async (_name, query, reason) => {
    const archive = await archiveOfTexts(['孝感加油。']);
    const result = search(archive, query);
    expect(result.empty).toBe(reason);
    expect([result.total, result.exactTotal, result.relatedTotal, result.reports]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(result.hits).toEqual([]);
  });

  it('gives no empty reason when a query simply finds nothing', async () => {
    const archive = await archiveOfTexts(['孝感加油。']);
    const result = search(archive, '武汉');
    expect(result.empty).toBeUndefined();
    expect(result.total).toBe(0);
  });

  it('passes on the notices of a leniently read query', async () => {
    const archive = await archiveOfTexts(['孝感加油。']);
    expect(search(archive, '"孝感').notices).toEqual([
      '引号没有闭合，已把引号后的全部内容当作短语',
    ]);
  });

  it('throws a QueryError for a query it cannot read', async () => {
    const archive = await archiveOfTexts(['孝感加油。']);
    expect(() => search(archive, '孝感 from:2020-02-30')).toThrow(QueryError);
  });

  describe('paging', () => {
    const manyMatches = () =>
      archiveOfTexts(
        Array.from({ length: 150 }, (_, i) => `第${i}段:疫情防控${'工作'.repeat(i % 7)}。`),
      );

    it('counts every match exactly, with no cap, however few hits a page shows', async () => {
      const archive = await manyMatches();
      const result = search(archive, '疫情防控', { limit: 5 });
      expect(result.total).toBe(150);
      expect(result.exactTotal).toBe(150);
      expect(result.reports).toBe(150);
      expect(result.hits).toHaveLength(5);
    });

    it('pages through every match once, in the order of one long list', async () => {
      const archive = await manyMatches();
      const all = [
        ...search(archive, '疫情防控', { offset: 0, limit: 100 }).hits,
        ...search(archive, '疫情防控', { offset: 100, limit: 100 }).hits,
      ].map((hit) => hit.id);
      expect(all).toHaveLength(150);
      expect(new Set(all).size).toBe(150);
      const pages: number[] = [];
      for (let offset = 0; offset < 150; offset += 7) {
        pages.push(...search(archive, '疫情防控', { offset, limit: 7 }).hits.map((hit) => hit.id));
      }
      expect(pages).toEqual(all);
    });

    it(`caps a page at ${MAX_LIMIT} hits and reports the paging it used`, async () => {
      const archive = await manyMatches();
      const result = search(archive, '疫情防控', { limit: 1000, offset: -5 });
      expect(result.hits).toHaveLength(MAX_LIMIT);
      expect([result.offset, result.limit, result.sort]).toEqual([0, MAX_LIMIT, 'relevance']);
    });

    it('returns no hits past the last match but still the exact total', async () => {
      const archive = await manyMatches();
      const result = search(archive, '疫情防控', { offset: 150, limit: 10 });
      expect(result.hits).toEqual([]);
      expect(result.total).toBe(150);
    });

    it('pages through exact and then related matches', async () => {
      const archive = await archiveOfTexts([
        '湖北派出的医疗队抵达武汉。',
        '支援湖北医疗队。',
        '湖北省的医疗队出发。',
        '湖北医疗队凯旋。',
      ]);
      const first = search(archive, '湖北医疗队', { limit: 2 });
      const second = search(archive, '湖北医疗队', { limit: 2, offset: 2 });
      expect(first.hits.map((hit) => hit.match)).toEqual(['exact', 'exact']);
      // r3 holds 湖北 inside jieba's 湖北省: a related match all the same.
      expect(second.hits.map((hit) => hit.match)).toEqual(['related', 'related']);
      expect(second.hits.map((hit) => hit.reportId).sort()).toEqual(['r1', 'r3']);
      expect([second.exactTotal, second.relatedTotal]).toEqual([2, 2]);
    });
  });

  it('describes each hit: report, paragraph number, kind, heading and credit', async () => {
    const archive = await buildTestArchive([
      makeReport(
        'qj',
        [
          { text: '有速度', kind: 'heading' },
          { text: '全区召开疫情防控会议。', heading: '有速度' },
          {
            text: '工作人员正在测体温。',
            kind: 'caption',
            credit: '通讯员 罗文 摄',
            heading: '有速度',
          },
        ],
        { title: '一场战疫', date: '2020-01-24', source: '綦江日报' },
      ),
    ]);
    const [hit] = search(archive, '测体温').hits;
    expect(hit).toMatchObject({
      reportId: 'qj',
      paragraph: 3,
      kind: 'caption',
      text: '工作人员正在测体温。',
      heading: '有速度',
      credit: '通讯员 罗文 摄',
      match: 'exact',
      report: {
        id: 'qj',
        title: '一场战疫',
        date: '2020-01-24',
        source: '綦江日报',
        authors: [],
        origin: 'qj.md',
      },
    });
    expect(hit!.report).not.toHaveProperty('paragraphs');
  });
});
