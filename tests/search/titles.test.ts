// Titles are searched: title hits, paragraphs completed by their title, the title: filter.
import { describe, expect, it } from 'vitest';
import { search } from '../../src/search/search.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';

function reports() {
  return [
    makeReport('jiangsu', ['新华社南京2月10日电。', '截至10日24时，全省累计报告确诊病例373例。'], {
      title: '江苏新增确诊32例，累计确诊373例',
      date: '2020-02-11',
      source: '丁香园',
    }),
    makeReport('zhejiang', ['浙江省新增确诊病例。', '累计确诊病例1117例。'], {
      title: '浙江新增确诊27例',
      date: '2020-02-11',
      source: '丁香园',
    }),
    makeReport('jiangsu-later', ['江苏省卫健委通报。', '全省累计确诊病例631例。'], {
      title: '江苏累计确诊631例',
      date: '2020-03-01',
      source: '新华社',
    }),
  ];
}

describe('title search', () => {
  it('finds a report by its pasted headline although no paragraph holds it', async () => {
    const archive = await buildTestArchive(reports());
    const result = search(archive, '江苏新增确诊32例，累计确诊373例');
    expect(result.exactTotal).toBe(0);
    expect(result.titles.total).toBe(1);
    const [hit] = result.titles.hits;
    expect(hit!.reportId).toBe('jiangsu');
    expect(hit!.title.spans).toEqual([{ text: '江苏新增确诊32例，累计确诊373例', hit: true }]);
    expect(hit!.lead?.paragraph).toBe(1);
  });

  it('finds the paragraphs that hold the rest of the query where the title holds part of it', async () => {
    const archive = await buildTestArchive(reports());
    const result = search(archive, '江苏 24时');
    expect([result.exactTotal, result.titleTotal, result.total]).toEqual([0, 1, 1]);
    expect(result.hits.map((hit) => [hit.reportId, hit.paragraph, hit.match])).toEqual([
      ['jiangsu', 2, 'title'],
    ]);
    expect(result.hits[0]!.title.spans.filter((span) => span.hit).map((span) => span.text)).toEqual(
      ['江苏'],
    );
    expect(
      result.hits[0]!.snippet.spans.filter((span) => span.hit).map((span) => span.text),
    ).toEqual(['24时']);
    // The title holds both: a title hit, and no paragraph of it is completed by the title.
    const both = search(archive, '江苏 373例');
    expect([both.titles.total, both.titleTotal, both.exactTotal]).toEqual([1, 0, 0]);
  });

  it('ranks a title equal to the query (without punctuation) above one that contains it', async () => {
    const archive = await buildTestArchive(reports());
    const result = search(archive, '江苏 累计确诊');
    expect(result.titles.hits.map((hit) => hit.reportId)).toEqual(['jiangsu-later', 'jiangsu']);
    const pasted = search(archive, '江苏累计确诊631例');
    expect(pasted.titles.hits.map((hit) => hit.reportId)).toEqual(['jiangsu-later']);
  });

  it('keeps title hits within the filters and away from excluded terms', async () => {
    const archive = await buildTestArchive(reports());
    expect(search(archive, '江苏 source:新华社').titles.hits.map((hit) => hit.reportId)).toEqual([
      'jiangsu-later',
    ]);
    expect(search(archive, '江苏 -631').titles.hits.map((hit) => hit.reportId)).toEqual([
      'jiangsu',
    ]);
  });

  it('filters by title with title:, and lists the reports so titled when no term is given', async () => {
    const archive = await buildTestArchive(reports());
    const filtered = search(archive, '累计 title:浙江');
    expect(filtered.hits.map((hit) => hit.reportId)).toEqual(['zhejiang']);
    expect(filtered.filters.title).toBe('浙江');
    const listed = search(archive, 'title:江苏');
    expect(listed.empty).toBeUndefined();
    expect(listed.titles.total).toBe(2);
    expect(listed.titles.hits.map((hit) => hit.reportId)).toEqual(['jiangsu-later', 'jiangsu']);
    expect(
      search(archive, 'title:江苏', { limit: 1, offset: 1 }).titles.hits.map((h) => h.reportId),
    ).toEqual(['jiangsu']);
  });

  it('shows title hits on the first page only', async () => {
    const archive = await buildTestArchive(reports());
    expect(search(archive, '累计确诊', { limit: 1, offset: 1 }).titles).toEqual({
      total: 2,
      related: 0,
      hits: [],
    });
  });
});

