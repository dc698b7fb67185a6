// Property tests of every parameter of /search, /api/search, /r/:id and /p/:id/:n: hostile URLs
// never get a 5xx or a throw, and wrong input gets a 400 that says what is wrong.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/index/build.ts';
import type { Report } from '../../src/types.ts';
import { createApp } from '../../src/web/app.tsx';
import {
  dateish,
  encodeLoosely,
  inUrl,
  isValidDate,
  numberish,
  queryString,
  queryText,
} from './arbitraries.ts';

type App = ReturnType<typeof createApp>;
let app: App;

const SLASHED_ID = 'xinhua/2020/武汉-封城';
const IDS = ['r1', 'r2', SLASHED_ID];
/** Paragraphs of each report, by id. */
const COUNTS: Record<string, number> = { r1: 3, r2: 1, [SLASHED_ID]: 2 };

const HTMX = { headers: { 'HX-Request': 'true' } };

beforeAll(async () => {
  const reports: Report[] = [
    {
      id: 'r1',
      title: '全区部署疫情防控工作',
      date: '2020-01-24',
      source: '綦江日报',
      authors: ['王五'],
      origin: 'r1.md',
      paragraphs: [
        { n: 1, kind: 'heading', text: '全区部署疫情防控工作' },
        { n: 2, kind: 'body', text: '区里召开会议，研究部署疫情防控工作。' },
        { n: 3, kind: 'body', text: '孝感的防控措施持续加码，市民戴口罩出行。' },
      ],
    },
    {
      id: 'r2',
      title: '医疗队归来',
      date: '2020-04-01',
      source: '新华社',
      authors: [],
      origin: 'r2.md',
      paragraphs: [{ n: 1, kind: 'body', text: '支援湖北医疗队队员平安归来。' }],
    },
    {
      id: SLASHED_ID,
      title: '武汉封城',
      date: '2020-01-23',
      source: '新华社',
      authors: [],
      origin: 'feed.jsonl:1',
      paragraphs: [
        { n: 1, kind: 'body', text: '武汉宣布暂时关闭离汉通道。' },
        { n: 2, kind: 'body', text: '𠀀𪚥 罕见字与 emoji 😀 同在一段。' },
      ],
    },
  ];
  const { archive } = await buildArchive(reports, { userDict: null, workers: 0 });
  app = createApp({ getArchive: () => archive, today: () => '2026-01-01' });
});

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function get(url: string, htmx: boolean): Promise<Answer> {
  const response = await app.request(url, htmx ? HTMX : undefined);
  return {
    status: response.status,
    type: response.headers.get('Content-Type') ?? '',
    body: await response.text(),
  };
}

/** The message a 4xx answer gives: the JSON `error`, or the text of the HTML error box. */
function messageOf(answer: Answer): string {
  if (answer.type.startsWith('application/json')) {
    return (JSON.parse(answer.body) as { error?: unknown }).error as string;
  }
  const box = /<div class="(?:notice error|error-page)">([\s\S]*?)<\/div>/.exec(answer.body);
  return (box?.[1] ?? '').replace(/<[^>]*>/g, ' ').trim();
}

/** Every answer: no 5xx, the right type, and a readable message on a 4xx. */
function expectSound(answer: Answer, url: string, json: boolean): void {
  expect([200, 400, 404], url).toContain(answer.status);
  expect(answer.type, url).toMatch(json ? /^application\/json/ : /^text\/html/);
  if (json) expect(() => JSON.parse(answer.body), url).not.toThrow();
  if (answer.status !== 200) {
    const message = messageOf(answer);
    expect(typeof message, url).toBe('string');
    // Words for a reader: Chinese text, not a stack trace or "undefined".
    expect(message, url).toMatch(/\p{Script=Han}/u);
    expect(message, url).not.toMatch(/undefined|\[object |at \S+ \(|服务器内部出错/);
  }
}

const anyValue = fc.oneof(
  { weight: 3, arbitrary: queryText },
  { weight: 2, arbitrary: numberish },
  { weight: 2, arbitrary: dateish },
  fc.constantFrom('relevance', 'date', 'DATE', '新华社'),
);

/** An id as it appears in a path: a real one, or anything else (encoded or not). */
const idInPath = fc.oneof(
  fc.constantFrom(...IDS).map(encodeURIComponent),
  fc.constantFrom('r1', 'R1', 'r1%00', '..', '%2e%2e', '.%2F..%2Fetc', '%ZZ', '%E4%B8', 'r1%2F'),
  inUrl(queryText).filter((id) => id.length > 0 && !/[/?#]/.test(id)),
);

describe('hostile URLs', () => {
  it('/search and /api/search never answer 5xx, whatever the parameters', async () => {
    const names = ['q', 'page', 'limit', 'offset', 'source', 'from', 'to', 'sort'];
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/search', '/api/search'),
        queryString(names, anyValue),
        fc.boolean(),
        async (path, query, htmx) => {
          const url = `${path}${query}`;
          const answer = await get(url, htmx);
          expectSound(answer, url, path.startsWith('/api/'));
          statuses.add(answer.status);
        },
      ),
      { numRuns: 600 },
    );
    // The generators reach both outcomes, not only one.
    expect([...statuses].sort()).toEqual([200, 400]);
  }, 60_000);

  it('/r/:id and /p/:id/:n never answer 5xx, whatever the id, number and parameters', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        idInPath,
        fc.oneof(inUrl(numberish), fc.constantFrom('1', '2', '3')),
        fc.boolean(),
        queryString(['q', 'radius'], fc.oneof(queryText, numberish)),
        fc.boolean(),
        async (id, n, paragraph, query, htmx) => {
          const url = paragraph ? `/p/${id}/${n}${query}` : `/r/${id}${query}`;
          const answer = await get(url, htmx);
          expectSound(answer, url, false);
          statuses.add(answer.status);
        },
      ),
      { numRuns: 500 },
    );
    expect([...statuses].sort()).toEqual([200, 404]);
  }, 60_000);
});

