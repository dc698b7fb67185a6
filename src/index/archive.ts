// The archive in memory: reports, paragraphs, gram postings and the word index, behind ArchiveStore.
import type { ParagraphKind, ReportMeta } from '../types.ts';
import type { TermAnswer, TermAnswers } from './answers.ts';
import {
  frequentGrams,
  gramCandidates,
  gramParagraphs,
  gramPostings,
  unigramList,
  type GramIndex,
  type GramPostings,
} from './grams.ts';
import { unitSignature, type ReportFacts } from './report-facts.ts';
import type { PackedTexts } from './texts.ts';
import { TitleIndex } from './titles.ts';
import { intersect, intersectAll } from './postings.ts';
import type { WordIndex } from './words.ts';

/** One paragraph as the search code sees it. */
export interface ParagraphRecord {
  /** Global paragraph id (position in the archive). */
  id: number;
  reportIndex: number;
  /** 1-based number within its report. */
  n: number;
  kind: ParagraphKind;
  text: string;
  heading?: string;
  credit?: string;
}

/** Size and span of the archive, for the home page and `/healthz`. */
export interface ArchiveStats {
  reports: number;
  paragraphs: number;
  /** UTF-16 code units of paragraph text. */
  characters: number;
  firstDate?: string;
  lastDate?: string;
}

/**
 * What search needs from an archive. The in-memory {@link Archive} implements it; another backend
 * (e.g. PostgreSQL with a bigram GIN index) can implement the same calls.
 */
export interface ArchiveStore {
  readonly stats: ArchiveStats;
  /** Normalised titles and sources, dates and facet keys of every report. */
  readonly facts: ReportFacts;
  readonly paragraphCount: number;
  readonly reportCount: number;
  report(index: number): ReportMeta;
  reportIndexOf(id: string): number | undefined;
  /** The ids of a report's paragraphs: `first .. first + count - 1`. */
  paragraphRange(reportIndex: number): { first: number; count: number };
  paragraph(id: number): ParagraphRecord;
  /** Report index of a paragraph, without materialising the record. */
  reportOfParagraph(id: number): number;
  /** The report index of every paragraph, by id (read-only): for loops over many ids. */
  paragraphReports(): Uint32Array;
  /** Normalised text of a paragraph. */
  normOf(id: number): string;
  /** Occurrences of `literal` (non-empty, normalised) in paragraph `id`, overlapping ones included. */
  occurrencesOf(id: number, literal: string): number;
  /** Word tokens of a paragraph (BM25 document length). */
  wordCountOf(id: number): number;
  /** Sorted ids of every paragraph whose normalised text contains `norm`. Exact: no misses. */
  findLiteral(norm: string): Uint32Array;
  /**
   * For a term of one or two code units: its exact postings with per-paragraph frequencies (the
   * ids are those of {@link findLiteral}); null for longer terms.
   */
  literalPostings(norm: string): GramPostings | null;
  /**
   * For a term of one or two code units: how many paragraphs hold it, without reading its
   * postings; null for longer terms.
   */
  literalParagraphs(norm: string): number | null;
  /**
   * Ids of the paragraphs that hold every one of `words` as a jieba word, ascending (read-only).
   * A one-character word counts wherever its character occurs.
   */
  withAllWords(words: readonly string[]): Uint32Array;
  /**
   * Ids of the paragraphs whose normalised text contains every one of `literals` (normalised),
   * ascending (read-only): what related matches require, whatever jieba made of the paragraph.
   */
  withAllLiterals(literals: readonly string[]): Uint32Array;
  /** Ascending indices of the reports whose normalised title contains `norm` (normalised). Exact. */
  titleReports(norm: string): Uint32Array;
  /** The kind of a paragraph, without materialising the record. */
  kindOf(id: number): ParagraphKind;
  /**
   * Per report `r`, a row at `REPORT_ROW * r`: the id after its last paragraph (at `REPORT_END`),
   * its source and year facet keys (`REPORT_SOURCE`, `REPORT_YEAR`) and the {@link unitSignature}
   * of its normalised title (`REPORT_TITLE`): what filtering, counting facets and the title boost
   * read for a run of a report's hits, in one place (read-only).
   */
  reportTable(): Uint32Array;
  /** Ascending ids of the paragraphs that are headings (read-only). */
  headingIds(): Uint32Array;
  /** Corpus words whose toneless pinyin is `key`, most frequent first. */
  pinyinWords(key: string): readonly string[];
  /** The answer worked out at build time for a query of the one term `norm` (normalised), if any. */
  termAnswer(norm: string): TermAnswer | undefined;
  /** Mean paragraph length in words. */
  readonly averageWordCount: number;
}

