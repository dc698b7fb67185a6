// The jieba word index: FlexSearch over paragraphs whose words the segmenter produced.
import { Index } from 'flexsearch';
import { PostingLists } from './lists.ts';

/** Joins the words of one paragraph or query for FlexSearch's encoder, which splits them again. */
export const WORD_SEPARATOR = '\u0001';

/**
 * FlexSearch settings of the word index. Saved indexes record them; `export` does not keep the
 * encoder, so loading recreates the index with exactly these before `import`.
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

/** Ids in both ascending lists, walking the first (the shorter) and galloping through the other. */
export function intersectAscending(small: ArrayLike<number>, large: ArrayLike<number>): number[] {
  const out: number[] = [];
  let lo = 0;
  for (let i = 0; i < small.length; i++) {
    const id = small[i]!;
    let step = 1;
    let hi = lo;
    while (hi < large.length && large[hi]! < id) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, large.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (large[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < large.length && large[lo] === id) out.push(id);
  }
  return out;
}

function splitWords(text: string): string[] {
  return text.split(WORD_SEPARATOR).filter((word) => word.length > 0);
}

/** A word index as plain posting lists, for saving: list k holds the paragraphs of `words[k]`. */
export interface WordPostings {
  words: string[];
  lists: PostingLists;
  /** Every paragraph id that FlexSearch registered. */
  registered: Uint32Array;
}

/** A FlexSearch index mapping jieba words to paragraph ids. */
export class WordIndex {
  readonly flex: Index;

  /**
   * @param loaded - when the index was loaded: its postings, whose (not yet decoded) views
   *   FlexSearch's map holds, decoded when FlexSearch hands one back.
   */
  private constructor(private readonly loaded: WordPostings | null) {
    this.flex = new Index({ ...WORD_INDEX_OPTIONS, encode: splitWords });
  }

  /** An empty index, to add paragraphs to. */
  static create(): WordIndex {
    return new WordIndex(null);
  }

  /** Adds paragraph `id` with its distinct words. */
  add(id: number, words: readonly string[]): void {
    if (words.length > 0) this.flex.add(id, words.join(WORD_SEPARATOR));
  }

  /** The paragraphs that hold `word` as a jieba word, ascending: FlexSearch's own array, not a copy. */
  postings(word: string): readonly number[] | Uint32Array {
    const resolver = this.flex.search(word, { resolve: false }) as unknown as {
      result: (number[] | Uint32Array)[];
    };
    // resolution 1 means one scoring slot, so a word's postings are a single list.
    if (this.loaded !== null) {
      const view = resolver.result[0];
      return view instanceof Uint32Array ? this.loaded.lists.idsOfView(view) : [];
    }
    const ids = resolver.result.length === 1 ? (resolver.result[0] as number[]) : (resolver.result as number[][]).flat();
    for (let i = 1; i < ids.length; i++) {
      if (ids[i - 1]! > ids[i]!) return [...ids].sort((a, b) => a - b);
    }
    return ids;
  }

  /**
   * Ids of the paragraphs that hold every one of `words` as a jieba word, ascending. The lists are
   * intersected rarest first by galloping, so a very common word (的) costs little.
   */
  withAllWords(words: readonly string[]): readonly number[] | Uint32Array {
    if (words.length === 0) return [];
    const lists = [...new Set(words)].map((word) => this.postings(word)).sort((a, b) => a.length - b.length);
    let ids = lists[0]!;
    for (const list of lists.slice(1)) {
      if (ids.length === 0) break;
      ids = intersectAscending(ids, list);
    }
    return ids;
  }

  /**
   * The index as posting lists: words in order, `offsets[k] .. offsets[k+1]` delimiting word k's
   * ids in `ids`, and every id the index registered. Read through FlexSearch's own export.
   */
  async toPostings(): Promise<WordPostings> {
    if (this.loaded !== null) return this.loaded;
    const words: string[] = [];
    const lists: number[][] = [];
    let registered: number[] = [];
    for (const [key, data] of await this.exportChunks()) {
      const parsed = JSON.parse(data) as unknown;
      if (key.endsWith('.reg')) {
        registered = registered.concat(parsed as number[]);
      } else if (key.endsWith('.map')) {
        for (const [word, slots] of parsed as [string, number[][]][]) {
          words.push(word);
          lists.push(slots.flat());
        }
      }
    }
    const offsets = new Uint32Array(words.length + 1);
    lists.forEach((list, k) => {
      offsets[k + 1] = offsets[k]! + list.length;
    });
    const ids = new Uint32Array(offsets[words.length]!);
    lists.forEach((list, k) => ids.set(list, offsets[k]!));
    return { words, lists: PostingLists.of(offsets, ids), registered: Uint32Array.from(registered).sort() };
  }

  /**
   * Recreates an index from {@link toPostings}, through FlexSearch's `import`, which takes the
   * entries already parsed. Each word's entry is a view of its list in `postings.lists`, decoded
   * only when a search first needs it: no JSON and no copying into arrays on the way, which is
   * what makes a large archive start fast. (FlexSearch only stores and hands back these entries;
   * baoku intersects them itself.)
   */
  static fromPostings(postings: WordPostings): WordIndex {
    if (postings.lists.count !== postings.words.length) throw new Error('words and word lists differ in number');
    const index = new WordIndex(postings);
    const entries: [string, Uint32Array[]][] = postings.words.map((word, k) => [word, [postings.lists.view(k)]]);
    index.flex.import('1.reg', Array.from(postings.registered) as unknown as string);
    index.flex.import('1.map', entries as unknown as string);
    return index;
  }

  /** Serialises the index as FlexSearch's export chunks. */
  async exportChunks(): Promise<[string, string][]> {
    const chunks: [string, string][] = [];
    await this.flex.export((key: string, data: string) => {
      chunks.push([key, data]);
    });
    return chunks;
  }

}
