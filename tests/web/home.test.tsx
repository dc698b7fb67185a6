// `/`: the search box inside a <search> landmark, the syntax help and the archive's size.
import { describe, expect, it } from 'vitest';
import { testApp } from './fixture.ts';
import { textById } from './markup.ts';

describe('GET /', () => {
  it('is a full HTML page', async () => {
    const res = await (await testApp()).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=UTF-8');
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<title>报库 - 新闻报道检索</title>');
  });

  it('puts a labelled search input inside a <search> landmark', async () => {
    const html = await (await (await testApp()).request('/')).text();
    const landmark = /<search>([\s\S]*)<\/search>/.exec(html)?.[1] ?? '';
    expect(landmark).toContain('<form action="/search" method="get"');
    expect(landmark).toContain('<label for="q" class="search-label">搜索报道段落</label>');
    expect(landmark).toMatch(
      /<input id="q" name="q" type="search" value="" maxlength="1000" autocomplete="off" autofocus="" aria-describedby="syntax"/,
    );
  });

  it('explains the query syntax next to the box', async () => {
    const html = await (await (await testApp()).request('/')).text();
    expect(textById(html, 'syntax')).toBe(
      '空格分隔表示同时包含；"完整短语"；-排除词；武汉 OR 孝感；source:央视；title:疫情；from:2020-01-01 to:2020-03-31；也可输入拼音，如 qijiang。',
    );
  });

  it('says how big the archive is', async () => {
    const html = await (await (await testApp()).request('/')).text();
    expect(html).toContain(
      '<p class="archive-size">收录 6 篇报道、82 个段落，时间跨度 2019-01-21 至 2022-05-06。</p>',
    );
  });

  it('has an empty live region and results region for htmx to fill', async () => {
    const html = await (await (await testApp()).request('/')).text();
    expect(html).toContain(
      '<p id="status" class="status" role="status"></p><div id="results" class="results"></div>',
    );
  });
});
