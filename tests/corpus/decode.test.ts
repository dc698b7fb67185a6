// Decoding corpus bytes: UTF-8 with and without BOM, GB18030, and the bytes that are neither.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/corpus/decode.ts';
import { CorpusError } from '../../src/errors.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('decodes UTF-8', () => {
    expect(decodeText(utf8('綦江战疫。'), 'a.md')).toBe('綦江战疫。');
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('綦江。')]);
    expect(decodeText(bytes, 'a.md')).toBe('綦江。');
  });

  it('decodes GB18030 when the bytes are not UTF-8', () => {
    const bytes = iconv.encode('綦江新冠肺炎疫情防控,全力以赴。\n', 'gb18030');
    expect(decodeText(bytes, 'a.txt')).toBe('綦江新冠肺炎疫情防控,全力以赴。\n');
  });

  it('strips a GB18030 byte order mark', () => {
    const bytes = iconv.encode('\ufeff綦江。', 'gb18030');
    expect(decodeText(bytes, 'a.txt')).toBe('綦江。');
  });

  it('normalises CRLF and CR line ends to LF', () => {
    expect(decodeText(utf8('甲\r\n乙\r丙\n'), 'a.md')).toBe('甲\n乙\n丙\n');
  });

  it('rejects bytes that are neither UTF-8 nor GB18030', () => {
    const bytes = new Uint8Array([0xe7, 0xb6, 0xa6, 0xff, 0xff, 0x41]);
    expect(() => decodeText(bytes, 'bad.md')).toThrow(
      'baoku: cannot read bad.md: neither UTF-8 nor GB18030; save it as UTF-8',
    );
  });

  it('rejects GB18030-decodable bytes that would give control characters', () => {
    const bytes = new Uint8Array([0xc4, 0xe3, 0x01, 0x02]);
    expect(() => decodeText(bytes, 'bad.md')).toThrow(CorpusError);
    expect(() => decodeText(bytes, 'bad.md')).toThrow('neither UTF-8 nor GB18030');
  });

  it('rejects UTF-16 text, whose NUL bytes are valid UTF-8', () => {
    expect(() => decodeText(iconv.encode('abc', 'utf16le'), 'u16.md')).toThrow(
      'baoku: cannot read u16.md: contains NUL bytes (UTF-16 or a binary file?); save it as UTF-8',
    );
  });

  it('rejects an empty file', () => {
    expect(() => decodeText(new Uint8Array(), 'empty.md')).toThrow(
      'baoku: cannot read empty.md: empty file',
    );
  });

  it('rejects a file holding only a BOM and blank lines', () => {
    expect(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x20]), 'e.md')).toThrow(
      'baoku: cannot read e.md: empty file',
    );
  });
});