/** Width of a row of {@link ArchiveStore.reportTable} (16 bytes, four to a cache line), and its slots. */
export const REPORT_ROW = 4;
export const REPORT_END = 0;
export const REPORT_SOURCE = 1;
export const REPORT_YEAR = 2;
export const REPORT_TITLE = 3;

const KINDS: readonly ParagraphKind[] = ['body', 'heading', 'caption'];

/** Encodes a paragraph kind for the saved `kinds` array. */
export function kindCode(kind: ParagraphKind): number {
  return KINDS.indexOf(kind);
}

/** Everything an {@link Archive} is made of; what build produces and store saves and loads. */
export interface ArchiveData {
  /** Each report's metadata as JSON, parsed when the report is first asked for. */
  reports: PackedTexts;
  /** Each report's id (the lookup table from ids is built from these, not from the JSON). */
  reportIds: PackedTexts;
  facts: ReportFacts;
  /** Earliest and latest report date, as written. */
  dateRange: { first?: string; last?: string };
  /** `reportStart[r] .. reportStart[r+1]` are report r's paragraph ids. */
  reportStart: Uint32Array;
  kinds: Uint8Array;
  /** Paragraph texts as written. */
  texts: PackedTexts;
  /** Paragraph texts normalised for matching, one for each text. */
  norms: PackedTexts;
  headings: (string | null)[];
  credits: (string | null)[];
  wordCounts: Uint32Array;
  grams: GramIndex;
  /** The same postings over every report's normalised title, by report index. */
  titleGrams: GramIndex;
  words: WordIndex;
  pinyin: Map<string, string[]>;
  /** Answers to one-term queries of frequent terms (see {@link TermAnswer}); made after the rest. */
  answers: TermAnswers;
}

/**
 * Bytes of id lists that an archive keeps between searches (verified literals, word
 * intersections): enough for the few thousand terms of a busy day at a million paragraphs, where
 * checking a common three-character term's candidates costs milliseconds every time.
 */
export const LIST_CACHE_BYTES = 128 * 1024 * 1024;
const LIST_CACHE_ENTRIES = 20_000;

/**
 * Id lists by key, least recently used first, dropped oldest first past a byte budget. A list
 * that is the index's own (an exact gram list, one word's postings) costs nothing and is not counted.
 */
export class ListCache {
  private readonly entries = new Map<string, { list: Uint32Array; cost: number }>();
  private bytes = 0;

  constructor(
    private readonly budget: number,
    /** Entries kept at most, whatever they cost: keys themselves take memory. */
    private readonly maxEntries: number,
  ) {}

  get(key: string): Uint32Array | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Refresh its place: the least recently used entry goes first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.list;
  }

  /** Keeps `list` under `key`; `owned` when it is a copy made for the cache, which counts. */
  set(key: string, list: Uint32Array, owned: boolean): void {
    const cost = owned ? list.byteLength : 0;
    if (this.entries.has(key) || cost > this.budget) return;
    this.entries.set(key, { list, cost });
    this.bytes += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budget && this.entries.size <= this.maxEntries) break;
      this.bytes -= entry.cost;
      this.entries.delete(oldest);
    }
  }

  /** Bytes counted against the budget. */
  get size(): number {
    return this.bytes;
  }

  get count(): number {
    return this.entries.size;
  }
}

/**
 * A unit in one paragraph in this many, or more, is common enough to be searched for natively
 * past a paragraph's end: its next place is a few paragraphs on at most, on average.
 */
const COMMON_UNIT_SHARE = 16;

/** The in-memory archive. */
export class Archive implements ArchiveStore {
  readonly stats: ArchiveStats;
  readonly paragraphCount: number;
  readonly reportCount: number;
  readonly averageWordCount: number;
  readonly facts: ReportFacts;
  private readonly paragraphReport: Uint32Array;
  /** Report index by report id: made on the first look-up (80 ms at 180,000 reports), not at start. */
  private reportIds: Map<string, number> | null = null;
  /** Reports parsed so far. */
  private readonly reports: (ReportMeta | undefined)[];
  /** Verified literals and word intersections, sharing one budget. */
  private readonly lists = new ListCache(LIST_CACHE_BYTES, LIST_CACHE_ENTRIES);
  /** Made on first use: searches need them, other uses of an archive do not. */
  private headings: Uint32Array | null = null;
  private reportRows: Uint32Array | null = null;
  private readonly titleIndex: TitleIndex;

