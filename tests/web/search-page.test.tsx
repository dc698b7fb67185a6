// `/search`: the full page or the htmx fragment, highlights, counts, facets, paging, empty states.
import { describe, expect, it } from 'vitest';
import { HTMX, SPRING_COUNT, testApp } from './fixture.ts';
import { attributeValues, countOf, textById, unescapeHtml } from './markup.ts';

const SPRING = '/search?q=%E6%98%A5%E8%BF%90';

async function page(url: string, init?: RequestInit) {
  const res = await (await testApp()).request(url, init);
  return { res, html: await res.text() };
}

/** The hrefs of the links inside the element that holds `marker`, e.g. the pager's nav. */
function linksIn(html: string, start: string, end: string): string[] {
  const from = html.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return attributeValues(html.slice(from, html.indexOf(end, from)), 'href');
}

describe('GET /search: full page or fragment', () => {
  it('sends the full page to a plain request', async () => {
    const { res, html } = await page(SPRING);
    expect(res.status).toBe(200);
    expect(res.headers.get('Vary')).toBe('HX-Request');
    expect(res.headers.get('HX-Push-Url')).toBeNull();
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<title>春运 - 报库检索</title>');
    expect(html).toContain('<input id="q" name="q" type="search" value="春运"');
    expect(html).toContain('<div id="results" class="results"><div class="results-layout">');
  });

  it('sends only the results fragment to htmx, with the status line out of band', async () => {
    const { res, html } = await page(SPRING, HTMX);
    expect(res.status).toBe(200);
    expect(res.headers.get('Vary')).toBe('HX-Request');
    expect(html).not.toContain('<html');
    expect(html).not.toContain('<!DOCTYPE');
    expect(html).not.toContain('<search>');
    expect(
      html.startsWith(
        '<p id="status" class="status" role="status" hx-swap-oob="true">共 30 段，来自 3 篇报道；标题相符 3 篇</p><div class="results-layout">',
      ),
    ).toBe(true);
  });

  it('pushes the canonical URL of the search to the address bar', async () => {
    const { res } = await page(SPRING, HTMX);
    expect(res.headers.get('HX-Push-Url')).toBe(SPRING);
  });

  it('keeps the page, filters and sort in the pushed URL, in canonical order, without unknown parameters', async () => {
    const { res } = await page(
      `/search?sort=date&page=2&foo=bar&q=%E6%98%A5%E8%BF%90&to=2021-12-31&from=2019-01-01`,
      HTMX,
    );
    expect(res.headers.get('HX-Push-Url')).toBe(
      `${SPRING}&from=2019-01-01&to=2021-12-31&sort=date&page=2`,
    );
  });
});