describe('pasted headlines', () => {
  const pasted = () =>
    buildTestArchive([
      ...reports(),
      makeReport('nixing', ['1月26日，綦江首批支援湖北医疗队出征。'], {
        title: '【战疫一线】“逆行者”——綦江首批医疗队出征 61 人',
        date: '2020-01-27',
      }),
      makeReport('nixing-2', ['医疗队员们陆续出发。'], {
        title: '綦江首批医疗队出征之后',
        date: '2020-02-27',
      }),
    ]);

  it('find their report first with brackets, quotes, dashes, numbers and spaces as printed', async () => {
    const archive = await pasted();
    const result = search(archive, '【战疫一线】“逆行者”——綦江首批医疗队出征 61 人');
    expect(result.titles.hits.map((hit) => [hit.reportId, hit.match])).toEqual([
      ['nixing', 'exact'],
    ]);
  });

  it('find it first without its column name, and alone when a title holds it', async () => {
    const archive = await pasted();
    const result = search(archive, '“逆行者”——綦江首批医疗队出征 61 人');
    expect(result.titles.hits[0]).toMatchObject({ reportId: 'nixing', match: 'exact' });
    // The other title lacks 逆行者: no title hit, and no near title either once one title holds it.
    const loose = search(archive, '逆行者 綦江首批医疗队出征');
    expect(loose.titles.hits.map((hit) => [hit.reportId, hit.match])).toEqual([
      ['nixing', 'exact'],
    ]);
  });
});

describe('near misses', () => {
  it('list the title of a headline typed with one character wrong first, tagged as near', async () => {
    const archive = await buildTestArchive(reports());
    const result = search(archive, '江苏新增确诊33例，累计确诊373例');
    expect(result.total + result.titles.total + result.titles.related).toBe(0);
    expect(result.titles.hits[0]).toMatchObject({ reportId: 'jiangsu', match: 'near' });
    expect(result.titles.hits[0]!.share).toBeGreaterThan(0.7);
    // Shown with the titles, so not again among the near misses below.
    expect(result.near.map((hit) => hit.reportId)).not.toContain('jiangsu');
  });

  it('show the paragraphs that share most of a short query when nothing matches it', async () => {
    const archive = await buildTestArchive(reports());
    // Quoted, so that it has no related matches (诊病 and 631 are both in paragraph 2 of one report).
    const result = search(archive, '"诊病倒631"');
    expect(result.total + result.titles.hits.length).toBe(0);
    expect(result.near.map((hit) => [hit.reportId, hit.where])).toEqual([
      ['jiangsu-later', 'paragraph'],
    ]);
    const marked = result.near[0]!.paragraph!.snippet.spans.filter((span) => span.hit);
    expect(marked.map((span) => span.text)).toEqual(['诊病', '631']);
  });

  it('are not looked for when enough matched', async () => {
    const archive = await buildTestArchive(reports());
    expect(search(archive, '累计').near).toEqual([]);
  });

  it('leave out excluded terms and what the filters leave out', async () => {
    const archive = await buildTestArchive(reports());
    expect(search(archive, '"诊病倒631" -卫健委').near).toEqual(
      search(archive, '"诊病倒631"').near,
    );
    expect(search(archive, '"诊病倒631" -全省').near).toEqual([]);
    expect(search(archive, '"诊病倒631" source:丁香园').near).toEqual([]);
  });
});

describe('related title hits', () => {
  it('list a title that holds each word of a term but not the term, after the exact ones', async () => {
    const archive = await buildTestArchive(reports());
    const result = search(archive, '江苏确诊');
    expect(result.titles.hits.map((hit) => [hit.reportId, hit.match])).toEqual([
      ['jiangsu-later', 'related'],
      ['jiangsu', 'related'],
    ]);
    expect([result.titles.total, result.titles.related]).toEqual([0, 2]);
  });
});
