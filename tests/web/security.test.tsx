// Security: headers on every response, no inline script, hostile text escaped on every route,
// bad parameters answered with 400 (never 500), and ids that try to leave the archive answered 404.
import { describe, expect, it } from 'vitest';
import { HOSTILE_ID, HTMX, IMG, JS_URL, SCRIPT, SEED_ID, testApp } from './fixture.ts';
import { scripts, textById, unescapeHtml } from './markup.ts';

const enc = encodeURIComponent;
const HOSTILE = enc(HOSTILE_ID);
/** Query text that tries to break out of text, attributes and links. */
const EVIL_QUERY = enc(`${SCRIPT} ${IMG} ${JS_URL}`);
const ALARM = enc('警报');

interface Route {
  url: string;
  htmx?: boolean;
  /** The response does not repeat the hostile text at all (so there is nothing escaped to see). */
  silent?: boolean;
}

/** Every route, fed hostile query text or serving the hostile report. */
const HTML_ROUTES: Route[] = [
  { url: `/search?q=${EVIL_QUERY}` },
  { url: `/search?q=${EVIL_QUERY}`, htmx: true },
  { url: `/search?q=${ALARM}` },
  { url: `/search?q=${ALARM}`, htmx: true },
  { url: `/search?q=${ALARM}&source=${EVIL_QUERY}` },
  { url: `/search?q=${EVIL_QUERY}&from=${enc('<img>')}` },
  { url: `/search?q=${EVIL_QUERY}&from=${enc('<img>')}`, htmx: true },
  { url: `/r/${HOSTILE}` },
  { url: `/r/${HOSTILE}?q=${EVIL_QUERY}` },
  { url: `/r/${HOSTILE}?q=${ALARM}` },
  { url: `/r/${SEED_ID}?q=${EVIL_QUERY}` },
  { url: `/p/${HOSTILE}/1` },
  { url: `/p/${HOSTILE}/2` },
  { url: `/p/${HOSTILE}/3` },
  { url: `/p/${HOSTILE}/2`, htmx: true },
  { url: `/p/${HOSTILE}/${enc(SCRIPT)}` },
  { url: `/r/${enc(SCRIPT)}` },
  { url: `/p/${enc(IMG)}/1`, htmx: true },
  { url: `/nothing/${enc(SCRIPT)}`, silent: true },
];

const JSON_ROUTES: string[] = [
  `/api/search?q=${EVIL_QUERY}`,
  `/api/search?q=${ALARM}`,
  `/api/search?q=${ALARM}&source=${EVIL_QUERY}`,
  `/api/search?q=a&from=${enc('<img>')}`,
  `/api/reports/${HOSTILE}`,
  `/api/reports/${enc(SCRIPT)}`,
  `/r/${HOSTILE}/cite.json`,
];

const TEXT_DOWNLOADS: string[] = [`/r/${HOSTILE}/cite.ris`, `/r/${HOSTILE}/cite.bib`];

async function request(route: Route) {
  const res = await (await testApp()).request(route.url, route.htmx ? HTMX : undefined);
  return { res, body: await res.text() };
}

/** Every tag the browser would build from the markup: name and attributes, values decoded. */
function tags(html: string): { name: string; attributes: [string, string][] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (m) => ({
      name: m[1]!.toLowerCase(),
      attributes: [...m[2]!.matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)].map((a) => [
        a[1]!.toLowerCase(),
        unescapeHtml(a[2] ?? ''),
      ]),
    }),
  );
}

function expectNoMarkupInjected(body: string, silent = false): void {
  expect(body).not.toContain('<script>');
  expect(body).not.toContain('<img');
  expect(body).not.toContain('<b>');
  expect(body).not.toContain('<i>');
  if (!silent) expect(body).toMatch(/&lt;(script|img)\b/);
  for (const tag of tags(body)) {
    for (const [name, value] of tag.attributes) {
      expect(name.startsWith('on'), `${tag.name} ${name}`).toBe(false);
      if (['href', 'src', 'action', 'hx-get', 'formaction'].includes(name)) {
        expect(value.trim().toLowerCase().startsWith('javascript:'), `${name}=${value}`).toBe(
          false,
        );
      }
    }
  }
}

