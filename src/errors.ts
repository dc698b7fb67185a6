// Error classes of baoku; each names the offending value and keeps the cause.

/** Base class: every baoku error carries a short code for the HTTP and CLI layers. */
export class BaokuError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A corpus file could not be decoded or parsed. */
export class CorpusError extends BaokuError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`baoku: cannot read ${file}: ${reason}`, options);
  }
}

/** Two reports share one id. */
export class DuplicateReportError extends BaokuError {
  constructor(
    readonly id: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(`baoku: duplicate report id ${JSON.stringify(id)} in ${first} and ${second}`);
  }
}

/** No index has been built where one was expected. */
export class IndexMissingError extends BaokuError {
  constructor(readonly dir: string) {
    super(`baoku: no index in ${dir}; build one with \`npm run index\` (baoku index)`);
  }
}

/** The saved index was built by another version or segmenter, or is damaged. */
export class IndexMismatchError extends BaokuError {
  constructor(
    readonly dir: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `baoku: the index in ${dir} cannot be used: ${reason}; rebuild it with \`npm run index -- --force\``,
      options,
    );
  }
}

/** A query that cannot be read. */
export class QueryError extends BaokuError {}

/** A bad command-line flag or configuration value. */
export class UsageError extends BaokuError {}

/** A worker of `baoku serve --processes n` could not start serving; the message is its reason. */
export class WorkerStartError extends BaokuError {
  constructor(
    readonly pid: number | undefined,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}
