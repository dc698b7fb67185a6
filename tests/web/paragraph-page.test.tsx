// `/p/:id/:n`: one paragraph with its neighbours, more context in place, and the citation box.
import { describe, expect, it } from 'vitest';
import { HOSTILE_ID, HTMX, SEED_ID, SLASHED_ID, seedReport, testApp } from './fixture.ts';
import { attributeValues, countOf, innerHtmlById, textById } from './markup.ts';

const SEED_P8 = `/p/${SEED_ID}/8`;
const P8_TEXT = seedReport().paragraphs[7]!.text;
const PERMALINK = `http://localhost${SEED_P8}`;

async function get(url: string, init?: RequestInit) {
  const res = await (await testApp()).request(url, init);
  return { res, html: await res.text() };
}

/** The numbers of the paragraphs shown in a context block, in order. */
function contextNumbers(html: string): number[] {
  const start = html.indexOf('<div id="context"');
  return [...html.slice(start).matchAll(/ id="p(\d+)"/g)].map((m) => Number(m[1]));
}

describe('GET /p/:id/:n', () => {
  it('quotes the paragraph under the report title and its number', async () => {
    const { res, html } = await get(SEED_P8);
    expect(res.status).toBe(200);
    expect(res.headers.get('Vary')).toBe('HX-Request');
    expect(html).toContain('<title>一场战疫展现的綦江担当 第 8 段 - 报库</title>');
    expect(html).toContain('<h1>一场战疫展现的綦江担当 <span class="pn-title">第 8 段</span></h1>');
    expect(html).toContain(`<blockquote class="quote">${P8_TEXT}</blockquote>`);
    expect(html).toContain(
      `<p class="back"><a href="/r/${SEED_ID}">阅读全文：一场战疫展现的綦江担当</a></p>`,
    );
  });

  it('shows two neighbours on each side, the cited one marked, numbers linking into the report', async () => {
    const { html } = await get(SEED_P8);
    expect(contextNumbers(html)).toEqual([6, 7, 8, 9, 10]);
    expect(html).toContain(
      `<div class="cited"><p id="p8" class="para"><a class="pn" href="/r/${SEED_ID}#p8" aria-label="第 8 段的链接">8</a>${P8_TEXT}</p></div>`,
    );
    expect(html).toContain(
      `<h2 id="p6" class="para para-heading"><a class="pn" href="/r/${SEED_ID}#p6" aria-label="第 6 段的链接">6</a>有速度</h2>`,
    );
  });

  it('offers more context as a link that works with and without htmx', async () => {
    const { html } = await get(SEED_P8);
    expect(html).toContain(
      `<p class="more"><a href="${SEED_P8}?radius=7" hx-get="${SEED_P8}?radius=7" hx-target="#context" hx-swap="outerHTML">显示更多上下文</a></p>`,
    );
    const wider = await get(`${SEED_P8}?radius=7`);
    expect(wider.res.status).toBe(200);
    expect(contextNumbers(wider.html)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('sends htmx only the context block, the same block the page includes', async () => {
    const page = await get(`${SEED_P8}?radius=7`);
    const { res, html } = await get(`${SEED_P8}?radius=7`, HTMX);
    expect(res.status).toBe(200);
    expect(res.headers.get('Vary')).toBe('HX-Request');
    expect(html).not.toContain('<html');
    expect(html).not.toContain('class="citations"');
    expect(html.startsWith('<div id="context" class="context">')).toBe(true);
    expect(page.html).toContain(html);
    expect(html).toContain(`hx-get="${SEED_P8}?radius=12"`);
  });

  it('stops offering more context once the whole report is shown', async () => {
    const { html } = await get(`${SEED_P8}?radius=200`, HTMX);
    expect(contextNumbers(html)).toHaveLength(46);
    expect(html).not.toContain('显示更多上下文');
  });

  it('uses the default radius for a radius it cannot read', async () => {
    const { res, html } = await get(`${SEED_P8}?radius=-3`, HTMX);
    expect(res.status).toBe(200);
    expect(contextNumbers(html)).toEqual([6, 7, 8, 9, 10]);
  });

  it('works for a report id with a slash and Chinese characters', async () => {
    const id = encodeURIComponent(SLASHED_ID);
    const { res, html } = await get(`/p/${id}/2`);
    expect(res.status).toBe(200);
    expect(html).toContain('<blockquote class="quote">做好防控工作，战胜疫情。</blockquote>');
    expect(attributeValues(html, 'href')).toContain(`/r/${id}/cite.ris`);
  });

  it('gives every same-site link on the page a URL the app answers with 200', async () => {
    const app = await testApp();
    for (const id of [SLASHED_ID, HOSTILE_ID]) {
      const html = await (await app.request(`/p/${encodeURIComponent(id)}/2`)).text();
      const hrefs = new Set(attributeValues(html, 'href').filter((href) => href.startsWith('/')));
      expect(hrefs.size).toBeGreaterThan(5);
      for (const href of hrefs) {
        const res = await app.request(href.replace(/#.*$/, ''));
        expect([href, res.status]).toEqual([href, 200]);
      }
    }
  });

  it.each(['0', '47', 'abc', '-1', '1.5', '8x', '99999999999'])(
    'answers paragraph %s of the seed with 404 and a readable page',
    async (n) => {
      const { res, html } = await get(`/p/${SEED_ID}/${n}`);
      expect(res.status).toBe(404);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(textById(html, 'main')).toContain(`这篇报道没有第 ${n.slice(0, 20)} 段（共 46 段）。`);
    },
  );

  it('answers htmx with an error fragment for a paragraph out of range', async () => {
    const { res, html } = await get(`/p/${SEED_ID}/99`, HTMX);
    expect(res.status).toBe(404);
    expect(html).toBe('<div class="notice error"><p>这篇报道没有第 99 段（共 46 段）。</p></div>');
  });

  it('answers an unknown report with 404', async () => {
    const { res, html } = await get('/p/nope/1');
    expect(res.status).toBe(404);
    expect(html).toContain('<p>没有编号为“nope”的报道。</p>');
  });
});

describe('GET /p/:id/:n: the citation box', () => {
  it('warns that the seed report lacks a source and a date for a complete citation', async () => {
    const { html } = await get(SEED_P8);
    expect(html).toContain(
      '<p class="cite-warning">这篇报道的来源、日期不详，下面的引用缺少这些项；正式引用前请核对原报补全。</p>',
    );
  });

  it('gives the GB/T 7714 print entry with unknown fields left out', async () => {
    const { html } = await get(SEED_P8);
    expect(textById(html, 'cite-gbt')).toBe('蔡小芹. 一场战疫展现的綦江担当[N].');
  });

  it('gives the GB/T 7714 online entry with the access date and the permalink', async () => {
    const { html } = await get(SEED_P8);
    expect(textById(html, 'cite-gbt-online')).toBe(
      `蔡小芹. 一场战疫展现的綦江担当[N/OL]. [2026-11-30]. ${PERMALINK}.`,
    );
  });

  it('gives APA and MLA entries', async () => {
    const { html } = await get(SEED_P8);
    expect(textById(html, 'cite-apa')).toBe(`蔡小芹. (n.d.). 一场战疫展现的綦江担当. ${PERMALINK}`);
    expect(textById(html, 'cite-mla')).toBe(
      `蔡小芹. “一场战疫展现的綦江担当.” ${PERMALINK}. Accessed 30 Nov. 2026.`,
    );
  });

  it('gives the quote in 「」 with its citation and permalink', async () => {
    const { html } = await get(SEED_P8);
    expect(textById(html, 'cite-quote')).toBe(
      `「${P8_TEXT}」\n蔡小芹. 一场战疫展现的綦江担当[N].\n${PERMALINK}`,
    );
  });

  it('gives every entry a labelled copy button', async () => {
    const { html } = await get(SEED_P8);
    for (const id of ['cite-quote', 'cite-gbt', 'cite-gbt-online', 'cite-apa', 'cite-mla']) {
      expect(html).toContain(
        `<button type="button" class="copy" data-copy="${id}" aria-describedby="${id}-label">复制</button>`,
      );
    }
    expect(countOf(html, 'class="copy"')).toBe(5);
  });

  it('links the RIS, BibTeX and CSL-JSON downloads of the report', async () => {
    const { html } = await get(SEED_P8);
    expect(
      innerHtmlById(html.replace('<p class="downloads">', '<p id="downloads">'), 'downloads'),
    ).toBe(
      `下载文献记录：<a href="/r/${SEED_ID}/cite.ris" download="">RIS</a> · <a href="/r/${SEED_ID}/cite.bib" download="">BibTeX</a> · <a href="/r/${SEED_ID}/cite.json" download="">CSL-JSON</a>`,
    );
  });
});