  constructor(readonly data: ArchiveData) {
    this.paragraphCount = data.texts.count;
    this.reportCount = data.reports.count;
    this.facts = data.facts;
    this.titleIndex = new TitleIndex(data.facts.titles, data.titleGrams);
    this.reports = new Array<ReportMeta | undefined>(this.reportCount);
    this.paragraphReport = new Uint32Array(this.paragraphCount);
    for (let r = 0; r < this.reportCount; r++) {
      this.paragraphReport.fill(r, data.reportStart[r]!, data.reportStart[r + 1]!);
    }
    let words = 0;
    for (const count of data.wordCounts) words += count;
    this.averageWordCount = this.paragraphCount === 0 ? 1 : Math.max(1, words / this.paragraphCount);
    const characters = data.texts.totalLength;
    const { first: firstDate, last: lastDate } = data.dateRange;
    this.stats = {
      reports: this.reportCount,
      paragraphs: this.paragraphCount,
      characters,
      ...(firstDate !== undefined && lastDate !== undefined ? { firstDate, lastDate } : {}),
    };
  }

  report(index: number): ReportMeta {
    let report = this.reports[index];
    if (report === undefined) {
      if (!(index >= 0 && index < this.reportCount)) throw new RangeError(`baoku: no report ${index}`);
      report = this.reports[index] = JSON.parse(this.data.reports.get(index)) as ReportMeta;
    }
    return report;
  }

  reportIndexOf(id: string): number | undefined {
    if (this.reportIds === null) {
      this.reportIds = new Map();
      for (let r = 0; r < this.reportCount; r++) this.reportIds.set(this.data.reportIds.get(r), r);
    }
    return this.reportIds.get(id);
  }

  paragraphRange(reportIndex: number): { first: number; count: number } {
    const first = this.data.reportStart[reportIndex]!;
    return { first, count: this.data.reportStart[reportIndex + 1]! - first };
  }

  reportOfParagraph(id: number): number {
    return this.paragraphReport[id]!;
  }

  paragraphReports(): Uint32Array {
    return this.paragraphReport;
  }

  normOf(id: number): string {
    return this.data.norms.get(id);
  }

  occurrencesOf(id: number, literal: string): number {
    return this.data.norms.countOf(id, literal);
  }

  wordCountOf(id: number): number {
    return this.data.wordCounts[id]!;
  }

  paragraph(id: number): ParagraphRecord {
    const reportIndex = this.paragraphReport[id]!;
    const heading = this.data.headings[id];
    const credit = this.data.credits[id];
    return {
      id,
      reportIndex,
      n: id - this.data.reportStart[reportIndex]! + 1,
      kind: KINDS[this.data.kinds[id]!] ?? 'body',
      text: this.data.texts.get(id),
      ...(heading ? { heading } : {}),
      ...(credit ? { credit } : {}),
    };
  }

  findLiteral(norm: string): Uint32Array {
    const key = `l${norm}`;
    const cached = this.lists.get(key);
    if (cached) return cached;
    const { ids, exact } = gramCandidates(this.data.grams, norm);
    let result = ids;
    if (!exact) {
      // A paragraph that holds the term as a jieba word contains it (words are pieces of the
      // normalised text): only the other candidates need their text checked.
      const known = this.data.words.postings(norm);
      const out = new Uint32Array(ids.length);
      let n = 0;
      let k = 0;
      const norms = this.data.norms;
      const key = this.commonestUnit(norm);
      for (const id of ids) {
        while (k < known.length && known[k]! < id) k++;
        if (k < known.length && known[k] === id) out[n++] = id;
        else if (key === -1 ? norms.includes(id, norm) : norms.includesByUnit(id, norm, key)) out[n++] = id;
      }
      result = out.slice(0, n);
    }
    this.lists.set(key, result, !exact);
    return result;
  }

