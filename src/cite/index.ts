// The citation layer's public face: formatted entries (GB/T 7714, APA, MLA) and exports (RIS, BibTeX, CSL-JSON).
export { inferMedium, type CiteOptions, type Medium } from './medium.ts';
export { formatGbt7714, formatGbt7714Online, formatQuoteWithCitation } from './gbt7714.ts';
export { formatApa } from './apa.ts';
export { formatMla } from './mla.ts';
export { toBibtex, toCslJson, toRis, type CslDate, type CslItem } from './export.ts';
