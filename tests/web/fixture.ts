// A small in-memory archive and app for the web tests: the seed report plus hand-written reports.
import { readFileSync } from 'node:fs';
import { decodeText } from '../../src/corpus/decode.ts';
import { parseMarkdownReport } from '../../src/corpus/markdown.ts';
import { buildArchive } from '../../src/index/build.ts';
import type { Archive } from '../../src/index/archive.ts';
import type { Paragraph, Report } from '../../src/types.ts';
import { createApp, type AppOptions } from '../../src/web/app.tsx';

/** The date every citation in the tests is accessed on. */
export const TODAY = '2026-11-30';
/** The origin `app.request` answers on. */
export const ORIGIN = 'http://localhost';

export const SEED_ID = 'qijiang-2020-zhanyi';
export const HOSTILE_ID = 'hostile-<b>&"x"';
/** A report id with a slash and Chinese characters, as JSON Lines corpora produce. */
export const SLASHED_ID = 'xinhua/2020/武汉-封城';

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
export const JS_URL = 'javascript:alert(1)';

/** A term that occurs in exactly SPRING_COUNT paragraphs, spread over three reports. */
export const SPRING_TERM = '春运';
export const SPRING_COUNT = 30;

/** Parses the seed report exactly as `baoku index` reads it. */
export function seedReport(): Report {
  const file = `${SEED_ID}.md`;
  const bytes = readFileSync(new URL(`../../corpus/${file}`, import.meta.url));
  return parseMarkdownReport(decodeText(bytes, file), file, SEED_ID);
}

function body(texts: readonly string[]): Paragraph[] {
  return texts.map((text, i) => ({ n: i + 1, kind: 'body', text }));
}

/** Hostile text in every field a page, citation or export shows. */
export function hostileReport(): Report {
  return {
    id: HOSTILE_ID,
    title: `“警报” & ${SCRIPT} 'A&B' "quoted"`,
    date: '2022-05-06',
    source: `${IMG} & 晚报`,
    authors: [`O'Brien & "Co"`, `<b>张三</b>`],
    page: `<i>3</i>`,
    section: `${SCRIPT}`,
    url: JS_URL,
    origin: 'hostile.md',
    paragraphs: [
      { n: 1, kind: 'heading', text: `警报 ${SCRIPT}` },
      { n: 2, kind: 'body', text: `警报响起 ${SCRIPT} 之后 ${IMG} 完 & "引号" 'single'` },
      {
        n: 3,
        kind: 'caption',
        text: `警报图 ${IMG}`,
        credit: `通讯员 ${SCRIPT} 摄`,
        heading: `警报 ${SCRIPT}`,
      },
    ],
  };
}

function springReport(id: string, date: string, source: string, count: number): Report {
  return {
    id,
    title: `${source}${date.slice(0, 4)}年春运报道`,
    date,
    source,
    authors: ['王五'],
    origin: `${id}.md`,
    paragraphs: body(
      Array.from({ length: count }, (_, i) => `第${i + 1}条：今年春运客流平稳，车站秩序井然。`),
    ),
  };
}

/** Reports for facets and paging: SPRING_COUNT paragraphs with 春运 in three sources and years. */
export function springReports(): Report[] {
  return [
    springReport('spring-2019', '2019-01-21', '人民日报', 12),
    springReport('spring-2020', '2020-01-10', '重庆日报', 10),
    springReport('spring-2021', '2021-02-01', '央视《新闻联播》', 8),
  ];
}

/** A report with a slash and non-ASCII characters in its id, and a related-only match. */
export function slashedReport(): Report {
  return {
    id: SLASHED_ID,
    title: '武汉关闭离汉通道',
    date: '2020-01-23',
    source: 'Xinhua 新华社',
    authors: ['李四'],
    origin: 'xinhua.jsonl:1',
    paragraphs: body([
      '武汉市疫情防控指挥部发布通告，离汉通道暂时关闭。',
      '做好防控工作，战胜疫情。',
      '台湾同胞也关心武汉的情况。',
    ]),
  };
}

/** Every report of the test archive. */
export function testReports(): Report[] {
  return [seedReport(), hostileReport(), ...springReports(), slashedReport()];
}

let built: Promise<Archive> | null = null;

/** The test archive, built once per test file (it is never modified). */
export function testArchive(): Promise<Archive> {
  built ??= buildArchive(testReports(), { userDict: null, workers: 0 }).then((r) => r.archive);
  return built;
}

/** The app over the test archive, with today fixed. */
export async function testApp(options: Partial<AppOptions> = {}) {
  const archive = await testArchive();
  return createApp({ getArchive: () => archive, today: () => TODAY, ...options });
}

/** `app.request` with an htmx header. */
export const HTMX = { headers: { 'HX-Request': 'true' } } as const;