describe('security headers', () => {
  const urls = [
    '/',
    `/search?q=${ALARM}`,
    `/r/${SEED_ID}`,
    `/p/${SEED_ID}/8`,
    '/api/search?q=a',
    '/r/nope',
    '/api/nothing',
    '/static/style.css',
    `/r/${SEED_ID}/cite.ris`,
    '/healthz',
  ];

  it.each(urls)(
    'sends a CSP without inline script, nosniff and a referrer policy on %s',
    async (url) => {
      const { res } = await request({ url });
      const csp = res.headers.get('Content-Security-Policy') ?? '';
      const directives = new Map(
        csp.split(';').map((part) => {
          const [name, ...values] = part.trim().split(/\s+/);
          return [name!, values] as const;
        }),
      );
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
    },
  );
});

describe('no inline script or style', () => {
  const pages: Route[] = [
    { url: '/' },
    { url: `/search?q=${ALARM}` },
    { url: `/search?q=${ALARM}`, htmx: true },
    { url: '/search?q=a&page=abc' },
    { url: `/r/${SEED_ID}` },
    { url: `/p/${SEED_ID}/8` },
    { url: `/p/${SEED_ID}/8`, htmx: true },
    { url: '/r/nope' },
  ];

  it.each(pages)('loads every script from a file on $url (htmx: $htmx)', async (route) => {
    const { body } = await request(route);
    const found = scripts(body);
    if (!route.htmx)
      expect(found.map((s) => s.attributes)).toEqual([
        ' src="/static/htmx.min.js" defer=""',
        ' src="/static/baoku.js" defer=""',
      ]);
    for (const script of found) expect(script.body).toBe('');
    expect(body).not.toMatch(/<style\b/);
    expect(tags(body).some((tag) => tag.attributes.some(([name]) => name === 'style'))).toBe(false);
  });
});

describe('hostile query and corpus text', () => {
  it.each(HTML_ROUTES)('comes out escaped on $url (htmx: $htmx)', async (route) => {
    const { res, body } = await request(route);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=UTF-8');
    expectNoMarkupInjected(body, route.silent);
  });

  it('never becomes a javascript: link, though the report says it is its URL', async () => {
    for (const url of [`/r/${HOSTILE}`, `/p/${HOSTILE}/2`]) {
      const { body } = await request({ url });
      expect(body).toContain('<dt>原文</dt><dd>javascript:alert(1)</dd>');
      expect(body).not.toMatch(/href="\s*javascript:/i);
    }
  });

  it('keeps quotes and ampersands as text in titles, sources and authors', async () => {
    const { body } = await request({ url: `/r/${HOSTILE}` });
    expect(body).toContain(
      '<h1>“警报” &amp; &lt;script&gt;alert(1)&lt;/script&gt; &#39;A&amp;B&#39; &quot;quoted&quot;</h1>',
    );
    expect(body).toContain(
      '<dt>来源</dt><dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; 晚报</dd>',
    );
    expect(body).toContain(
      '<dt>作者</dt><dd>O&#39;Brien &amp; &quot;Co&quot;、&lt;b&gt;张三&lt;/b&gt;</dd>',
    );
  });

  it('stays text inside the citation box, which copies it as the reader sees it', async () => {
    const { body } = await request({ url: `/p/${HOSTILE}/2` });
    expect(textById(body, 'cite-gbt')).toBe(
      `O'Brien & "Co", <b>张三</b>. “警报” & ${SCRIPT} 'A&B' "quoted"[N]. ${IMG} & 晚报, 2022-05-06(<i>3</i>).`,
    );
  });

  it.each(JSON_ROUTES)(
    'is \\u-escaped in the JSON of %s, and parses back unchanged',
    async (url) => {
      const { res, body } = await request({ url });
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('Content-Type')).toMatch(
        /^application\/(json|vnd\.citationstyles\.csl\+json); charset=utf-8$/,
      );
      expect(body).not.toMatch(/[<>&\u2028\u2029]/);
      expect(body).toMatch(/\\u003c(script|img)/);
      const text = JSON.stringify(JSON.parse(body));
      expect(text.includes(SCRIPT) || text.includes('<img>') || text.includes(IMG)).toBe(true);
    },
  );

  it.each(TEXT_DOWNLOADS)(
    'is served by %s only as a non-HTML attachment, the data kept as written',
    async (url) => {
      const { res, body } = await request({ url });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(
        /^application\/x-(research-info-systems|bibtex); charset=utf-8$/,
      );
      expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; /);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      // RIS and BibTeX have no HTML escaping; an entity here would corrupt the reference.
      expect(body).toContain(SCRIPT);
    },
  );
});

