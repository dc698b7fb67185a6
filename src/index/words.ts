// The jieba word index: FlexSearch over paragraphs whose words the segmenter produced.
import { Index } from 'flexsearch';
import { PostingLists } from './lists.ts';
import { intersect } from './postings.ts';

/** Joins the words of one paragraph or query for FlexSearch's encoder, which splits them again. */
export const WORD_SEPARATOR = '\u0001';

/**
 * FlexSearch settings of the word index. Saved indexes record them, and every index is created
 * with exactly these before its postings are imported.
 * - `encode` splits pre-segmented text: segmentation happens once, in the segmenter module (and in
 *   worker threads at build time), never inside FlexSearch with other rules.
 * - `resolution: 1`: baoku ranks with its own BM25, so FlexSearch's positional scoring slots would
 *   only cost memory.
 */
export const WORD_INDEX_OPTIONS = {
  tokenize: 'strict',
  resolution: 1,
  fastupdate: false,
  cache: false,
} as const;

function splitWords(text: string): string[] {
  return text.split(WORD_SEPARATOR).filter((word) => word.length > 0);
}

/** A word index as plain posting lists: list k holds the paragraphs of `words[k]`. */
export interface WordPostings {
  words: string[];
  lists: PostingLists;
  /** Every paragraph id that holds at least one word (FlexSearch's register). */
  registered: Uint32Array;
}

/**
 * Collects the word postings of paragraphs added in ascending id order. An index build fills
 * FlexSearch through {@link WordIndex.fromPostings}, as loading does, rather than through
 * FlexSearch's `add`: `add` costs about 33 µs a paragraph of 35 words (five times a plain Map,
 * a quarter of a million-paragraph build), and both paths then hold the same typed lists.
 */
export class WordPostingsBuilder {
  private readonly lists = new Map<string, number[]>();
  private readonly registered: number[] = [];
  private last = -1;

  /** Adds paragraph `id` (greater than any added before) with its distinct words. */
  add(id: number, words: readonly string[]): void {
    if (id <= this.last) throw new Error(`paragraph ${id} added after ${this.last}`);
    this.last = id;
    if (words.length === 0) return;
    this.registered.push(id);
    for (const word of words) {
      const list = this.lists.get(word);
      if (list === undefined) this.lists.set(word, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }

  /** The postings of everything added. */
  finish(): WordPostings {
    const words = [...this.lists.keys()];
    const offsets = new Uint32Array(words.length + 1);
    words.forEach((word, k) => (offsets[k + 1] = offsets[k]! + this.lists.get(word)!.length));
    const ids = new Uint32Array(offsets[words.length]!);
    words.forEach((word, k) => ids.set(this.lists.get(word)!, offsets[k]!));
    return { words, lists: PostingLists.of(offsets, ids), registered: Uint32Array.from(this.registered) };
  }
}

/** A FlexSearch index mapping jieba words to paragraph ids. */
export class WordIndex {
  readonly flex: Index;

  private constructor(private readonly postingsOf: WordPostings) {
    this.flex = new Index({ ...WORD_INDEX_OPTIONS, encode: splitWords });
  }

  /**
   * An index of `postings`, through FlexSearch's `import`, which takes entries already parsed.
   * Each word's entry is a view of its list in `postings.lists` (decoded only when a search first
   * needs it, for an index that was loaded): no JSON and no copying into arrays on the way, which
   * is what makes a large archive start fast. FlexSearch stores the map and hands a word's list
   * back; baoku intersects the lists itself.
   */
  static fromPostings(postings: WordPostings): WordIndex {
    if (postings.lists.count !== postings.words.length) throw new Error('words and word lists differ in number');
    const index = new WordIndex(postings);
    const entries: [string, Uint32Array[]][] = postings.words.map((word, k) => [word, [postings.lists.view(k)]]);
    // FlexSearch reads the register by index and length: the typed array needs no copy to an Array.
    index.flex.import('1.reg', postings.registered as unknown as string);
    index.flex.import('1.map', entries as unknown as string);
    return index;
  }

  /** The paragraphs that hold `word` as a jieba word, ascending (a view: read-only by convention). */
  postings(word: string): Uint32Array {
    const resolver = this.flex.search(word, { resolve: false }) as unknown as { result: Uint32Array[] };
    // resolution 1 means one scoring slot, so a word's list is the slot's only entry.
    const view = resolver.result[0];
    return view === undefined ? EMPTY : this.postingsOf.lists.idsOfView(view);
  }

  /**
   * Ids of the paragraphs that hold every one of `words` as a jieba word, ascending. The lists are
   * intersected rarest first by galloping, so a very common word costs little.
   */
  withAllWords(words: readonly string[]): Uint32Array {
    if (words.length === 0) return EMPTY;
    const lists = [...new Set(words)].map((word) => this.postings(word)).sort((a, b) => a.length - b.length);
    let ids = lists[0]!;
    for (const list of lists.slice(1)) {
      if (ids.length === 0) break;
      ids = intersect(ids, list);
    }
    return ids;
  }

  /** The index as posting lists, for saving. */
  toPostings(): WordPostings {
    return this.postingsOf;
  }
}

const EMPTY = new Uint32Array(0);
