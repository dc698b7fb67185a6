// Markdown and plain-text reports → Report: front matter, headings, captions, byline, layout repair.
import { CorpusError } from '../errors.ts';
import type { Paragraph, ParagraphKind, Report } from '../types.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { joinBrokenParagraphs } from './repair.ts';

/** Separates the levels of a heading path, e.g. `有速度 › 推出系列“硬核”举措`. */
export const HEADING_SEPARATOR = ' › ';

/** A paragraph before numbering; `level` is set on headings only. */
interface Draft {
  kind: ParagraphKind;
  text: string;
  credit?: string;
  level?: number;
}

/** A block of the body: an ATX heading line, or lines between blank lines. */
type Block = { heading: true; level: number; text: string } | { heading: false; lines: string[] };

const SPACE = '[ \\t\\u3000]';
const HAN = '\\p{Script=Han}';
/** A personal name: 2–4 Han characters, or Han parts joined by a middle dot (阿依·买买提). */
const NAME = `(?:${HAN}{2,4}|${HAN}{1,6}(?:[·・•]${HAN}{1,6})+)`;
/** Credit or byline must start the text or follow a space or punctuation, not a word. */
const AFTER_BREAK = '(?<=^|[\\s\\p{P}])';

const CREDIT_ROLE = `(?:图[/／]${SPACE}*(?:通讯员|摄影记者|记者|摄影)?|通讯员|摄影记者|记者|摄影|图)`;
const CREDIT = `${CREDIT_ROLE}${SPACE}*${NAME}${SPACE}*摄`;
const CREDIT_ALONE = new RegExp(`^${CREDIT}$`, 'u');
const CREDIT_AT_END = new RegExp(`${AFTER_BREAK}${CREDIT}$`, 'u');

const BYLINE_ROLE = '(?:本报记者|本报通讯员|特约记者|特约通讯员|实习记者|实习生|记者|通讯员)';
const BYLINE_ROLE_PREFIX = new RegExp(`^${BYLINE_ROLE}`, 'u');
const BYLINE_NAME = `(?:${BYLINE_ROLE}${SPACE}*)?${NAME}`;
const BYLINE = `文[/／]${SPACE}*${BYLINE_NAME}(?:[ \\t\\u3000、]+${BYLINE_NAME})*`;
const BYLINE_ALONE = new RegExp(`^${BYLINE}$`, 'u');
const BYLINE_AT_END = new RegExp(`${AFTER_BREAK}${BYLINE}$`, 'u');

