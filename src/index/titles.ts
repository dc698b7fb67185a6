// The title index: gram postings over every report's normalised title, for title hits and near misses.
import { gramCandidates, type GramIndex } from './grams.ts';

/**
 * Reports whose normalised title contains a literal, found as paragraphs are: the title's grams
 * narrow the reports, a substring check makes it exact. The grams are built with the archive and
 * saved with it (made from the titles at start, they took longer than the rest of loading).
 */
export class TitleIndex {
  /** Checked lists of longer literals, by literal: a busy server asks for the same ones often. */
  private readonly checked = new Map<string, Uint32Array>();

  constructor(
    private readonly titles: readonly string[],
    private readonly grams: GramIndex,
  ) {}

  /** Ascending indices of the reports whose title contains `norm` (normalised, non-empty). */
  reportsWith(norm: string): Uint32Array {
    const { ids, exact } = gramCandidates(this.grams, norm);
    if (exact) return ids;
    let found = this.checked.get(norm);
    if (found === undefined) {
      found = ids.filter((r) => this.titles[r]!.includes(norm));
      if (this.checked.size >= MAX_CHECKED) this.checked.delete(this.checked.keys().next().value!);
      this.checked.set(norm, found);
    }
    return found;
  }
}

/** Checked lists kept at most (each as long as the reports holding the literal: small). */
const MAX_CHECKED = 4096;
