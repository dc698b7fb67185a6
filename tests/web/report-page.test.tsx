// `/r/:id`: the whole report, every paragraph numbered and anchored, captions as figures, highlights.
import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../src/types.ts';
import { SEED_ID, SLASHED_ID, seedReport, testApp } from './fixture.ts';
import { countOf, escapeHtml } from './markup.ts';

/** The markup the report page gives one paragraph, with no highlight. */
function paragraphMarkup(p: Paragraph): string {
  const number = `<a class="pn" href="#p${p.n}" aria-label="第 ${p.n} 段的链接">${p.n}</a>`;
  const text = escapeHtml(p.text);
  if (p.kind === 'heading')
    return `<h2 id="p${p.n}" class="para para-heading">${number}${text}</h2>`;
  if (p.kind === 'caption') {
    const credit = p.credit ? `<span class="credit">${escapeHtml(p.credit)}</span>` : '';
    return `<figure id="p${p.n}" class="para para-caption">${number}<figcaption><span class="caption-label">图片说明：</span>${text}${credit}</figcaption></figure>`;
  }
  return `<p id="p${p.n}" class="para">${number}${text}</p>`;
}

async function get(url: string) {
  const res = await (await testApp()).request(url);
  return { res, html: await res.text() };
}

describe('GET /r/:id', () => {
  it('shows every paragraph of the seed, in order, each with its anchor and number', async () => {
    const { res, html } = await get(`/r/${SEED_ID}`);
    expect(res.status).toBe(200);
    const paragraphs = seedReport().paragraphs;
    expect(paragraphs).toHaveLength(46);
    const body = paragraphs.map(paragraphMarkup).join('');
    expect(html).toContain(`<div class="report-body">${body}</div>`);
  });

  it('shows captions as figures with their photo credit', async () => {
    const { html } = await get(`/r/${SEED_ID}`);
    expect(html).toContain(
      '<figure id="p1" class="para para-caption"><a class="pn" href="#p1" aria-label="第 1 段的链接">1</a><figcaption><span class="caption-label">图片说明：</span>渝黔高速安稳路口检查点,工作人员正在为过往人员测体温。<span class="credit">通讯员 罗文 摄</span></figcaption></figure>',
    );
    expect(countOf(html, '<figure ')).toBe(8);
    expect(countOf(html, '<figcaption>')).toBe(8);
  });

  it('shows the title and the metadata it knows, inventing none', async () => {
    const { html } = await get(`/r/${SEED_ID}`);
    expect(html).toContain('<title>一场战疫展现的綦江担当 - 报库</title>');
    expect(html).toContain(
      '<h1>一场战疫展现的綦江担当</h1><dl class="report-meta"><dt>作者</dt><dd>蔡小芹</dd></dl>',
    );
  });

  it('highlights the query given in ?q= and links back to the search', async () => {
    const { html } = await get(`/r/${SEED_ID}?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7`);
    expect(html).toContain(
      '<p class="back"><a href="/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7">← 返回“疫情防控”的检索结果</a></p>',
    );
    expect(html).toContain(
      '<p id="p8" class="para"><a class="pn" href="#p8" aria-label="第 8 段的链接">8</a>1月23日,全市新冠肺炎<mark>疫情防控</mark>工作电视电话会议召开,我区第一时间贯彻落实会议精神,要求各街镇、部门迅速行动,切实做好<mark>疫情防控</mark>工作;</p>',
    );
  });

  it('highlights the simplified text for a traditional ?q=', async () => {
    const { html } = await get(`/r/${encodeURIComponent(SLASHED_ID)}?q=%E8%87%BA%E7%81%A3`);
    expect(html).toContain('<mark>台湾</mark>同胞也关心武汉的情况。</p>');
  });

  it('shows no highlight and no back link without ?q=', async () => {
    const { html } = await get(`/r/${SEED_ID}`);
    expect(html).not.toContain('<mark>');
    expect(html).not.toContain('class="back"');
  });

  it('finds a report whose id has a slash and Chinese characters, linked as the app links it', async () => {
    const { res, html } = await get(`/r/${encodeURIComponent(SLASHED_ID)}`);
    expect(encodeURIComponent(SLASHED_ID)).toBe(
      'xinhua%2F2020%2F%E6%AD%A6%E6%B1%89-%E5%B0%81%E5%9F%8E',
    );
    expect(res.status).toBe(200);
    expect(html).toContain('<h1>武汉关闭离汉通道</h1>');
  });

  it('answers an unknown id with a 404 page that says which id', async () => {
    const { res, html } = await get('/r/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=UTF-8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(
      '<div class="error-page"><h1>找不到这个页面</h1><p>没有编号为“nope”的报道。</p><p><a href="/">回到检索首页</a></p></div>',
    );
  });

  it('answers an unknown path with a 404 page', async () => {
    const { res, html } = await get('/nothing/here');
    expect(res.status).toBe(404);
    expect(html).toContain('<p>这个地址没有内容。</p>');
  });
});
