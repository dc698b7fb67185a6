// The web app: createApp({ getArchive, options }) → Hono app with every route, error page and header.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { formatQuoteWithCitation, toBibtex, toCslJson, toRis } from '../cite/index.ts';
import { BaokuError, QueryError } from '../errors.ts';
import type { ArchiveStore } from '../index/archive.ts';
import { parseQuery } from '../search/query.ts';
import { search, type SearchResult } from '../search/search.ts';
import { findHitRanges, spansOf } from '../search/snippet.ts';
import type { ReportMeta } from '../types.ts';
import { ErrorFragment, ErrorPage } from '../../views/ErrorPage.tsx';
import { Context as ContextView, ParagraphPage } from '../../views/ParagraphPage.tsx';
import { ReportPage } from '../../views/ReportPage.tsx';
import { ResultsFragment } from '../../views/Results.tsx';
import { SearchPage } from '../../views/SearchPage.tsx';
import type { ParagraphView, ResultsView, SearchForm } from '../../views/types.ts';
import { openSearchXml } from '../../views/OpenSearch.tsx';
import { citationsOf, paragraphPath, reportPath, toApiResult, type LinkContext } from './api.tsx';
import { apiSearchParams, pageSearchParams, readParams } from './params.ts';
import { buildResultsView, searchHref } from './results.ts';

/** What the app serves from and how it behaves. */
export interface AppOptions {
  /** The archive to answer from; called per request, so a re-index can swap it. */
  getArchive: () => ArchiveStore;
  /** Facts about the live index for `/healthz`. */
  getIndexInfo?: () => Record<string, unknown>;
  /** Write queries to the request log (off by default). */
  logQueries?: boolean;
  /** Where request log lines go; nowhere when absent. */
  log?: (line: string) => void;
  /** Today's date for citations (tests fix it). */
  today?: () => string;
}

