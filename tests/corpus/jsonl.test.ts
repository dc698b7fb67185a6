// JSON Lines records: good records taken exactly as given, bad ones rejected with the reason.
import { describe, expect, it } from 'vitest';
import { parseJsonlLine } from '../../src/corpus/jsonl.ts';
import { CorpusError } from '../../src/errors.ts';

function errorOf(line: string): string {
  try {
    parseJsonlLine(line, 'feed.jsonl:3');
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return (error as Error).message;
  }
  throw new Error('expected a CorpusError');
}

describe('parseJsonlLine', () => {
  it('reads a full record', () => {
    const line = JSON.stringify({
      id: 'xwlb-2020-01-24',
      title: '新闻联播',
      date: '2020-01-24',
      source: '央视《新闻联播》',
      url: 'https://example.org/x',
      authors: ['张三'],
      page: 2,
      medium: 'broadcast',
      paragraphs: ['第一段。', '第二段。'],
    });
    expect(parseJsonlLine(line, 'feed.jsonl:3')).toStrictEqual({
      id: 'xwlb-2020-01-24',
      title: '新闻联播',
      date: '2020-01-24',
      source: '央视《新闻联播》',
      url: 'https://example.org/x',
      authors: ['张三'],
      page: '2',
      medium: 'broadcast',
      origin: 'feed.jsonl:3',
      paragraphs: [
        { n: 1, kind: 'body', text: '第一段。' },
        { n: 2, kind: 'body', text: '第二段。' },
      ],
    });
  });

  it('reads a record with only id and paragraphs and invents no metadata', () => {
    expect(parseJsonlLine('{"id":"a","paragraphs":["甲。"]}', 'f.jsonl:1')).toStrictEqual({
      id: 'a',
      authors: [],
      origin: 'f.jsonl:1',
      paragraphs: [{ n: 1, kind: 'body', text: '甲。' }],
    });
  });

  it('takes paragraphs exactly as given: no repair, no caption detection, empty ones kept', () => {
    const line = JSON.stringify({
      id: 'a',
      paragraphs: ['生产经', '营中。', '', '工厂复工。通讯员 熊伟 摄', '  空格  '],
    });
    expect(parseJsonlLine(line, 'f.jsonl:1').paragraphs).toEqual([
      { n: 1, kind: 'body', text: '生产经' },
      { n: 2, kind: 'body', text: '营中。' },
      { n: 3, kind: 'body', text: '' },
      { n: 4, kind: 'body', text: '工厂复工。通讯员 熊伟 摄' },
      { n: 5, kind: 'body', text: '  空格  ' },
    ]);
  });

  it('tolerates extra fields', () => {
    expect(parseJsonlLine('{"id":"a","paragraphs":[],"crawler":"v2"}', 'f.jsonl:1').id).toBe('a');
  });

  it('rejects a line that is not JSON', () => {
    expect(errorOf('{"id": "a",')).toMatch(/^baoku: cannot read feed\.jsonl:3: not valid JSON: /);
  });

  it('rejects a JSON array', () => {
    expect(errorOf('["a"]')).toBe(
      'baoku: cannot read feed.jsonl:3: a JSON Lines record must be a JSON object',
    );
  });

  it('rejects a record without an id', () => {
    expect(errorOf('{"paragraphs":["甲。"]}')).toBe(
      'baoku: cannot read feed.jsonl:3: field id is missing',
    );
  });

  it('rejects a record without paragraphs', () => {
    expect(errorOf('{"id":"a"}')).toBe('baoku: cannot read feed.jsonl:3: field paragraphs is missing');
  });

  it('rejects a paragraph that is not a string and names its index', () => {
    expect(errorOf('{"id":"a","paragraphs":["甲。",2]}')).toBe(
      'baoku: cannot read feed.jsonl:3: field paragraphs.1: expected string, received number',
    );
  });

  it('rejects an invalid date and names it', () => {
    expect(errorOf('{"id":"a","date":"2020-02-30","paragraphs":[]}')).toBe(
      'baoku: cannot read feed.jsonl:3: invalid date "2020-02-30"; write YYYY-MM-DD, YYYY-MM or YYYY',
    );
  });

  it('rejects a title of the wrong type', () => {
    expect(errorOf('{"id":"a","title":7,"paragraphs":[]}')).toBe(
      'baoku: cannot read feed.jsonl:3: field title: expected string, received number',
    );
  });
});