/** Whether a whole-number parameter value is accepted (absent, blank, or an integer in range). */
function acceptsNumber(value: string, min: number, max: number): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  return /^\d+$/.test(trimmed) && Number(trimmed) >= min && Number(trimmed) <= max;
}

describe('wrong parameters get 400 with a message, right ones 200', () => {
  it.each([
    ['/api/search?q=口罩&limit=', 1, 100, 'limit'],
    ['/api/search?q=口罩&offset=', 0, 1_000_000, 'offset'],
    ['/search?q=口罩&page=', 1, 10_000, '页码'],
  ] as const)('%s…', async (prefix, min, max, name) => {
    await fc.assert(
      fc.asyncProperty(numberish, fc.boolean(), async (value, htmx) => {
        const url = `${prefix}${encodeURIComponent(value)}`;
        const answer = await get(url, htmx);
        expectSound(answer, url, prefix.startsWith('/api/'));
        if (acceptsNumber(value, min, max)) {
          expect(answer.status, url).toBe(200);
        } else {
          expect(answer.status, url).toBe(400);
          expect(messageOf(answer), url).toContain(name);
        }
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['from=', '/api/search?q=口罩&'],
    ['to=', '/search?q=口罩&'],
    ['q=from:', '/api/search?'],
    ['q=口罩 to:', '/search?'],
  ] as const)('dates in %s', async (field, prefix) => {
    await fc.assert(
      fc.asyncProperty(dateish, async (date) => {
        const url = `${prefix}${field.replace(' ', '%20')}${encodeURIComponent(date)}`;
        const answer = await get(url, false);
        expectSound(answer, url, prefix.startsWith('/api/'));
        // A bound parameter is at most 10 characters; in the query text only the form counts.
        const tooLong = !field.startsWith('q=') && date.length > 10;
        if (isValidDate(date) && !tooLong) {
          expect(answer.status, url).toBe(200);
        } else {
          expect(answer.status, url).toBe(400);
          expect(messageOf(answer), url).toMatch(/日期无效|日期太长/);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sort accepts relevance and date only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom('relevance', 'date'), queryText), async (sort) => {
        const url = `/api/search?q=口罩&sort=${encodeLoosely(sort)}`;
        const answer = await get(url, false);
        expectSound(answer, url, true);
        expect(answer.status, url).toBe(['relevance', 'date'].includes(sort) ? 200 : 400);
      }),
      { numRuns: 100 },
    );
  });

  it('queries over 1,000 characters get 400 saying so', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1_001, max: 10_000 }),
        fc.constantFrom('/search', '/api/search'),
        async (piece, length, path) => {
          const q = piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
          const url = `${path}?q=${encodeLoosely(q)}`;
          const answer = await get(url, false);
          expectSound(answer, url, path === '/api/search');
          expect(answer.status, url).toBe(400);
          expect(messageOf(answer), url).toContain('查询太长');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a repeated parameter counts once: the first value', async () => {
    await fc.assert(
      fc.asyncProperty(queryText, queryText, async (first, second) => {
        const once = await get(`/api/search?q=${encodeLoosely(first)}`, false);
        const twice = await get(
          `/api/search?q=${encodeLoosely(first)}&q=${encodeLoosely(second)}`,
          false,
        );
        expect(twice.status).toBe(once.status);
        const withoutTime = (body: string) => body.replace(/"took_ms":[\d.]+/, '');
        expect(withoutTime(twice.body)).toBe(withoutTime(once.body));
      }),
      { numRuns: 100 },
    );
  });

  it('/p/:id/:n answers 200 for a paragraph of the report and 404 for any other number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IDS), numberish, async (id, n) => {
        const url = `/p/${encodeURIComponent(id)}/${encodeURIComponent(n)}`;
        const answer = await get(url, false);
        expectSound(answer, url, false);
        const valid = /^\d{1,9}$/.test(n) && Number(n) >= 1 && Number(n) <= COUNTS[id]!;
        expect(answer.status, url).toBe(valid ? 200 : 404);
      }),
      { numRuns: 100 },
    );
  });
});
