// The home page and the results page: the same search box, the results region below.
import { Layout } from './Layout.tsx';
import { Results, Status } from './Results.tsx';
import { SearchBox } from './SearchBox.tsx';
import type { ArchiveSummary, ResultsView, SearchForm } from './types.ts';

function Size({ summary }: { summary: ArchiveSummary }) {
  const span =
    summary.firstDate && summary.lastDate
      ? `，时间跨度 ${summary.firstDate} 至 ${summary.lastDate}`
      : '';
  return (
    <p class="archive-size">
      收录 {summary.reports.toLocaleString('en')} 篇报道、{summary.paragraphs.toLocaleString('en')}{' '}
      个段落{span}。
    </p>
  );
}

/** `/` and `/search`: the search box, and results when there is a query. */
export function SearchPage(props: {
  form: SearchForm;
  summary: ArchiveSummary;
  view: ResultsView | null;
}) {
  const q = props.form.q.trim();
  const title = q ? `${q} - 报库检索` : '报库 - 新闻报道检索';
  return (
    <Layout title={title}>
      <SearchBox form={props.form} autofocus={!props.view || q === ''} />
      <Size summary={props.summary} />
      <Status view={props.view} />
      <div id="results" class="results">
        {props.view ? <Results view={props.view} /> : null}
      </div>
    </Layout>
  );
}
