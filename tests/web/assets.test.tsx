// `/opensearch.xml`, `/healthz` and `/static/*`: what browsers, monitors and pages fetch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { testApp } from './fixture.ts';

const require = createRequire(import.meta.url);

async function get(url: string) {
  const res = await (await testApp()).request(url);
  return { res, body: await res.text() };
}

describe('GET /opensearch.xml', () => {
  it('describes the HTML and JSON searches at this origin', async () => {
    const { res, body } = await get('/opensearch.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe(
      'application/opensearchdescription+xml; charset=utf-8',
    );
    expect(body).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>报库</ShortName>
  <Description>检索报库收录的新闻报道段落</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="http://localhost/search?q={searchTerms}"/>
  <Url type="application/json" method="get" template="http://localhost/api/search?q={searchTerms}"/>
</OpenSearchDescription>
`);
  });

  it('is linked from every page', async () => {
    const { body } = await get('/');
    expect(body).toContain(
      '<link rel="search" type="application/opensearchdescription+xml" title="报库" href="/opensearch.xml"/>',
    );
  });
});

describe('GET /healthz', () => {
  it('reports ok with the archive size', async () => {
    const { res, body } = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(body)).toEqual({ status: 'ok', reports: 6, paragraphs: 82 });
  });

  it('adds the index facts it is given', async () => {
    const app = await testApp({ getIndexInfo: () => ({ schema: 3, builtAt: '2026-11-29' }) });
    const body = await (await app.request('/healthz')).json();
    expect(body).toEqual({
      status: 'ok',
      reports: 6,
      paragraphs: 82,
      schema: 3,
      builtAt: '2026-11-29',
    });
  });
});

describe('GET /static/*', () => {
  it('serves htmx from the installed package as JavaScript', async () => {
    const { res, body } = await get('/static/htmx.min.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=3600');
    expect(body).toBe(readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'));
  });

  it('serves the stylesheet as CSS', async () => {
    const { res, body } = await get('/static/style.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(body).toBe(
      readFileSync(new URL('../../src/web/static/style.css', import.meta.url), 'utf8'),
    );
  });

  it('serves the copy-button script as JavaScript', async () => {
    const { res } = await get('/static/baoku.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/static/x',
    '/static/',
    '/static/../package.json',
    '/static/%2e%2e/package.json',
    '/static/style.css/',
  ])('answers %s with 404', async (url) => {
    const { res, body } = await get(url);
    expect(res.status).toBe(404);
    expect(body).not.toContain('"name": "baoku"');
  });
});
