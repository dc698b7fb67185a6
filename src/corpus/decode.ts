// Corpus file bytes → text: UTF-8 (with or without BOM), else GB18030; line ends normalised to LF.
import iconv from 'iconv-lite';
import { CorpusError } from '../errors.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** C0 control characters other than tab, LF and CR: a sign that a guessed decoding is wrong. */
const STRAY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * Decodes a corpus file: UTF-8 first (a BOM is stripped), GB18030 when the bytes are not valid
 * UTF-8. Throws CorpusError for an empty file and for bytes that are neither encoding.
 */
export function decodeText(buf: Uint8Array, file: string): string {
  const text = stripBom(decodeBytes(buf, file));
  if (text.trim() === '') {
    throw new CorpusError(file, 'empty file');
  }
  return text.replace(/\r\n?/g, '\n');
}

function decodeBytes(buf: Uint8Array, file: string): string {
  const body = hasUtf8Bom(buf) ? buf.subarray(UTF8_BOM.length) : buf;
  let utf8: string | undefined;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    utf8 = undefined;
  }
  if (utf8 !== undefined) {
    // Valid UTF-8 can still be a UTF-16 file of ASCII text; its NUL bytes give it away.
    if (utf8.includes('\u0000')) {
      throw new CorpusError(file, 'contains NUL bytes (UTF-16 or a binary file?); save it as UTF-8');
    }
    return utf8;
  }
  const gb = iconv.decode(body, 'gb18030');
  if (gb.includes('\ufffd') || STRAY_CONTROL.test(gb)) {
    throw new CorpusError(file, 'neither UTF-8 nor GB18030; save it as UTF-8');
  }
  return gb;
}

function hasUtf8Bom(buf: Uint8Array): boolean {
  return buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2];
}

/** GB18030 has a BOM of its own (84 31 95 33), which decodes to U+FEFF. */
function stripBom(text: string): string {
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
