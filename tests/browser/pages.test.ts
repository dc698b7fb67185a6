// The web pages in real Chromium: search as you type, history, paragraph and report pages, copy, no-JS, keyboard.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import { buildFixtureIndex, startServer, type ServerUnderTest } from './server.ts';

const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const REPORT = 'qijiang-2020-zhanyi';
/** Paragraph 26 of the real report: the first team of nurses leaves for Hubei. */
const P26 =
  '1月26日,大年初二,綦江首批支援湖北医疗队6名队员集结出征湖北孝感。随后,我区又于2月2日、2月19日和2月20日,相继派出第二批、第三批、第四批支援湖北医疗队。全区共计61名医务人员前往湖北支援。';

/** A page in a fresh context, and everything that went wrong in it (console errors, CSP, exceptions). */
interface Session {
  page: Page;
  problems: string[];
  close: () => Promise<void>;
}

/** In-page marker: survives only if the page is never reloaded. */
const MARKER = 'window.__baokuMarker';

describe.skipIf(!chromiumAvailable())('web pages in Chromium', () => {
  let browser: Browser;
  let server: ServerUnderTest;
  let removeFixture: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const fixture = await buildFixtureIndex();
    removeFixture = fixture.remove;
    // One after the other, so that a failure of either leaves nothing running unrecorded.
    browser = await launchChromium();
    server = await startServer(fixture.indexDir);
  });

  afterAll(async () => {
    await browser?.close();
    try {
      if (server) expect(await server.stop()).toBe(0);
    } finally {
      await removeFixture?.();
    }
  });

  const url = (path: string) => `${server.origin}${path}`;
  const searchUrl = (q: string, extra = '') => url(`/search?q=${encodeURIComponent(q)}${extra}`);

  async function open(options: BrowserContextOptions = {}): Promise<Session> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    const problems: string[] = [];
    if (options.javaScriptEnabled !== false) {
      // Injected through the DevTools protocol, so the page's CSP does not apply to it.
      await context.addInitScript(
        "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
      );
    }
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    return { page, problems, close: () => context.close() };
  }

  /** How many paragraphs the JSON API finds, to check the page's count against. */
  async function totalOf(q: string, extra = ''): Promise<number> {
    const response = await fetch(url(`/api/search?q=${encodeURIComponent(q)}${extra}`));
    const body = (await response.json()) as { total: number };
    return body.total;
  }

  async function summaryText(page: Page): Promise<string> {
    return (await page.locator('#results .summary strong').textContent()) ?? '';
  }

  it('shows highlighted results and the count while typing, without reloading the page', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(url('/'));
      expect(await page.evaluate('document.activeElement.id')).toBe('q');
      await page.evaluate(`${MARKER} = 'kept'`);

      await page.locator('#q').pressSequentially('疫情防控');
      await page.locator('#results .hit mark').first().waitFor();

      const total = await totalOf('疫情防控');
      expect(total).toBeGreaterThan(20);
      expect(await summaryText(page)).toMatch(new RegExp(`^共 ${total} 段，来自 \\d+ 篇报道$`));
      expect(await page.locator('#status').textContent()).toMatch(new RegExp(`^共 ${total} 段`));
      const marks = await page.locator('#results .hit:not(.related) mark').allTextContents();
      expect(new Set(marks)).toEqual(new Set(['疫情防控']));
      await expect.poll(() => page.url()).toBe(searchUrl('疫情防控'));
      expect(await page.evaluate(MARKER)).toBe('kept');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('finds the report of a pasted headline first, and of one with a wrong character among the near titles', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(url('/'));
      await page.locator('#q').fill('一场战疫展现的綦江担当');
      const first = page.locator('#results .title-hit').first();
      await first.waitFor();
      expect(await first.locator('.hit-title a').getAttribute('href')).toMatch(
        new RegExp(`^/r/${REPORT}\\?q=`),
      );
      expect(await first.locator('.tag').textContent()).toBe('标题相符');
      expect(await first.locator('.hit-title mark').allTextContents()).toEqual([
        '一场战疫展现的綦江担当',
      ]);

      // 战役 for 战疫: no title holds it, nor every word of it; the report is the nearest title.
      await page.locator('#q').fill('一场战役展现的綦江担当');
      await expect.poll(() => page.url()).toBe(searchUrl('一场战役展现的綦江担当'));
      const near = page.locator('#results .title-hit').first();
      await expect.poll(() => near.locator('.tag').textContent()).toBe('标题相近');
      expect(await near.locator('.hit-title a').getAttribute('href')).toBe(
        `/r/${REPORT}?q=${encodeURIComponent('一场战役展现的綦江担当')}`,
      );
      expect(await near.locator('.hit-meta').textContent()).toMatch(/相符约 \d+%，不计入总数/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('restores the previous search on Back', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(url('/'));
      await page.locator('#q').fill('綦江担当');
      await expect.poll(() => page.url()).toBe(searchUrl('綦江担当'));
      await page.locator('#results .hit').first().waitFor();
      const firstSummary = await summaryText(page);
      const firstHits = await page
        .locator('#results .hit-title a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));

      await page.locator('#q').fill('复工复产');
      await expect.poll(() => page.url()).toBe(searchUrl('复工复产'));
      await expect.poll(() => summaryText(page)).not.toBe(firstSummary);

      await page.goBack();
      await expect.poll(() => page.url()).toBe(searchUrl('綦江担当'));
      await expect.poll(() => summaryText(page)).toBe(firstSummary);
      expect(
        await page
          .locator('#results .hit-title a')
          .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
      ).toEqual(firstHits);
      expect(await page.locator('#q').inputValue()).toBe('綦江担当');
      expect(await page.locator('header.site').count()).toBe(1);

      await page.goBack();
      await expect.poll(() => page.url()).toBe(url('/'));
      await expect.poll(() => page.locator('#results .hit').count()).toBe(0);
      expect(await page.locator('#q').inputValue()).toBe('');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens a paragraph from a result and loads more context in place', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(searchUrl('大年初二'));
      await page.locator('#results .hit-title a').first().click();
      await page.waitForURL(url(`/p/${REPORT}/26`));
      expect(await page.locator('h1 .pn-title').textContent()).toBe('第 26 段');
      expect(await page.locator('blockquote.quote').textContent()).toBe(P26);
      const contextIds = () =>
        page.locator('#context .para').evaluateAll((paragraphs) => paragraphs.map((p) => p.id));
      expect(await contextIds()).toEqual(['p24', 'p25', 'p26', 'p27', 'p28']);
      expect(await page.locator('#context .cited .para').getAttribute('id')).toBe('p26');

      await page.evaluate(`${MARKER} = 'kept'`);
      await page.getByRole('link', { name: '显示更多上下文' }).click();
      await expect.poll(contextIds).toEqual(Array.from({ length: 15 }, (_, i) => `p${19 + i}`));
      expect(await page.locator('#context .cited .para').getAttribute('id')).toBe('p26');
      expect(page.url()).toBe(url(`/p/${REPORT}/26`));
      expect(await page.evaluate(MARKER)).toBe('kept');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('copies the GB/T 7714 citation with the copy button', async () => {
    const { page, problems, close } = await open({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    try {
      await page.goto(url(`/p/${REPORT}/26`));
      await page.locator('button[data-copy="cite-gbt"]').click();
      await expect.poll(() => page.locator('#copy-status').textContent()).toBe('已复制到剪贴板。');
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(
        '蔡小芹. 一场战疫展现的綦江担当[N].',
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('searches with JavaScript disabled', async () => {
    const { page, problems, close } = await open({ javaScriptEnabled: false });
    try {
      await page.goto(url('/'));
      await page.locator('#q').fill('疫情防控');
      await Promise.all([page.waitForURL(/\/search\?/), page.locator('#q').press('Enter')]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('疫情防控');
      const total = await totalOf('疫情防控');
      expect(await summaryText(page)).toMatch(new RegExp(`^共 ${total} 段`));
      expect(await page.locator('#results .hit').count()).toBe(20);
      expect(await page.locator('#results .hit mark').count()).toBeGreaterThanOrEqual(20);
      expect(await page.locator('#q').inputValue()).toBe('疫情防控');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reaches every result from the search box with Tab and opens one with Enter', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(url('/'));
      await page.keyboard.type('疫情防控');
      await page.keyboard.press('Enter');
      await page.locator('#results .hit').nth(19).waitFor();
      const resultLinks = await page
        .locator('#results .hit-title a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(resultLinks).toHaveLength(20);

      const reached = new Set<string>();
      for (let presses = 0; presses < 200 && reached.size < resultLinks.length; presses++) {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate(
          "(() => { const e = document.activeElement; return e && e.matches('.hit-title a') ? { href: e.getAttribute('href'), outline: getComputedStyle(e).outlineStyle } : null })()",
        )) as { href: string; outline: string } | null;
        if (focused) {
          expect(focused.outline, `focus ring on ${focused.href}`).toBe('solid');
          reached.add(focused.href);
        }
      }
      expect([...reached].sort()).toEqual([...resultLinks].sort());

      // Back onto the last result title, then open it from the keyboard.
      for (let presses = 0; presses < 10; presses++) {
        if (await page.evaluate("document.activeElement.matches('.hit-title a')")) break;
        await page.keyboard.press('Shift+Tab');
      }
      const href = (await page.evaluate("document.activeElement.getAttribute('href')")) as string;
      expect(resultLinks).toContain(href);
      await Promise.all([page.waitForURL(url(href)), page.keyboard.press('Enter')]);
      expect(await page.locator('blockquote.quote').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('moves between pages of results with the pager', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(searchUrl('疫情防控'));
      const total = await totalOf('疫情防控');
      await page.evaluate(`${MARKER} = 'kept'`);

      await page.locator('.pager a[rel="next"]').click();
      await expect.poll(() => page.url()).toBe(searchUrl('疫情防控', '&page=2'));
      await expect
        .poll(() => page.locator('#results .hit').first().getAttribute('value'))
        .toBe('21');
      expect(await page.locator('#results .hit').count()).toBe(total - 20);
      expect(await page.locator('.pager a[aria-current="page"]').textContent()).toBe('2');

      await page.locator('.pager a[rel="prev"]').click();
      await expect.poll(() => page.url()).toBe(searchUrl('疫情防控'));
      await expect
        .poll(() => page.locator('#results .hit').first().getAttribute('value'))
        .toBe('1');
      expect(await page.locator('.pager a[aria-current="page"]').textContent()).toBe('1');
      expect(await page.evaluate(MARKER)).toBe('kept');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('narrows the results to one source with the source facet', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(searchUrl('疫情防控'));
      const expected = await totalOf('疫情防控', `&source=${encodeURIComponent('重庆日报')}`);
      await page
        .getByRole('region', { name: '来源' })
        .getByRole('link', { name: '重庆日报' })
        .click();
      await expect
        .poll(() => page.url())
        .toBe(searchUrl('疫情防控', `&source=${encodeURIComponent('重庆日报')}`));
      await expect.poll(() => summaryText(page)).toMatch(new RegExp(`^共 ${expected} 段`));
      const metas = await page.locator('#results .hit-meta').allTextContents();
      expect(metas).toHaveLength(expected);
      for (const meta of metas) expect(meta).toMatch(/^重庆日报 · /);
      expect(await page.locator('.facet a[aria-current="true"]').textContent()).toBe('重庆日报');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('marks the paragraph named in the address of the report page', async () => {
    const { page, problems, close } = await open();
    try {
      await page.goto(url(`/r/${REPORT}#p26`));
      expect(await page.evaluate("document.querySelector(':target')?.id")).toBe('p26');
      const target = page.locator('#p26');
      expect(await target.textContent()).toBe(`26${P26}`);
      expect(
        await page.evaluate("getComputedStyle(document.getElementById('p26')).backgroundColor"),
      ).toBe('rgb(255, 246, 214)');
      const box = await target.boundingBox();
      expect(box && box.y >= 0 && box.y < 900).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('saves desktop and phone screenshots of the four kinds of page', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const pages: [string, string][] = [
      ['home', url('/')],
      ['results', searchUrl('疫情防控')],
      ['headline', searchUrl('一场战疫展现的綦江担当')],
      ['near', searchUrl('一场战役展现的綦江担当')],
      ['paragraph', url(`/p/${REPORT}/26`)],
      ['report', url(`/r/${REPORT}#p26`)],
    ];
    const devices: [string, BrowserContextOptions][] = [
      ['desktop', { viewport: { width: 1280, height: 900 } }],
      [
        'phone',
        {
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
        },
      ],
    ];
    for (const [device, options] of devices) {
      const { page, problems, close } = await open(options);
      try {
        for (const [name, address] of pages) {
          await page.goto(address);
          await page.evaluate('document.fonts.ready');
          await page.screenshot({ path: `${SCREENSHOTS}${name}-${device}.png` });
        }
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });
});
