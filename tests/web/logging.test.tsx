// The request log: one JSON line per request, with the query text only when asked for.
import { describe, expect, it } from 'vitest';
import { HTMX, SEED_ID, testApp } from './fixture.ts';

const SECRET = '线人姓名';

async function logged(options: { logQueries?: boolean }, url: string, init?: RequestInit) {
  const lines: string[] = [];
  const app = await testApp({ ...options, log: (line) => lines.push(line) });
  const res = await app.request(url, init);
  await res.text();
  return { res, lines };
}

describe('request log', () => {
  it('writes one JSON line per request with method, route, status and time', async () => {
    const { lines } = await logged({}, `/search?q=${encodeURIComponent(SECRET)}`);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual(['method', 'ms', 'route', 'status', 'time']);
    expect(entry).toMatchObject({ method: 'GET', route: '/search', status: 200 });
    expect(typeof entry.ms).toBe('number');
    expect(entry.ms).toBeGreaterThanOrEqual(0);
    expect(lines[0]).not.toContain('\n');
  });

  it('leaves the query text out unless logQueries is set, on every route that takes one', async () => {
    const q = encodeURIComponent(SECRET);
    for (const url of [
      `/search?q=${q}`,
      `/api/search?q=${q}`,
      `/r/${SEED_ID}?q=${q}`,
      `/search?q=${q}&page=abc`,
    ]) {
      for (const init of [undefined, HTMX]) {
        const { lines } = await logged({}, url, init);
        expect(lines).toHaveLength(1);
        expect(lines[0]).not.toContain(SECRET);
        expect(lines[0]).not.toContain(q);
      }
    }
  });

  it('logs the route pattern, not the report id', async () => {
    const { lines } = await logged({}, `/p/${SEED_ID}/8`);
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: '/p/:id/:n', status: 200 });
    expect(lines[0]).not.toContain(SEED_ID);
  });

  it('logs errors with their status', async () => {
    const notFound = await logged({}, '/r/nope');
    expect(JSON.parse(notFound.lines[0]!)).toMatchObject({ route: '/r/:id', status: 404 });
    const bad = await logged({}, '/api/search?q=a&limit=0');
    expect(JSON.parse(bad.lines[0]!)).toMatchObject({ route: '/api/search', status: 400 });
  });

  it('adds the query text when logQueries is set', async () => {
    const { lines } = await logged({ logQueries: true }, `/search?q=${encodeURIComponent(SECRET)}`);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: '/search', status: 200, q: SECRET });
  });

  it('cuts a logged query to 200 characters', async () => {
    const long = '疫'.repeat(900);
    const { lines } = await logged({ logQueries: true }, `/search?q=${encodeURIComponent(long)}`);
    expect(JSON.parse(lines[0]!).q).toBe(`${'疫'.repeat(200)}…`);
  });
});