describe('bad parameters', () => {
  const TOO_LONG = 'a'.repeat(10_000);
  const cases: [string, string][] = [
    ['page=-1', '页码必须是 1 到 10000 之间的整数（收到 -1）'],
    ['page=abc', '页码必须是 1 到 10000 之间的整数（收到 abc）'],
    ['page=0', '页码必须是 1 到 10000 之间的整数（收到 0）'],
    ['from=2020-02-30', '日期无效：from:2020-02-30（请写作 2020、2020-03 或 2020-03-31）'],
    ['to=2021-13-01', '日期无效：to:2021-13-01（请写作 2020、2020-03 或 2020-03-31）'],
    ['sort=x', '排序只能是 relevance（相关度）或 date（日期）'],
  ];

  it.each(cases)(
    'answers /search?%s with a 400 page that says what is wrong',
    async (query, message) => {
      const { res, body } = await request({ url: `/search?q=${ALARM}&${query}` });
      expect(res.status).toBe(400);
      expect(body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(textById(body, 'status')).toBe(message);
      expect(body).toContain(`<div class="notice error"><p>${message}</p></div>`);
    },
  );

  it.each(cases)(
    'answers htmx /search?%s with a 400 fragment that says what is wrong',
    async (query, message) => {
      const { res, body } = await request({ url: `/search?q=${ALARM}&${query}`, htmx: true });
      expect(res.status).toBe(400);
      expect(body).toBe(
        `<p id="status" class="status" role="status" hx-swap-oob="true">${message}</p><div class="notice error"><p>${message}</p></div>`,
      );
    },
  );

  it('answers a 10,000-character query with 400 on the page, the fragment and the API', async () => {
    const message = '查询太长（上限 1000 个字符）';
    const page = await request({ url: `/search?q=${TOO_LONG}` });
    expect(page.res.status).toBe(400);
    expect(textById(page.body, 'status')).toBe(message);
    const fragment = await request({ url: `/search?q=${TOO_LONG}`, htmx: true });
    expect(fragment.res.status).toBe(400);
    expect(fragment.body).toContain(`<div class="notice error"><p>${message}</p></div>`);
    const api = await request({ url: `/api/search?q=${TOO_LONG}` });
    expect(api.res.status).toBe(400);
    expect(JSON.parse(api.body)).toEqual({ error: message });
  });

  it('shows a report for a 10,000-character ?q= without highlighting', async () => {
    const { res } = await request({ url: `/r/${SEED_ID}?q=${TOO_LONG}` });
    expect(res.status).toBe(200);
  });

  const ODD_QUERIES = [
    '%22',
    'OR',
    '-',
    'source:',
    'from:9999-99',
    '((((',
    '%00',
    '%ED%A0%80',
    '%E0%A4%A',
    '%EF%BB%BF',
    Array.from({ length: 40 }, (_, i) => `w${i}`).join('+'),
    '%22%22',
    'from:2020+to:2019',
  ];

  it.each(ODD_QUERIES)('never answers q=%s with a 500', async (q) => {
    for (const route of [
      { url: `/search?q=${q}` },
      { url: `/search?q=${q}`, htmx: true },
      { url: `/api/search?q=${q}` },
      { url: `/r/${SEED_ID}?q=${q}` },
    ]) {
      const { res } = await request(route);
      expect(res.status, route.url).toBeLessThan(500);
    }
  });
});

describe('ids that try to leave the archive', () => {
  const IDS = [
    '..%2F..%2Fetc%2Fpasswd',
    '%2E%2E%2F%2E%2E%2Fpackage.json',
    '%00',
    'a%00b',
    'x'.repeat(5000),
    '%2Fetc%2Fpasswd',
    '..%5C..%5Cwindows',
  ];

  it.each(IDS.map((id) => [id.slice(0, 40), id]))(
    'answers %s with 404 on every report route',
    async (_, id) => {
      for (const url of [`/r/${id}`, `/p/${id}/1`, `/r/${id}/cite.ris`, `/api/reports/${id}`]) {
        const { res, body } = await request({ url });
        expect(res.status, url).toBe(404);
        expect(body).not.toContain('root:');
        expect(body.length).toBeLessThan(10_000);
      }
    },
  );

  it('shows a NUL in an unknown id as a replacement character, not as a control', async () => {
    const { body } = await request({ url: '/r/a%00b' });
    expect(body).toContain('<p>没有编号为“a\uFFFDb”的报道。</p>');
    expect(body).not.toContain('\u0000');
  });
});
