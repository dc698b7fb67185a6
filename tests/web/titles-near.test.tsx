// Title hits and near misses in /api/search and /search: shapes, counts, the title filter, escaping.
import { describe, expect, it } from 'vitest';
import { HOSTILE_ID, SEED_ID, SLASHED_ID, testApp } from './fixture.ts';
import { textById } from './markup.ts';

const SEED_TITLE = '一场战疫展现的綦江担当';
/** The seed's headline misremembered: 战役 for 战疫. */
const MISTYPED = '一场战役展现的綦江担当';

interface TitleHitJson {
  report_id: string;
  match: string;
  share?: number;
  title_snippet: string;
  url: string;
  lead: { paragraph: number; url: string; citations: { gbt7714: string } } | null;
}

async function api(query: string, extra = '') {
  const res = await (await testApp()).request(`/api/search?q=${encodeURIComponent(query)}${extra}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    total: number;
    exact_total: number;
    title_total: number;
    hits: { report_id: string; match: string; title_snippet: string }[];
    titles: { total: number; related: number; hits: TitleHitJson[] };
    near: { report_id: string; where: string; share: number; url: string }[];
  };
}

describe('title hits in /api/search', () => {
  it('finds the seed report by its headline, with the title marked and its lead paragraph to cite', async () => {
    const body = await api(SEED_TITLE);
    expect([body.titles.total, body.titles.related]).toEqual([1, 0]);
    const [hit] = body.titles.hits;
    expect(hit).toMatchObject({
      report_id: SEED_ID,
      match: 'exact',
      title_snippet: `<mark>${SEED_TITLE}</mark>`,
      url: `http://localhost/r/${SEED_ID}`,
    });
    expect(hit!.lead!.url).toBe(`http://localhost/p/${SEED_ID}/${hit!.lead!.paragraph}`);
    expect(hit!.lead!.citations.gbt7714).toContain(SEED_TITLE);
  });

  it('filters by title with title= as with title: in the query', async () => {
    const byParam = await api('春运', '&title=2019');
    const byQuery = await api('春运 title:2019');
    expect(byParam.total).toBe(12);
    expect(byQuery.total).toBe(12);
    expect(new Set(byParam.hits.map((hit) => hit.report_id)).size).toBe(1);
  });

  it('lists the reports so titled when the query is a title filter alone', async () => {
    const body = await api('title:武汉');
    expect(body.total).toBe(0);
    expect(body.titles.total).toBe(1);
    expect(body.titles.hits.map((hit) => hit.report_id)).toEqual([SLASHED_ID]);
  });

  it('escapes the title it marks', async () => {
    const body = await api('警报');
    const hit = body.titles.hits.find((h) => h.report_id === HOSTILE_ID)!;
    expect(hit.title_snippet).toContain('&lt;script&gt;');
    expect(hit.title_snippet).not.toContain('<script>');
    expect(hit.title_snippet.startsWith('“<mark>警报</mark>”')).toBe(true);
  });
});

describe('near misses in /api/search and /search', () => {
  it('gives the report of a mistyped headline as the first near title, never counted', async () => {
    const body = await api(MISTYPED);
    expect([body.total, body.titles.total, body.titles.related]).toEqual([0, 0, 0]);
    expect(body.titles.hits[0]).toMatchObject({ report_id: SEED_ID, match: 'near' });
    expect(body.titles.hits[0]!.share).toBeGreaterThan(0.5);
    expect(body.near.map((hit) => hit.report_id)).not.toContain(SEED_ID);
  });

  it('lists the texts nearest a query that matches nothing, with where and how much they share', async () => {
    const body = await api('"武汉关闭离汉通路"');
    expect(body.total).toBe(0);
    for (const hit of body.near) {
      expect(['title', 'paragraph']).toContain(hit.where);
      expect(hit.share).toBeGreaterThanOrEqual(0.5);
      expect(hit.share).toBeLessThanOrEqual(1);
    }
    expect(body.titles.hits[0]).toMatchObject({ report_id: SLASHED_ID, match: 'near' });
  });

  it('shows a near title on the page labelled apart, the count still 0', async () => {
    const html = await (
      await (await testApp()).request(`/search?q=${encodeURIComponent(MISTYPED)}`)
    ).text();
    expect(textById(html, 'status')).toBe('共 0 段，来自 0 篇报道');
    expect(html).toContain(
      '<h2 class="related-heading">标题相近的报道（标题不含全部检索内容；不计入总数）</h2>',
    );
    expect(html).toContain('<span class="tag">标题相近</span>');
    expect(html).toMatch(/相符约 \d+%，不计入总数/);
    expect(html).toContain('上面列出了标题相近的报道。');
  });
});