describe('GET /search: hits', () => {
  it('marks exactly the query term in every snippet', async () => {
    const { html } = await page(SPRING);
    const snippets = [...html.matchAll(/<p class="snippet">(.*?)<\/p>/g)].map((m) => m[1]);
    expect(snippets).toHaveLength(20);
    for (const snippet of snippets) {
      expect(snippet).toMatch(/^第\d+条：今年<mark>春运<\/mark>客流平稳，车站秩序井然。$/);
    }
  });

  it('states the count in the role=status element', async () => {
    const { html } = await page(SPRING);
    expect(html).toContain(
      '<p id="status" class="status" role="status">共 30 段，来自 3 篇报道；标题相符 3 篇</p>',
    );
    // The three reports' titles hold 春运 too: counted apart from the paragraphs.
    expect(textById(html, 'status')).toBe(`共 ${SPRING_COUNT} 段，来自 3 篇报道；标题相符 3 篇`);
  });

  it('lists exact matches before related ones, under their own heading, with counts that add up', async () => {
    const { html } = await page('/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7');
    const counts =
      /共 (\d+) 段，来自 (\d+) 篇报道<\/strong>（精确匹配 (\d+) 段，相关 (\d+) 段）/.exec(html);
    expect(counts).not.toBeNull();
    const [total, exact, related] = [counts![1], counts![3], counts![4]].map(Number);
    expect(total).toBe(exact! + related!);
    expect(related).toBeGreaterThan(0);

    const classes = [...html.matchAll(/<li class="(hit(?: related)?)"/g)].map((m) => m[1]);
    expect(classes).toHaveLength(total!);
    expect(classes.indexOf('hit related')).toBe(exact);
    expect(classes.slice(exact).every((c) => c === 'hit related')).toBe(true);
    const heading = html.indexOf(
      '<h2 class="related-heading">相关段落（包含全部分词，但不含完整词语）</h2>',
    );
    expect(heading).toBeGreaterThan(html.lastIndexOf('<li class="hit"'));
    expect(heading).toBeLessThan(html.indexOf('<li class="hit related"'));
  });

  it('marks each word of a related hit', async () => {
    const { html } = await page('/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7');
    expect(html).toContain(
      '<p class="snippet">做好<mark>防控</mark>工作，战胜<mark>疫情</mark>。</p>',
    );
  });

  it('highlights the simplified text for a traditional query', async () => {
    const { html } = await page('/search?q=%E8%87%BA%E7%81%A3');
    expect(textById(html, 'status')).toBe('共 1 段，来自 1 篇报道');
    expect(html).toContain('<p class="snippet"><mark>台湾</mark>同胞也关心武汉的情况。</p>');
  });

  it('shows how a pinyin query was read, and marks the characters it found', async () => {
    const { html } = await page('/search?q=qijiang');
    expect(html).toContain(
      '<p class="reading">分词：<span class="term">qijiang</span> → 拼音，按 綦江 查找</p>',
    );
    expect(html).toContain('<p class="snippet">一场战疫展现的<mark>綦江</mark>担当</p>');
  });

  it('shows the segmentation of a multi-word term', async () => {
    const { html } = await page('/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7');
    expect(html).toContain(
      '<p class="reading">分词：<span class="term">疫情防控</span> → 疫情 / 防控</p>',
    );
  });

  it('links each hit to its paragraph page and to the highlighted report, and those links resolve', async () => {
    const app = await testApp();
    const html = await (await app.request('/search?q=%E8%87%BA%E7%81%A3')).text();
    const id = 'xinhua%2F2020%2F%E6%AD%A6%E6%B1%89-%E5%B0%81%E5%9F%8E';
    expect(html).toContain(`<p class="hit-title"><a href="/p/${id}/3">武汉关闭离汉通道</a></p>`);
    expect(html).toContain(`<a href="/r/${id}?q=%E8%87%BA%E7%81%A3#p3">在全文中查看</a>`);
    const paragraph = await app.request(`/p/${id}/3`);
    expect(paragraph.status).toBe(200);
    expect(await paragraph.text()).toContain(
      '<blockquote class="quote">台湾同胞也关心武汉的情况。</blockquote>',
    );
    const report = await app.request(`/r/${id}?q=%E8%87%BA%E7%81%A3`);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('<mark>台湾</mark>同胞也关心武汉的情况。');
  });

  it('gives every link in the results a URL the app answers with 200', async () => {
    const app = await testApp();
    for (const query of [
      '%E6%98%A5%E8%BF%90',
      '%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7',
      '%E8%AD%A6%E6%8A%A5',
    ]) {
      const html = await (await app.request(`/search?q=${query}`)).text();
      const hrefs = new Set(attributeValues(html.slice(html.indexOf('<div id="results"')), 'href'));
      expect(hrefs.size).toBeGreaterThan(3);
      for (const href of hrefs) {
        const res = await app.request(href.replace(/#.*$/, ''));
        expect([href, res.status]).toEqual([href, 200]);
      }
    }
  });
});

describe('GET /search: facets', () => {
  it('counts paragraphs per source and year, newest year first, linking to filtered searches', async () => {
    const { html } = await page(SPRING);
    expect(html).toContain(
      '<li><a href="/search?q=%E6%98%A5%E8%BF%90&amp;source=%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5" hx-get="/search?q=%E6%98%A5%E8%BF%90&amp;source=%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5" hx-target="#results" hx-push-url="true">人民日报</a> <span class="count">12</span></li>',
    );
    const years = [
      ...html.matchAll(
        /from=(\d{4})-01-01&amp;to=\1-12-31" hx-get="[^"]*" hx-target="#results" hx-push-url="true">(\d{4})<\/a> <span class="count">(\d+)</g,
      ),
    ];
    expect(years.map((m) => [m[2], m[3]])).toEqual([
      ['2021', '8'],
      ['2020', '10'],
      ['2019', '12'],
    ]);
  });

  it('follows a source facet to a search of that source only, marked as current', async () => {
    const app = await testApp();
    const html = await (await app.request(SPRING)).text();
    const href = attributeValues(html, 'href').find((h) => h.includes('source='))!;
    const filtered = await (await app.request(href)).text();
    expect(textById(filtered, 'status')).toBe('共 12 段，来自 1 篇报道；标题相符 1 篇');
    expect(filtered).toContain('aria-current="true" hx-get=');
    expect(filtered).toContain('<input name="source" type="text" value="人民日报"');
  });

  it('follows a year facet to a search of that year only', async () => {
    const app = await testApp();
    const html = await (await app.request(SPRING)).text();
    const href = attributeValues(html, 'href').find((h) => h.includes('from=2020-01-01'))!;
    expect(href).toBe(`${SPRING}&from=2020-01-01&to=2020-12-31`);
    expect(textById(await (await app.request(href)).text(), 'status')).toBe(
      '共 10 段，来自 1 篇报道；标题相符 1 篇',
    );
  });

  it('finds the hits of a source facet whose name has Latin capitals', async () => {
    const app = await testApp();
    const html = await (await app.request('/search?q=%E6%AD%A6%E6%B1%89')).text();
    const href = attributeValues(html, 'href').find((h) => h.includes('source='))!;
    expect(href).toBe('/search?q=%E6%AD%A6%E6%B1%89&source=Xinhua+%E6%96%B0%E5%8D%8E%E7%A4%BE');
    const filtered = await (await app.request(href)).text();
    expect(textById(filtered, 'status')).toBe(textById(html, 'status'));
  });

  it('counts the unknown source without linking it, since it cannot be filtered for', async () => {
    const { html } = await page('/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7');
    expect(html).toContain('<span class="facet-unknown">来源不详</span>');
    expect(html).not.toContain('>来源不详</a>');
  });
});

describe('GET /search: pages', () => {
  it('links page 1 to the next page, and marks it as current', async () => {
    const { html } = await page(SPRING);
    expect(html).toContain(
      '<nav class="pager" aria-label="分页"><a aria-current="page" href="/search?q=%E6%98%A5%E8%BF%90">1</a>',
    );
    expect(html).toContain(
      '<a rel="next" href="/search?q=%E6%98%A5%E8%BF%90&amp;page=2" hx-get="/search?q=%E6%98%A5%E8%BF%90&amp;page=2" hx-target="#results" hx-push-url="true">下一页</a>',
    );
    expect(html).not.toContain('rel="prev"');
    expect(countOf(html, 'aria-current="page"')).toBe(1);
  });

  it('shows the rest on page 2, numbered on, with a link back', async () => {
    const { html } = await page(`${SPRING}&page=2`);
    expect(countOf(html, '<li class="hit"')).toBe(SPRING_COUNT - 20);
    expect(html).toContain('<li class="hit" value="21">');
    expect(html).toContain(
      '<a rel="prev" href="/search?q=%E6%98%A5%E8%BF%90" hx-get="/search?q=%E6%98%A5%E8%BF%90" hx-target="#results" hx-push-url="true">上一页</a>',
    );
    expect(html).toContain(
      '<a aria-current="page" href="/search?q=%E6%98%A5%E8%BF%90&amp;page=2">2</a>',
    );
    expect(html).not.toContain('rel="next"');
  });

  it('shows every matching paragraph exactly once across the pages', async () => {
    const app = await testApp();
    const links: string[] = [];
    for (const n of [1, 2]) {
      const html = await (await app.request(`${SPRING}&page=${n}`)).text();
      links.push(
        ...[...html.matchAll(/<p class="hit-title"><a href="(\/p\/[^"]+)"/g)].map((m) => m[1]!),
      );
    }
    expect(links).toHaveLength(SPRING_COUNT);
    expect(new Set(links).size).toBe(SPRING_COUNT);
  });

  it('says so when the page lies past the last one, and links back to the last page', async () => {
    const { res, html } = await page(`${SPRING}&page=5`);
    expect(res.status).toBe(200);
    expect(html).toContain(
      '<p>第 5 页没有结果：这次检索只有 2 页。<a href="/search?q=%E6%98%A5%E8%BF%90&amp;page=2">转到第 2 页</a></p>',
    );
    expect(linksIn(html, '<nav class="pager"', '</nav>')[0]).toBe(`${SPRING}&page=2`);
  });
});

describe('GET /search: nothing to show', () => {
  it('asks for a word, with examples, when the query is empty (full page)', async () => {
    for (const url of ['/search', '/search?q=', '/search?q=%20%20']) {
      const { res, html } = await page(url);
      expect(res.status).toBe(200);
      expect(textById(html, 'status')).toBe('请输入要查找的词。');
      expect(html).toContain('<p>请输入要查找的词。</p>');
      expect(html).toContain('可以输入一个词（如 <code>疫情防控</code>）');
      expect(html).toContain('autofocus=""');
    }
  });

  it('asks for a word in the fragment too', async () => {
    const { html } = await page('/search?q=', HTMX);
    expect(
      html.startsWith(
        '<p id="status" class="status" role="status" hx-swap-oob="true">请输入要查找的词。</p><div class="notice"><p>请输入要查找的词。</p>',
      ),
    ).toBe(true);
  });

  it('asks for a word to look for when only exclusions were given', async () => {
    const { html } = await page('/search?q=-%E7%96%AB%E6%83%85');
    expect(textById(html, 'status')).toBe('只有排除词，没有要查找的词。请加上至少一个词。');
  });

  it('suggests what to try when nothing matches', async () => {
    const { res, html } = await page('/search?q=%E7%81%AB%E6%98%9F%E6%AE%96%E6%B0%91');
    expect(res.status).toBe(200);
    expect(textById(html, 'status')).toBe('共 0 段，来自 0 篇报道');
    expect(unescapeHtml(html)).toContain(
      '<div class="notice"><p>没有找到包含这些词的段落。</p><ul><li>换一个更短或更常见的词，或减少同时要求的词；</li><li>去掉引号，或检查是否有错别字；</li><li>人名、地名可以试试拼音，例如 qijiang；</li><li>放宽来源和日期筛选。</li></ul></div>',
    );
    expect(html).not.toContain('class="facets"');
    expect(html).not.toContain('class="pager"');
  });
});

describe('GET /search: a refused parameter', () => {
  it('answers 400 and keeps what was sent in the form, to be corrected in place', async () => {
    const { res, html } = await page(
      '/search?q=%E7%96%AB%E6%83%85&source=%E6%96%B0%E5%8D%8E%E7%A4%BE&from=2020-02-30&sort=date',
    );
    expect(res.status).toBe(400);
    expect(html).toContain('日期无效：from:2020-02-30');
    expect(html).toContain('<input name="source" type="text" value="新华社" maxlength="200"/>');
    expect(html).toContain('<option value="date" selected="">');
  });
});
