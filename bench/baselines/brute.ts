// Baseline 1: a plain scan, String.prototype.includes over every normalised paragraph.
import type { ArchiveStore } from '../../src/index/archive.ts';
import { countOccurrences } from '../../src/search/rank.ts';
import { normalizeForMatch } from '../../src/text/normalize.ts';
import { allowedReports, type Engine, type PreparedQuery, type QueryAnswer } from './prepared.ts';

const LIMIT = 20;

/** The scan's "index": every paragraph normalised once, and its report. */
export interface BruteIndex {
  norms: string[];
  reportOf: Uint32Array;
}

/** Normalises every paragraph of the archive (the scan's only build step). */
export function buildBruteIndex(store: ArchiveStore): BruteIndex {
  const norms = new Array<string>(store.paragraphCount);
  const reportOf = new Uint32Array(store.paragraphCount);
  for (let id = 0; id < store.paragraphCount; id++) {
    norms[id] = normalizeForMatch(store.paragraph(id).text);
    reportOf[id] = store.reportOfParagraph(id);
  }
  return { norms, reportOf };
}

/** Answers by scanning: a paragraph matches when every clause has a literal in it; ranked by occurrences. */
export function bruteEngine(store: ArchiveStore, index: BruteIndex): Engine {
  return {
    name: 'brute force',
    answer(_query: string, prepared: PreparedQuery): QueryAnswer {
      const allowed = allowedReports(store, prepared.filters);
      const { norms, reportOf } = index;
      // The top 20 so far, best first: higher count, then lower id.
      const topIds: number[] = [];
      const topScores: number[] = [];
      let total = 0;
      for (let id = 0; id < norms.length; id++) {
        if (allowed !== null && allowed[reportOf[id]!] !== 1) continue;
        const text = norms[id]!;
        let matches = true;
        for (const clause of prepared.clauses) {
          if (!clause.some((literal) => text.includes(literal))) {
            matches = false;
            break;
          }
        }
        if (!matches) continue;
        total++;
        let score = 0;
        for (const clause of prepared.clauses) {
          for (const literal of clause) score += countOccurrences(text, literal);
        }
        if (topIds.length === LIMIT && score <= topScores[LIMIT - 1]!) continue;
        let at = topIds.length;
        while (at > 0 && topScores[at - 1]! < score) at--;
        topIds.splice(at, 0, id);
        topScores.splice(at, 0, score);
        if (topIds.length > LIMIT) {
          topIds.pop();
          topScores.pop();
        }
      }
      return { total, top: topIds };
    },
  };
}
