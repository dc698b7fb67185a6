// `/api/search` and `/api/reports/:id`: the JSON shapes, parameter validation, unknown parameters.
import { describe, expect, it } from 'vitest';
import { SEED_ID, SLASHED_ID, SPRING_COUNT, testApp } from './fixture.ts';
import { textById } from './markup.ts';

const SLASHED_PATH = encodeURIComponent(SLASHED_ID);

async function api(url: string) {
  const res = await (await testApp()).request(url);
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/search', () => {
  it('answers JSON with every documented field', async () => {
    const { res, body } = await api('/api/search?q=%E6%98%A5%E8%BF%90');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining([
        'query',
        'total',
        'exact_total',
        'reports',
        'took_ms',
        'segmented',
        'facets',
        'hits',
      ]),
    );
    expect(body).toMatchObject({
      query: '春运',
      total: SPRING_COUNT,
      exact_total: SPRING_COUNT,
      reports: 3,
      segmented: [{ term: '春运', phrase: false, words: ['春运'] }],
      facets: {
        source: { 人民日报: 12, 重庆日报: 10, '央视《新闻联播》': 8 },
        year: { '2019': 12, '2020': 10, '2021': 8 },
      },
    });
    expect(typeof body.took_ms).toBe('number');
    expect(body.hits).toHaveLength(20);
  });

  it('gives a hit its text, snippet HTML, spans, report, permalink and citations', async () => {
    const { body } = await api('/api/search?q=%E8%87%BA%E7%81%A3');
    const url = `http://localhost/p/${SLASHED_PATH}/3`;
    expect(body.hits).toEqual([
      {
        report_id: SLASHED_ID,
        paragraph: 3,
        kind: 'body',
        text: '台湾同胞也关心武汉的情况。',
        snippet: '<mark>台湾</mark>同胞也关心武汉的情况。',
        spans: [
          { text: '台湾', hit: true },
          { text: '同胞也关心武汉的情况。', hit: false },
        ],
        snippet_cut: { start: false, end: false },
        match: 'exact',
        title_snippet: '武汉关闭离汉通道',
        report: {
          title: '武汉关闭离汉通道',
          date: '2020-01-23',
          source: 'Xinhua 新华社',
          authors: ['李四'],
          page: null,
        },
        url,
        citations: {
          gbt7714: '李四. 武汉关闭离汉通道[N]. Xinhua 新华社, 2020-01-23.',
          gbt7714_online: `李四. 武汉关闭离汉通道[N/OL]. Xinhua 新华社, 2020-01-23[2026-11-30]. ${url}.`,
          apa: `李四. (2020, January 23). 武汉关闭离汉通道. Xinhua 新华社. ${url}`,
          mla: `李四. “武汉关闭离汉通道.” Xinhua 新华社, 23 Jan. 2020. ${url}.`,
        },
      },
    ]);
  });

  it('gives every hit the same report keys, null where the corpus does not know', async () => {
    const { body } = await api('/api/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7&limit=100');
    const hits = body.hits as { report_id: string; report: Record<string, unknown> }[];
    for (const hit of hits) {
      expect(Object.keys(hit.report)).toEqual(['title', 'date', 'source', 'authors', 'page']);
    }
    const seed = hits.find((hit) => hit.report_id === SEED_ID)!;
    expect(seed.report).toEqual({
      title: '一场战疫展现的綦江担当',
      date: null,
      source: null,
      authors: ['蔡小芹'],
      page: null,
    });
  });

  it('counts exact and related paragraphs in total, as the page does', async () => {
    const app = await testApp();
    const body = (await (
      await app.request('/api/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7&limit=100')
    ).json()) as {
      total: number;
      exact_total: number;
      related_total: number;
      reports: number;
      hits: { match: string }[];
    };
    expect(body.related_total).toBeGreaterThan(0);
    expect(body.total).toBe(body.exact_total + body.related_total);
    expect(body.hits).toHaveLength(body.total);
    expect(body.hits.filter((hit) => hit.match === 'exact')).toHaveLength(body.exact_total);
    const html = await (await app.request('/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7')).text();
    expect(textById(html, 'status')).toBe(`共 ${body.total} 段，来自 ${body.reports} 篇报道`);
  });

  it('pages with limit and offset', async () => {
    const all = (await api('/api/search?q=%E6%98%A5%E8%BF%90&limit=100')).body.hits as object[];
    const { body } = await api('/api/search?q=%E6%98%A5%E8%BF%90&limit=5&offset=25');
    expect(body).toMatchObject({ total: SPRING_COUNT, offset: 25, limit: 5 });
    expect(body.hits).toEqual(all.slice(25, 30));
  });

  it('accepts limit 1 and 100 and offset 0', async () => {
    for (const query of ['limit=1', 'limit=100', 'offset=0']) {
      const { res } = await api(`/api/search?q=%E6%98%A5%E8%BF%90&${query}`);
      expect([query, res.status]).toEqual([query, 200]);
    }
  });

  it.each([
    ['limit=0', 'limit 必须是 1 到 100 之间的整数（收到 0）'],
    ['limit=101', 'limit 必须是 1 到 100 之间的整数（收到 101）'],
    ['limit=1.5', 'limit 必须是 1 到 100 之间的整数（收到 1.5）'],
    ['limit=ten', 'limit 必须是 1 到 100 之间的整数（收到 ten）'],
    ['offset=-1', 'offset 必须是 0 到 1000000 之间的整数（收到 -1）'],
    ['offset=abc', 'offset 必须是 0 到 1000000 之间的整数（收到 abc）'],
    ['sort=x', '排序只能是 relevance（相关度）或 date（日期）'],
    ['from=2020-02-30', '日期无效：from:2020-02-30（请写作 2020、2020-03 或 2020-03-31）'],
  ])('answers %s with 400 and a readable JSON error', async (query, error) => {
    const { res, body } = await api(`/api/search?q=%E6%98%A5%E8%BF%90&${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(body).toEqual({ error });
  });

  it('lists every bad parameter in one error', async () => {
    const { res, body } = await api('/api/search?q=a&limit=0&sort=x&from=2020-02-30');
    expect(res.status).toBe(400);
    expect(body).toEqual({
      error:
        '日期无效：from:2020-02-30（请写作 2020、2020-03 或 2020-03-31）；排序只能是 relevance（相关度）或 date（日期）；limit 必须是 1 到 100 之间的整数（收到 0）',
    });
  });

  it('ignores parameters it does not know', async () => {
    const plain = await api('/api/search?q=%E6%98%A5%E8%BF%90');
    const extra = await api('/api/search?q=%E6%98%A5%E8%BF%90&page=9&foo=bar&callback=x');
    expect(extra.res.status).toBe(200);
    expect({ ...extra.body, took_ms: 0 }).toEqual({ ...plain.body, took_ms: 0 });
  });

  it('says what is missing when there is no query', async () => {
    const { res, body } = await api('/api/search');
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ query: '', total: 0, hits: [], empty: '请输入要查找的词。' });
  });
});

describe('GET /api/reports/:id', () => {
  it('answers a report with every paragraph and its permalink', async () => {
    const { res, body } = await api(`/api/reports/${SLASHED_PATH}`);
    expect(res.status).toBe(200);
    expect(body).toEqual({
      id: SLASHED_ID,
      title: '武汉关闭离汉通道',
      date: '2020-01-23',
      source: 'Xinhua 新华社',
      authors: ['李四'],
      url: null,
      permalink: `http://localhost/r/${SLASHED_PATH}`,
      paragraphs: [1, 2, 3].map((n) => ({
        n,
        kind: 'body',
        text: [
          '武汉市疫情防控指挥部发布通告，离汉通道暂时关闭。',
          '做好防控工作，战胜疫情。',
          '台湾同胞也关心武汉的情况。',
        ][n - 1],
        url: `http://localhost/p/${SLASHED_PATH}/${n}`,
      })),
    });
  });

  it('answers an unknown report with 404 and a JSON error', async () => {
    const { res, body } = await api('/api/reports/nope');
    expect(res.status).toBe(404);
    expect(body).toEqual({ error: '没有编号为“nope”的报道。' });
  });

  it('answers an unknown API path with 404 and a JSON error', async () => {
    const { res, body } = await api('/api/nothing');
    expect(res.status).toBe(404);
    expect(body).toEqual({ error: '没有这个接口。' });
  });
});