const HEADING = /^ {0,3}(#{1,6})(?:[ \t\u3000]+(.*))?$/u;
const BLANK = /^\s*$/u;
/** A Markdown thematic break (`---`, `***`, `___`): separates paragraphs, is not text. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;
const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u2010-\u206f\u2e80-\u2fff\u3000-\u303f\uff00-\uffef]/u;

/**
 * Parses a Markdown or plain-text report. Throws CorpusError (naming `origin`) for bad front
 * matter or a file without paragraphs.
 */
export function parseMarkdownReport(text: string, origin: string, fallbackId: string): Report {
  const { meta, body } = splitFrontMatter(text, origin);
  const bylineNames: string[] = [];
  const drafts = joinBrokenParagraphs(
    attachCredits(readBlocks(body).flatMap((block) => draftParagraph(block, bylineNames))),
  );
  if (drafts.length === 0) {
    throw new CorpusError(origin, 'no paragraphs of text');
  }
  const title = meta.title ?? drafts.find(isTitleLevel)?.text;
  const authors = meta.authors !== undefined && meta.authors.length > 0 ? meta.authors : bylineNames;
  return {
    ...meta,
    id: meta.id ?? fallbackId,
    ...(title !== undefined && { title }),
    authors,
    origin,
    paragraphs: numberParagraphs(drafts, title),
  };
}

function isTitleLevel(draft: Draft): boolean {
  return draft.kind === 'heading' && draft.level !== undefined && draft.level <= 2;
}

/** Splits the body into heading lines and blank-line-separated blocks of text lines. */
function readBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) blocks.push({ heading: false, lines });
    lines = [];
  };
  for (const line of body.split('\n')) {
    const heading = HEADING.exec(line);
    if (heading !== null) {
      flush();
      const text = (heading[2] ?? '').replace(/[ \t\u3000]+#+[ \t\u3000]*$/u, '').trim();
      if (text !== '') blocks.push({ heading: true, level: heading[1]?.length ?? 1, text });
    } else if (BLANK.test(line) || THEMATIC_BREAK.test(line)) {
      flush();
    } else {
      lines.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * Turns a block into at most one draft paragraph: removes a `文/记者 X` byline (collecting its
 * names) and splits a photo credit off the end of a caption.
 */
function draftParagraph(block: Block, bylineNames: string[]): Draft[] {
  if (block.heading) return [{ kind: 'heading', text: block.text, level: block.level }];
  const lines: string[] = [];
  for (const line of block.lines) {
    const trimmed = line.trim();
    if (BYLINE_ALONE.test(trimmed)) collectByline(trimmed, bylineNames);
    else lines.push(line);
  }
  const last = lines.at(-1)?.trim();
  if (last !== undefined && CREDIT_ALONE.test(last) && lines.length > 1) {
    return [{ kind: 'caption', text: joinLines(lines.slice(0, -1)), credit: last }];
  }
  let text = joinLines(lines);
  const byline = BYLINE_AT_END.exec(text);
  if (byline !== null) {
    collectByline(byline[0], bylineNames);
    text = text.slice(0, byline.index).trimEnd();
  }
  if (text === '') return [];
  if (CREDIT_ALONE.test(text)) return [{ kind: 'caption', text: '', credit: text }];
  const credit = CREDIT_AT_END.exec(text);
  if (credit !== null && credit.index > 0) {
    return [{ kind: 'caption', text: text.slice(0, credit.index).trimEnd(), credit: credit[0] }];
  }
  return [{ kind: 'body', text }];
}

function collectByline(byline: string, names: string[]): void {
  const found = byline
    .replace(/^文[/／]/u, '')
    .split(/[ \t\u3000、]+/u)
    .map((token) => (token.length > 2 ? token.replace(BYLINE_ROLE_PREFIX, '') : token))
    .filter((token) => token !== '' && !BYLINE_ROLE_PREFIX.test(token) && !names.includes(token));
  names.push(...found);
}

/**
 * Joins the lines of one paragraph. Line ends (soft or two-space hard breaks) add nothing between
 * Chinese text; a space is kept only where both sides are narrow (Latin) script.
 */
function joinLines(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const needsSpace = text !== '' && !WIDE.test(text.slice(-1)) && !WIDE.test(line[0] ?? '');
    text += (needsSpace ? ' ' : '') + line;
  }
  return text;
}

/**
 * Merges a credit that stands in its own paragraph into the caption right before it. A credit
 * with no such caption (after a heading, another caption or at the start) keeps its own text.
 */
function attachCredits(drafts: readonly Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const draft of drafts) {
    const previous = out.at(-1);
    if (draft.kind !== 'caption' || draft.text !== '' || draft.credit === undefined) {
      out.push(draft);
    } else if (previous?.kind === 'body') {
      out[out.length - 1] = { kind: 'caption', text: previous.text, credit: draft.credit };
    } else {
      out.push({ kind: 'caption', text: draft.credit, credit: draft.credit });
    }
  }
  return out;
}

/** Numbers paragraphs from 1 and gives each the path of headings above it (title excluded). */
function numberParagraphs(drafts: readonly Draft[], title: string | undefined): Paragraph[] {
  const path: { level: number; text: string }[] = [];
  return drafts.map((draft, i) => {
    const level = draft.kind === 'heading' ? (draft.level ?? 1) : undefined;
    // A heading closes every heading at its level or deeper before it is placed.
    while (level !== undefined && (path.at(-1)?.level ?? 0) >= level) path.pop();
    const heading = path.map((entry) => entry.text).join(HEADING_SEPARATOR);
    const paragraph: Paragraph = { n: i + 1, kind: draft.kind, text: draft.text };
    if (draft.credit !== undefined) paragraph.credit = draft.credit;
    if (heading !== '') paragraph.heading = heading;
    if (level !== undefined && !(level <= 2 && draft.text === title)) {
      path.push({ level, text: draft.text });
    }
    return paragraph;
  });
}
