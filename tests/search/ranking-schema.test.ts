// Saved indexes keep ranked answers (src/index/answers.ts), so a change of scores must come with a
// new SCHEMA_VERSION, which makes `npm start` rebuild them. This test records the ranking of a
// fixed archive per schema version: a change of ranking under the same version fails it.
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/index/store.ts';
import { search } from '../../src/search/search.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';

const REPORTS = [
  makeReport(
    'qj-0215',
    [
      { text: '疫情防控', kind: 'heading' },
      '綦江区疫情防控指挥部要求，各镇街做好复工复产企业的疫情防控工作。',
      '医疗物资和生活物资保障有力，防控工作有序推进。',
    ],
    { title: '綦江：疫情防控与复工复产两手抓', source: '綦江日报', date: '2020-02-15' },
  ),
  makeReport(
    'cctv-0124',
    [
      '央视网消息：各地医疗队驰援湖北，疫情防控形势依然严峻。',
      '武汉医疗队员坚守一线，疫情防控不松懈。',
    ],
    { title: '医疗队驰援湖北', source: '央视《新闻联播》', date: '2020-01-24' },
  ),
  makeReport(
    'web-03',
    ['复工复产按下快进键，企业复工率超过九成。', '防疫物资生产企业加快复产，疫情得到控制。'],
    { title: '复工复产加速', source: 'CCTV 网', date: '2020-03' },
  ),
  makeReport('undated', ['綦江的防控工作得到肯定，复工企业有序运转。'], { source: '綦江日报' }),
];

const QUERIES = [
  '疫情',
  '疫情防控',
  '复工复产',
  '綦江 防控',
  '"疫情防控"',
  '医疗 OR 物资',
  '疫情 -湖北',
  'qijiang',
  '的',
];

/** A score to twelve significant digits: the same on every machine, and any real change shows. */
function rounded(score: number): number {
  return Number(score.toPrecision(12));
}

describe('ranking under one schema version', () => {
  it(`ranks the fixed archive as recorded for schema ${SCHEMA_VERSION}`, async () => {
    const archive = await buildTestArchive(REPORTS);
    const ranking = Object.fromEntries(
      QUERIES.map((query) => {
        const result = search(archive, query, { limit: 10 });
        return [
          query,
          {
            total: result.total,
            exact: result.exactTotal,
            hits: result.hits.map(
              (hit) => `${hit.reportId}#${hit.paragraph} ${hit.match} ${rounded(hit.score)}`,
            ),
          },
        ];
      }),
    );
    // A new version starts a new file; a changed ranking under a recorded version is refused.
    await expect(
      `${JSON.stringify(ranking, null, 2)}\n`,
      `The ranking changed under schema ${SCHEMA_VERSION}. Indexes saved by this version keep answers ` +
        'ranked the old way: raise SCHEMA_VERSION in src/index/store.ts, then record the new ranking ' +
        '(npx vitest run -u tests/search/ranking-schema.test.ts) and delete the old file.',
    ).toMatchFileSnapshot(`./ranking/schema-${SCHEMA_VERSION}.json`);
  });
});
