// The citation layer's public face: formatted entries (GB/T 7714, APA, MLA) and exports (RIS, BibTeX, CSL-JSON).
import { apaOf } from './apa.ts';
import { gbt7714Of, gbt7714OnlineOf } from './gbt7714.ts';
import { readCitable, type CiteOptions } from './medium.ts';
import { mlaOf } from './mla.ts';
import type { ReportMeta } from '../types.ts';

export { inferMedium, type CiteOptions, type Medium } from './medium.ts';
export { formatGbt7714, formatGbt7714Online, formatQuoteWithCitation } from './gbt7714.ts';
export { formatApa } from './apa.ts';
export { formatMla } from './mla.ts';
export { toBibtex, toCslJson, toRis, type CslDate, type CslItem } from './export.ts';

/**
 * Every entry baoku offers for one citation, the report read once: the same as
 * `formatGbt7714`, `formatGbt7714Online`, `formatApa` and `formatMla` called one by one.
 */
export function formatAll(report: ReportMeta, opts: CiteOptions) {
  const citable = readCitable(report, opts);
  return {
    gbt7714: gbt7714Of(citable, opts),
    gbt7714Online: gbt7714OnlineOf(citable, opts),
    apa: apaOf(citable),
    mla: mlaOf(citable, opts),
  };
}
