// The recall checker: a seeded sampler, and baoku's hits against a plain scan of the same text.
import { describe, expect, it } from 'vitest';
import { checkRecall } from '../../src/cli/recall-command.ts';
import { seededRandom } from '../../src/random.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';

describe('seededRandom', () => {
  it('draws the same numbers in [0, 1) for the same seed, and others for another seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 100 }, () => random());
    };
    const first = draw(1);
    expect(draw(1)).toEqual(first);
    expect(draw(2)).not.toEqual(first);
    for (const value of first) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('checkRecall', () => {
  it('finds every sampled term everywhere it occurs, with no false positives', async () => {
    const reports = [
      makeReport('a', ['全区召开疫情防控工作会议。', '臺灣醫療隊抵達武漢。']),
      makeReport('b', ['ＣＯＶＩＤ－１９ 疫情防控不松懈。', '我区支援湖北医疗队队员回到綦江。']),
    ];
    const report = checkRecall(reports, await buildTestArchive(reports), 300, 3);
    expect(report.samples).toBe(300);
    expect(report.missed).toEqual([]);
    expect(report.falsePositives).toBe(0);
    expect(report.found).toBe(report.expected);
    expect(report.expected).toBeGreaterThanOrEqual(300);
  });

  it('raises no false alarm for a character whose folded form folds again (薴 → 苧 → 苎)', async () => {
    const reports = [makeReport('a', ['薴麻', '苧麻', '苎麻'])];
    const report = checkRecall(reports, await buildTestArchive(reports), 100, 1);
    expect(report.missed).toEqual([]);
    expect(report.falsePositives).toBe(0);
  });
});