const require = createRequire(import.meta.url);
const STATIC: Record<string, { body: string; type: string }> = {
  '/static/htmx.min.js': {
    body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  '/static/baoku.js': {
    body: readFileSync(new URL('./static/baoku.js', import.meta.url), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  '/static/style.css': {
    body: readFileSync(new URL('./static/style.css', import.meta.url), 'utf8'),
    type: 'text/css; charset=utf-8',
  },
};

/** How many paragraphs around the cited one the paragraph page shows at first. */
const CONTEXT_RADIUS = 2;
const MAX_CONTEXT_RADIUS = 200;

function isHtmx(c: Context): boolean {
  return c.req.header('HX-Request') === 'true';
}

/**
 * JSON with `<`, `>`, `&` and the JavaScript line separators as \u escapes: the same data to any
 * JSON parser, but corpus or query text such as `<script>` never appears as markup in the body.
 */
function jsonText(data: unknown, indent?: number): string {
  let text = JSON.stringify(data, null, indent);
  // One native pass a character: a regular expression with a callback per match took as long as
  // JSON.stringify itself on a page of hits (every snippet's <mark> is a match).
  for (const [char, escape] of JSON_ESCAPES) text = text.replaceAll(char, escape);
  return text;
}

const JSON_ESCAPES = [
  ['<', '\\u003c'],
  ['>', '\\u003e'],
  ['&', '\\u0026'],
  ['\u2028', '\\u2028'],
  ['\u2029', '\\u2029'],
] as const;

function sendJson(c: Context, data: unknown, status: 200 | 400 | 404 | 500 = 200) {
  c.header('Content-Type', 'application/json; charset=utf-8');
  // Encoded once: a string body is measured for its Content-Length, then encoded to be sent.
  return c.body(Buffer.from(jsonText(data)), status);
}

function isApi(c: Context): boolean {
  return new URL(c.req.url).pathname.startsWith('/api/');
}

/** A thrown error that maps to an HTTP status. */
class HttpError extends BaokuError {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

function statusOf(error: unknown): 400 | 404 | 500 {
  if (error instanceof HttpError) return error.status;
  if (error instanceof QueryError) return 400;
  return 500;
}

/** Builds the baoku web app. */
export function createApp(options: AppOptions) {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    if (!options.log) return;
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (options.logQueries) {
      const q = c.req.query('q');
      // Enough to see what was asked, not 10,000 characters a line.
      if (q !== undefined) line.q = q.length > 200 ? `${q.slice(0, 200)}…` : q;
    }
    options.log(JSON.stringify(line));
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      xContentTypeOptions: 'nosniff',
      crossOriginEmbedderPolicy: false,
    }),
  );

  const links = (c: Context): LinkContext => ({
    baseUrl: new URL(c.req.url).origin,
    accessed: today(),
  });

  const summary = () => {
    const stats = options.getArchive().stats;
    return {
      reports: stats.reports,
      paragraphs: stats.paragraphs,
      ...(stats.firstDate ? { firstDate: stats.firstDate } : {}),
      ...(stats.lastDate ? { lastDate: stats.lastDate } : {}),
    };
  };

  app.get('/', (c) => {
    const form: SearchForm = { q: '', sort: 'relevance' };
    return c.html(<SearchPage form={form} summary={summary()} view={null} />);
  });

  app.get('/search', (c) => {
    c.header('Vary', 'HX-Request');
    // Until the parameters are read, the form shows what was sent (bounded), so that a refused
    // value can be corrected in place instead of typed again.
    const sent = (name: string, max: number) =>
      c.req.query(name)?.trim().slice(0, max) || undefined;
    let form: SearchForm = {
      q: c.req.query('q')?.slice(0, 1000) ?? '',
      sort: c.req.query('sort') === 'date' ? 'date' : 'relevance',
      ...(sent('source', 200) ? { source: sent('source', 200)! } : {}),
      ...(sent('title', 200) ? { title: sent('title', 200)! } : {}),
      ...(sent('from', 10) ? { from: sent('from', 10)! } : {}),
      ...(sent('to', 10) ? { to: sent('to', 10)! } : {}),
    };
    let view: ResultsView;
    let status: 200 | 400 = 200;
    let page = 1;
    try {
      const params = readParams(pageSearchParams, c.req.query());
      form = {
        q: params.q,
        sort: params.sort,
        ...(params.source ? { source: params.source } : {}),
        ...(params.title ? { title: params.title } : {}),
        ...(params.from ? { from: params.from } : {}),
        ...(params.to ? { to: params.to } : {}),
      };
      page = params.page;
      const limit = 20;
      const result = search(options.getArchive(), params.q, {
        offset: (params.page - 1) * limit,
        limit,
        sort: params.sort,
        filters: {
          ...(params.source ? { source: params.source } : {}),
          ...(params.title ? { title: params.title } : {}),
          ...(params.from ? { from: params.from } : {}),
          ...(params.to ? { to: params.to } : {}),
        },
      });
      view = buildResultsView(result, form, params.page, limit);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      status = 400;
      view = errorView(form, error.message);
    }
    if (isHtmx(c)) {
      c.header('HX-Push-Url', searchHref(form, page));
      return c.html(<ResultsFragment view={view} />, status);
    }
    return c.html(<SearchPage form={form} summary={summary()} view={view} />, status);
  });

  app.get('/api/search', (c) => {
    const params = readParams(apiSearchParams, c.req.query());
    const result: SearchResult = search(options.getArchive(), params.q, {
      offset: params.offset,
      limit: params.limit,
      sort: params.sort,
      filters: {
        ...(params.source ? { source: params.source } : {}),
        ...(params.title ? { title: params.title } : {}),
        ...(params.from ? { from: params.from } : {}),
        ...(params.to ? { to: params.to } : {}),
      },
    });
    return sendJson(c, toApiResult(result, links(c)));
  });

  const findReport = (archive: ArchiveStore, id: string) => {
    const index = archive.reportIndexOf(id);
    if (index === undefined) {
      // Controls (a NUL from `%00`) are not text a reader can see; show them as U+FFFD.
      const shown = id.slice(0, 200).replace(/\p{Cc}/gu, '\uFFFD');
      throw new HttpError(404, `没有编号为“${shown}”的报道。`);
    }
    return index;
  };

  const paragraphViews = (
    archive: ArchiveStore,
    reportIndex: number,
    literals: string[],
    from: number,
    to: number,
  ) => {
    const { first, count } = archive.paragraphRange(reportIndex);
    const views: ParagraphView[] = [];
    for (let n = Math.max(1, from); n <= Math.min(count, to); n++) {
      const id = first + n - 1;
      const paragraph = archive.paragraph(id);
      const ranges =
        literals.length > 0 ? findHitRanges(paragraph.text, literals, archive.normOf(id)) : [];
      views.push({
        n,
        kind: paragraph.kind,
        spans: spansOf(paragraph.text, ranges),
        href: `#p${n}`,
        ...(paragraph.credit ? { credit: paragraph.credit } : {}),
        ...(paragraph.heading ? { heading: paragraph.heading } : {}),
      });
    }
    return views;
  };

  const literalsOf = (q: string): string[] => {
    if (!q) return [];
    try {
      return parseQuery(q)
        .clauses.flat()
        .map((term) => term.norm);
    } catch {
      return [];
    }
  };

  app.get('/r/:id', (c) => {
    const archive = options.getArchive();
    const reportIndex = findReport(archive, c.req.param('id'));
    const report = archive.report(reportIndex);
    const q = (c.req.query('q') ?? '').slice(0, 1000);
    const paragraphs = paragraphViews(
      archive,
      reportIndex,
      literalsOf(q),
      1,
      Number.MAX_SAFE_INTEGER,
    );
    const backHref = q ? searchHref({ q, sort: 'relevance' }) : null;
    return c.html(
      <ReportPage report={report} paragraphs={paragraphs} query={q} backHref={backHref} />,
    );
  });

  app.get('/p/:id/:n', (c) => {
    c.header('Vary', 'HX-Request');
    const archive = options.getArchive();
    const reportIndex = findReport(archive, c.req.param('id'));
    const report = archive.report(reportIndex);
    const { count } = archive.paragraphRange(reportIndex);
    const nText = c.req.param('n');
    const n = /^\d{1,9}$/.test(nText) ? Number(nText) : NaN;
    if (!(n >= 1 && n <= count)) {
      throw new HttpError(404, `这篇报道没有第 ${nText.slice(0, 20)} 段（共 ${count} 段）。`);
    }
    const radiusText = c.req.query('radius');
    const radius =
      radiusText && /^\d{1,4}$/.test(radiusText)
        ? Math.min(MAX_CONTEXT_RADIUS, Number(radiusText))
        : CONTEXT_RADIUS;
    const reportHref = reportPath(report.id);
    const toReport = (view: ParagraphView): ParagraphView => ({
      ...view,
      href: `${reportHref}#p${view.n}`,
    });
    const [target] = paragraphViews(archive, reportIndex, [], n, n).map(toReport);
    const before = paragraphViews(archive, reportIndex, [], n - radius, n - 1).map(toReport);
    const after = paragraphViews(archive, reportIndex, [], n + 1, n + radius).map(toReport);
    const moreHref =
      n - radius > 1 || n + radius < count
        ? `${paragraphPath(report.id, n)}?radius=${Math.min(MAX_CONTEXT_RADIUS, radius + 5)}`
        : null;
    if (isHtmx(c)) {
      return c.html(
        <ContextView before={before} after={after} target={target!} moreHref={moreHref} />,
      );
    }
    const context = links(c);
    const citations = citationsOf(report, n, context);
    const permalink = `${context.baseUrl}${paragraphPath(report.id, n)}`;
    const paragraphText = archive.paragraph(archive.paragraphRange(reportIndex).first + n - 1).text;
    return c.html(
      <ParagraphPage
        report={report}
        target={target!}
        before={before}
        after={after}
        moreHref={moreHref}
        reportHref={reportHref}
        citations={{
          gbt7714: citations.gbt7714,
          gbt7714Online: citations.gbt7714_online,
          apa: citations.apa,
          mla: citations.mla,
          quote: formatQuoteWithCitation(paragraphText, report, {
            permalink,
            accessed: context.accessed,
            paragraph: n,
          }),
          missing: [
            ...(report.source ? [] : ['来源']),
            ...(report.date ? [] : ['日期']),
            ...(report.title ? [] : ['题名']),
          ],
          downloads: [
            { href: `${reportHref}/cite.ris`, label: 'RIS' },
            { href: `${reportHref}/cite.bib`, label: 'BibTeX' },
            { href: `${reportHref}/cite.json`, label: 'CSL-JSON' },
          ],
        }}
      />,
    );
  });

  const download = (
    c: Context,
    report: ReportMeta,
    extension: string,
    type: string,
    body: string,
  ) => {
    const name = `${report.id.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'report'}.${extension}`;
    // RFC 6266: an ASCII fallback, and the id's own characters (武汉…) as UTF-8 in filename*.
    const fullName = `${report.id.replace(/[\p{Cc}/\\:*?"<>|]+/gu, '_').slice(0, 100)}.${extension}`;
    const encoded = encodeURIComponent(fullName).replace(
      /['()*]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encoded}`);
    return c.body(body);
  };

  app.get('/r/:id/cite.:format{ris|bib|json}', (c) => {
    const archive = options.getArchive();
    const report = archive.report(findReport(archive, c.req.param('id')));
    const context = links(c);
    const cite = {
      permalink: `${context.baseUrl}${reportPath(report.id)}`,
      accessed: context.accessed,
    };
    const format = c.req.param('format');
    if (format === 'ris')
      return download(
        c,
        report,
        'ris',
        'application/x-research-info-systems; charset=utf-8',
        toRis(report, cite),
      );
    if (format === 'bib')
      return download(
        c,
        report,
        'bib',
        'application/x-bibtex; charset=utf-8',
        toBibtex(report, cite),
      );
    return download(
      c,
      report,
      'json',
      'application/vnd.citationstyles.csl+json; charset=utf-8',
      jsonText([toCslJson(report, cite)], 2),
    );
  });

  app.get('/api/reports/:id', (c) => {
    const archive = options.getArchive();
    const reportIndex = findReport(archive, c.req.param('id'));
    const report = archive.report(reportIndex);
    const { first, count } = archive.paragraphRange(reportIndex);
    const paragraphs = [];
    for (let i = 0; i < count; i++) {
      const p = archive.paragraph(first + i);
      paragraphs.push({
        n: p.n,
        kind: p.kind,
        text: p.text,
        ...(p.heading ? { heading: p.heading } : {}),
        ...(p.credit ? { credit: p.credit } : {}),
        url: `${links(c).baseUrl}${paragraphPath(report.id, p.n)}`,
      });
    }
    // `origin` is the corpus file the report was read from: a detail of this server, not of the report.
    const meta: Partial<ReportMeta> = { ...report };
    delete meta.origin;
    return sendJson(c, {
      ...meta,
      url: report.url ?? null,
      permalink: `${links(c).baseUrl}${reportPath(report.id)}`,
      paragraphs,
    });
  });

  app.get('/opensearch.xml', (c) => {
    c.header('Content-Type', 'application/opensearchdescription+xml; charset=utf-8');
    return c.body(String(openSearchXml(new URL(c.req.url).origin)));
  });

  app.get('/healthz', (c) => {
    const stats = options.getArchive().stats;
    return sendJson(c, {
      status: 'ok',
      reports: stats.reports,
      paragraphs: stats.paragraphs,
      ...(options.getIndexInfo?.() ?? {}),
    });
  });

  app.get('/static/*', (c) => {
    const asset = STATIC[new URL(c.req.url).pathname];
    if (!asset) throw new HttpError(404, '没有这个文件。');
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(asset.body);
  });

  app.notFound((c) => {
    if (isApi(c)) return sendJson(c, { error: '没有这个接口。' }, 404);
    return c.html(<ErrorPage status={404} message="这个地址没有内容。" />, 404);
  });

  app.onError((error, c) => {
    const status = statusOf(error);
    const message =
      status === 500
        ? '服务器内部出错，已记录。请稍后再试。'
        : error.message.replace(/^baoku: /, '');
    if (status === 500) console.error(error);
    if (isApi(c)) return sendJson(c, { error: message }, status);
    if (isHtmx(c)) return c.html(<ErrorFragment message={message} />, status);
    return c.html(<ErrorPage status={status} message={message} />, status);
  });

  return app;
}

function errorView(form: SearchForm, message: string): ResultsView {
  return {
    form,
    total: 0,
    exactTotal: 0,
    titleTotal: 0,
    relatedTotal: 0,
    titles: { total: 0, related: 0, hits: [], allHref: null },
    near: [],
    reports: 0,
    terms: [],
    excluded: [],
    notices: [],
    error: message,
    hits: [],
    firstIndex: 1,
    facets: { source: [], year: [] },
    pager: null,
    tookMs: 0,
  };
}
