import { describe, expect, it } from 'vitest';
import { formatGbt7714Online, toRis } from '../../src/cite/index.ts';
import type { ReportMeta } from '../../src/types.ts';

const hostile: ReportMeta = {
  id: 'x',
  title: '标题',
  authors: [],
  source: '某某日报',
  date: '2020-02-03',
  url: 'javascript:alert(1)',
  origin: 'x.md',
};

describe('report URLs in citations', () => {
  it('cites the archive permalink instead of a URL that is not http(s)', () => {
    const options = { permalink: 'http://localhost:3000/p/x/1', accessed: '2026-11-30' };
    expect(formatGbt7714Online(hostile, options)).toBe(
      '标题[N/OL]. 某某日报, 2020-02-03[2026-11-30]. http://localhost:3000/p/x/1.',
    );
    expect(toRis(hostile, options)).not.toContain('javascript:');
  });
});
