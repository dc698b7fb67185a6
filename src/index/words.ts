// The jieba word index: FlexSearch over paragraphs whose words the segmenter produced.
import { Index } from 'flexsearch';

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

function splitWords(text: string): string[] {
  return text.split(WORD_SEPARATOR).filter((word) => word.length > 0);
}

/** A FlexSearch index mapping jieba words to paragraph ids. */
export class WordIndex {
  readonly flex: Index;

  constructor() {
    this.flex = new Index({ ...WORD_INDEX_OPTIONS, encode: splitWords });
  }

  /** Adds paragraph `id` with its distinct words. */
  add(id: number, words: readonly string[]): void {
    if (words.length > 0) this.flex.add(id, words.join(WORD_SEPARATOR));
  }

  /** Sorted ids of the paragraphs that hold every one of `words` as a jieba word. */
  withAllWords(words: readonly string[], paragraphCount: number): Uint32Array {
    if (words.length === 0) return new Uint32Array(0);
    const ids = this.flex.search(words.join(WORD_SEPARATOR), { limit: Math.max(1, paragraphCount) });
    return Uint32Array.from(ids as number[]).sort();
  }

  /** Serialises the index as FlexSearch's export chunks. */
  async exportChunks(): Promise<[string, string][]> {
    const chunks: [string, string][] = [];
    await this.flex.export((key: string, data: string) => {
      chunks.push([key, data]);
    });
    return chunks;
  }

  /** Recreates an index from {@link exportChunks} output. */
  static fromChunks(chunks: Iterable<[string, string]>): WordIndex {
    const index = new WordIndex();
    for (const [key, data] of chunks) index.flex.import(key, data);
    return index;
  }
}
