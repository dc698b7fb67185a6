// YAML front matter: every field, date forms, and the errors for bad front matter.
import { describe, expect, it } from 'vitest';
import { normaliseDate } from '../../src/corpus/frontmatter.ts';
import { parseMarkdownReport } from '../../src/corpus/markdown.ts';
import { CorpusError } from '../../src/errors.ts';

function metaOf(frontMatter: string) {
  const { paragraphs: _paragraphs, ...meta } = parseMarkdownReport(
    `---\n${frontMatter}\n---\n正文。`,
    'reports/a.md',
    'reports/a',
  );
  return meta;
}

function errorOf(text: string): string {
  try {
    parseMarkdownReport(text, 'reports/a.md', 'reports/a');
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return (error as Error).message;
  }
  throw new Error('expected a CorpusError');
}

describe('front matter fields', () => {
  it('reads every field', () => {
    const meta = metaOf(
      [
        'id: rmrb-2020-01-24-01',
        'title: 坚决打赢疫情防控阻击战',
        'date: 2020-01-24',
        'source: 人民日报',
        'authors: [张三, 李四]',
        'page: 1',
        'section: 要闻',
        'url: https://example.org/a.html',
        'medium: newspaper',
      ].join('\n'),
    );
    expect(meta).toStrictEqual({
      id: 'rmrb-2020-01-24-01',
      title: '坚决打赢疫情防控阻击战',
      date: '2020-01-24',
      source: '人民日报',
      authors: ['张三', '李四'],
      page: '1',
      section: '要闻',
      url: 'https://example.org/a.html',
      medium: 'newspaper',
      origin: 'reports/a.md',
    });
  });

  it('takes the id from the path when the front matter has none', () => {
    expect(metaOf('title: 标题').id).toBe('reports/a');
  });

  it('reads a single author written as a string', () => {
    expect(metaOf('authors: 张三').authors).toEqual(['张三']);
  });

  it('reads a page written as text', () => {
    expect(metaOf('page: "A04"').page).toBe('A04');
  });

  it('treats an empty value as not stated', () => {
    expect(metaOf('title:\ndate:')).toStrictEqual({
      id: 'reports/a',
      authors: [],
      origin: 'reports/a.md',
    });
  });

  it('ignores unknown keys', () => {
    expect(metaOf('tags: [疫情]\neditor: 某人')).toStrictEqual({
      id: 'reports/a',
      authors: [],
      origin: 'reports/a.md',
    });
  });

  it('accepts empty front matter', () => {
    expect(parseMarkdownReport('---\n---\n正文。', 'a.md', 'a').id).toBe('a');
  });

  it('reads a body without front matter', () => {
    const report = parseMarkdownReport('正文。', 'a.md', 'a');
    expect(report).toStrictEqual({
      id: 'a',
      authors: [],
      origin: 'a.md',
      paragraphs: [{ n: 1, kind: 'body', text: '正文。' }],
    });
  });

  it.each([
    ['2020-01-24', '2020-01-24'],
    ['2020-01', '2020-01'],
    ['2020', '2020'],
    ['"2020-02-29"', '2020-02-29'],
  ])('accepts the date %s', (written, date) => {
    expect(metaOf(`date: ${written}`).date).toBe(date);
  });
});

describe('normaliseDate', () => {
  it('turns a Date parsed by a YAML 1.1 reader back into YYYY-MM-DD', () => {
    expect(normaliseDate(new Date(Date.UTC(2020, 0, 24)), 'a.md')).toBe('2020-01-24');
  });

  it('turns a bare year number into YYYY', () => {
    expect(normaliseDate(2020, 'a.md')).toBe('2020');
  });
});

describe('front matter errors', () => {
  it.each(['2020-13-01', '2019-02-29', '2020/01/24', '2020年1月24日', '20'])(
    'rejects the date %s and names it',
    (date) => {
      expect(errorOf(`---\ndate: ${date}\n---\n正文。`)).toBe(
        `baoku: cannot read reports/a.md: invalid date "${date}"; write YYYY-MM-DD, YYYY-MM or YYYY`,
      );
    },
  );

  it('rejects front matter that is not valid YAML', () => {
    expect(errorOf('---\ntitle: [不完整\n---\n正文。')).toMatch(
      /^baoku: cannot read reports\/a\.md: the front matter is not valid YAML: /,
    );
  });

  it('rejects front matter that is a list rather than a mapping', () => {
    expect(errorOf('---\n- 甲\n- 乙\n---\n正文。')).toBe(
      'baoku: cannot read reports/a.md: the front matter is not a YAML mapping of field: value',
    );
  });

  it('rejects front matter that is a bare string', () => {
    expect(errorOf('---\n只是一句话\n---\n正文。')).toBe(
      'baoku: cannot read reports/a.md: the front matter is not a YAML mapping of field: value',
    );
  });

  it('rejects front matter that is never closed', () => {
    expect(errorOf('---\ntitle: 标题\n正文。')).toBe(
      'baoku: cannot read reports/a.md: the front matter opened by --- on line 1 is never closed',
    );
  });

  it('rejects a title of the wrong type and names the field', () => {
    expect(errorOf('---\ntitle: [甲, 乙]\n---\n正文。')).toBe(
      'baoku: cannot read reports/a.md: front matter: field title: expected string, received array',
    );
  });

  it('rejects an authors list that holds a non-string', () => {
    expect(errorOf('---\nauthors: [张三, 3]\n---\n正文。')).toMatch(/front matter: field authors/);
  });

  it('rejects an unknown medium', () => {
    expect(errorOf('---\nmedium: magazine\n---\n正文。')).toMatch(
      /^baoku: cannot read reports\/a\.md: front matter: field medium: /,
    );
  });

  it('rejects a numeric id, which YAML would have stripped of leading zeros', () => {
    expect(errorOf('---\nid: 0012\n---\n正文。')).toBe(
      'baoku: cannot read reports/a.md: front matter: field id: expected string, received number',
    );
  });

  it('rejects an empty id', () => {
    expect(errorOf('---\nid: ""\n---\n正文。')).toBe(
      'baoku: cannot read reports/a.md: front matter: field id: must not be empty',
    );
  });

  it('rejects duplicate keys', () => {
    expect(errorOf('---\ntitle: 甲\ntitle: 乙\n---\n正文。')).toMatch(/not valid YAML/);
  });
});
