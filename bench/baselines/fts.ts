// Baselines 2 and 3: SQLite FTS5 with the trigram tokenizer, and FTS5 unicode61 over character bigrams.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ArchiveStore } from '../../src/index/archive.ts';
import {
  dateBound,
  dateSpan,
  type Engine,
  type PreparedQuery,
  type QueryAnswer,
} from './prepared.ts';

const LIMIT = 20;

/** How one FTS5 baseline stores paragraphs and turns a literal into a MATCH expression. */
interface Scheme {
  name: string;
  /** Tokenizer and other options of the FTS5 table `p(body, source, first, last)`. */
  tableOptions: string;
  /** What is stored in `body` for a normalised paragraph. */
  body(norm: string): string;
  /** The MATCH expression of a literal, or null when it must be found with LIKE. */
  match(literal: string): string | null;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Trigram tokenizer over the normalised text. Terms of three or more characters are trigram
 * phrases (exact substrings, ranked by bm25); shorter ones cannot be looked up and fall back to
 * LIKE, which scans every row.
 */
export const TRIGRAM: Scheme = {
  name: 'FTS5 trigram',
  tableOptions: `tokenize = 'trigram'`,
  body: (norm) => norm,
  match: (literal) => (literal.length >= 3 ? phrase(literal) : null),
};

/** The text as its overlapping character bigrams (the last unit alone), separated by spaces. */
export function toBigrams(norm: string): string {
  const grams: string[] = [];
  for (let i = 0; i < norm.length; i++) grams.push(norm.slice(i, i + 2));
  return grams.join(' ');
}

/**
 * unicode61 over character bigrams: every position of the text starts one token, so a term of n ≥ 2
 * characters is the phrase of its n−1 bigrams and a single character is the prefix query `"x"*`
 * (served by a one-character prefix index).
 */
export const BIGRAM: Scheme = {
  name: 'FTS5 bigram',
  tableOptions: `tokenize = 'unicode61 remove_diacritics 0', prefix = '1'`,
  body: toBigrams,
  match: (literal) => {
    if (literal.length === 1) return `${phrase(literal)}*`;
    const grams: string[] = [];
    for (let i = 0; i + 1 < literal.length; i++) grams.push(literal.slice(i, i + 2));
    return phrase(grams.join(' '));
  },
};

/** A built FTS5 baseline: its database file and how long building took. */
export interface FtsBaseline {
  engine: Engine;
  buildMs: number;
  bytes: number;
  close(): void;
}

/** Builds the FTS5 table of every paragraph into `file` and returns the engine that queries it. */
export function buildFts(scheme: Scheme, store: ArchiveStore, file: string): FtsBaseline {
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // The report's normalised source and the first and last day its date may stand for (YYYYMMDD).
  db.exec(
    `CREATE VIRTUAL TABLE p USING fts5(body, source UNINDEXED, first UNINDEXED, last UNINDEXED, ${scheme.tableOptions})`,
  );
  const insert = db.prepare(
    'INSERT INTO p(rowid, body, source, first, last) VALUES (?, ?, ?, ?, ?)',
  );
  const { facts } = store;
  db.transaction(() => {
    for (let id = 0; id < store.paragraphCount; id++) {
      const r = store.reportOfParagraph(id);
      const [first, last] = dateSpan(facts.dateKeys[r]!);
      insert.run(id, scheme.body(store.normOf(id)), facts.sources[r]!, first, last);
    }
  })();
  db.exec(`INSERT INTO p(p) VALUES ('optimize')`);
  const buildMs = performance.now() - started;
  const bytes = statSync(file).size;
  // Queries may use as much memory as baoku's in-memory archive does.
  db.pragma('mmap_size = 17179869184');
  db.pragma('cache_size = -1048576');

  const statements = new Map<string, ReturnType<typeof db.prepare<{ id: number; n: number }>>>();
  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) statements.set(sql, (prepared = db.prepare<{ id: number; n: number }>(sql)));
    return prepared;
  };

  const engine: Engine = {
    name: scheme.name,
    answer(_query: string, prepared: PreparedQuery): QueryAnswer {
      const matches: string[] = [];
      const conditions: string[] = [];
      const likeLiterals: string[] = [];
      for (const clause of prepared.clauses) {
        const expressions = clause.map((literal) => scheme.match(literal));
        if (expressions.every((e) => e !== null)) {
          matches.push(
            expressions.length === 1 ? expressions[0]! : `(${expressions.join(' OR ')})`,
          );
        } else {
          conditions.push(
            `(${clause.map((literal) => `body LIKE ${quote(`%${literal}%`)}`).join(' OR ')})`,
          );
          likeLiterals.push(...clause);
        }
      }
      if (matches.length > 0) conditions.unshift(`p MATCH ${quote(matches.join(' AND '))}`);
      const { source, from, to } = prepared.filters;
      if (source) conditions.push(`instr(source, ${quote(source)}) > 0`);
      if (from || to) conditions.push('first >= 0');
      if (from) conditions.push(`last >= ${dateBound(from, 0)}`);
      if (to) conditions.push(`first <= ${dateBound(to, 99)}`);
      const where = conditions.join(' AND ');
      // bm25 when FTS5 did the matching; otherwise, like the scan, the number of occurrences.
      const order =
        matches.length > 0
          ? 'rank'
          : `${likeLiterals
              .map((l) => `(length(body) - length(replace(body, ${quote(l)}, ''))) / ${l.length}`)
              .join(' + ')} DESC, rowid`;
      const top = statement(
        `SELECT rowid AS id FROM p WHERE ${where} ORDER BY ${order} LIMIT ${LIMIT}`,
      )
        .all()
        .map((row) => row.id);
      const total = statement(`SELECT count(*) AS n FROM p WHERE ${where}`).get()!.n;
      return { total, top };
    },
  };
  return { engine, buildMs, bytes, close: () => db.close() };
}
