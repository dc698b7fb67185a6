// `/r/:id/cite.ris|bib|json`: reference-manager downloads with their types, file names and bodies.
import { describe, expect, it } from 'vitest';
import { SEED_ID, SLASHED_ID, testApp } from './fixture.ts';

const SLASHED_PATH = encodeURIComponent(SLASHED_ID);

async function get(url: string) {
  const res = await (await testApp()).request(url);
  return { res, body: await res.text() };
}

describe('GET /r/:id/cite.*', () => {
  it('downloads RIS with CRLF lines and only the fields the report has', async () => {
    const { res, body } = await get(`/r/${SEED_ID}/cite.ris`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe(
      'application/x-research-info-systems; charset=utf-8',
    );
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="${SEED_ID}.ris"; filename*=UTF-8''${SEED_ID}.ris`,
    );
    expect(body).toBe(
      [
        'TY  - NEWS',
        `ID  - ${SEED_ID}`,
        'AU  - 蔡小芹',
        'TI  - 一场战疫展现的綦江担当',
        `UR  - http://localhost/r/${SEED_ID}`,
        'Y2  - 2026/11/30/',
        'ER  - ',
        '',
      ].join('\r\n'),
    );
  });

  it('downloads BibTeX', async () => {
    const { res, body } = await get(`/r/${SEED_ID}/cite.bib`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/x-bibtex; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="${SEED_ID}.bib"; filename*=UTF-8''${SEED_ID}.bib`,
    );
    expect(body).toBe(
      [
        `@article{${SEED_ID},`,
        '  author = {{蔡小芹}},',
        '  title = {一场战疫展现的綦江担当},',
        '  entrysubtype = {newspaper},',
        `  url = {http://localhost/r/${SEED_ID}},`,
        '  urldate = {2026-11-30}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('downloads CSL-JSON as a one-item array', async () => {
    const { res, body } = await get(`/r/${SEED_ID}/cite.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe(
      'application/vnd.citationstyles.csl+json; charset=utf-8',
    );
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="${SEED_ID}.json"; filename*=UTF-8''${SEED_ID}.json`,
    );
    expect(JSON.parse(body)).toEqual([
      {
        id: SEED_ID,
        type: 'article-newspaper',
        title: '一场战疫展现的綦江担当',
        author: [{ literal: '蔡小芹' }],
        URL: `http://localhost/r/${SEED_ID}`,
        accessed: { 'date-parts': [[2026, 11, 30]] },
      },
    ]);
  });

  it('names the file after an id with a slash and Chinese characters, keeping them in filename*', async () => {
    const { res, body } = await get(`/r/${SLASHED_PATH}/cite.ris`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="xinhua_2020_-_.ris"; filename*=UTF-8''xinhua_2020_%E6%AD%A6%E6%B1%89-%E5%B0%81%E5%9F%8E.ris`,
    );
    expect(body).toContain(`ID  - ${SLASHED_ID}\r\n`);
    expect(body).toContain(`UR  - http://localhost/r/${SLASHED_PATH}\r\n`);
  });

  it('answers an unknown report or format with 404', async () => {
    for (const url of ['/r/nope/cite.ris', `/r/${SEED_ID}/cite.txt`, `/r/${SEED_ID}/cite.`]) {
      const { res } = await get(url);
      expect([url, res.status]).toEqual([url, 404]);
    }
  });
});