  /**
   * Where in `norm` its commonest code unit stands, when that unit is in at least one paragraph
   * in {@link COMMON_UNIT_SHARE}: then a search for it never runs far past a paragraph's end
   * (see {@link PackedTexts.includesByUnit}); else -1.
   */
  private commonestUnit(norm: string): number {
    const unigrams = this.data.grams.unigrams;
    let key = 0;
    for (let k = 1; k < norm.length; k++) {
      if (unigrams.length(norm.charCodeAt(k)) > unigrams.length(norm.charCodeAt(key))) key = k;
    }
    return unigrams.length(norm.charCodeAt(key)) * COMMON_UNIT_SHARE >= this.paragraphCount ? key : -1;
  }

  literalPostings(norm: string): GramPostings | null {
    return gramPostings(this.data.grams, norm);
  }

  literalParagraphs(norm: string): number | null {
    return gramParagraphs(this.data.grams, norm);
  }

  withAllWords(words: readonly string[]): Uint32Array {
    const key = `w${words.join('\u0001')}`;
    const cached = this.lists.get(key);
    if (cached) return cached;
    const longer = words.filter((word) => word.length > 1);
    let ids: Uint32Array | null = longer.length > 0 ? this.data.words.withAllWords(longer) : null;
    const singles = [...new Set(words.filter((word) => word.length === 1))]
      .map((word) => unigramList(this.data.grams, word.charCodeAt(0)))
      .sort((a, b) => a.length - b.length);
    for (const list of singles) {
      ids = ids === null ? list : intersect(ids, list);
    }
    // A single word's own list is the index's; an intersection is a new array.
    const owned = longer.length + singles.length > 1;
    ids ??= new Uint32Array(0);
    this.lists.set(key, ids, owned);
    return ids;
  }

  withAllLiterals(literals: readonly string[]): Uint32Array {
    const distinct = [...new Set(literals)];
    if (distinct.length === 1) return this.findLiteral(distinct[0]!);
    const key = `a${distinct.join('\u0001')}`;
    const cached = this.lists.get(key);
    if (cached) return cached;
    // Every literal's candidates (exact lists where known) are intersected first, and only the
    // paragraphs left have their text checked: a long word's own candidates may be many more.
    const unchecked: string[] = [];
    const lists = distinct.map((literal) => {
      const known = this.lists.get(`l${literal}`);
      if (known) return known;
      const { ids, exact } = gramCandidates(this.data.grams, literal);
      if (!exact) unchecked.push(literal);
      return ids;
    });
    let ids = intersectAll(lists);
    for (const literal of unchecked) {
      if (ids.length === 0) break;
      const norms = this.data.norms;
      ids = ids.filter((id) => norms.includes(id, literal));
    }
    this.lists.set(key, ids, true);
    return ids;
  }

  titleReports(norm: string): Uint32Array {
    return this.titleIndex.reportsWith(norm);
  }

  kindOf(id: number): ParagraphKind {
    return KINDS[this.data.kinds[id]!] ?? 'body';
  }

  reportTable(): Uint32Array {
    if (this.reportRows === null) {
      const { reportStart } = this.data;
      const { sourceKey, yearKey, titles } = this.facts;
      const table = new Uint32Array(REPORT_ROW * this.reportCount);
      for (let r = 0; r < this.reportCount; r++) {
        table[REPORT_ROW * r + REPORT_END] = reportStart[r + 1]!;
        table[REPORT_ROW * r + REPORT_SOURCE] = sourceKey[r]!;
        table[REPORT_ROW * r + REPORT_YEAR] = yearKey[r]!;
        table[REPORT_ROW * r + REPORT_TITLE] = unitSignature(titles[r]!);
      }
      this.reportRows = table;
    }
    return this.reportRows;
  }

  headingIds(): Uint32Array {
    if (this.headings === null) {
      const kinds = this.data.kinds;
      const code = kindCode('heading');
      let n = 0;
      for (let id = 0; id < kinds.length; id++) if (kinds[id] === code) n++;
      const ids = new Uint32Array(n);
      for (let id = 0, at = 0; at < n; id++) if (kinds[id] === code) ids[at++] = id;
      this.headings = ids;
    }
    return this.headings;
  }

  pinyinWords(key: string): readonly string[] {
    return this.data.pinyin.get(key) ?? [];
  }

  termAnswer(norm: string): TermAnswer | undefined {
    return this.data.answers.get(norm);
  }

  /** Every term of one or two code units found in at least `min` paragraphs. */
  frequentGrams(min: number): string[] {
    return frequentGrams(this.data.grams, min);
  }
}
