// The search form: works as a plain GET form, and with htmx searches as you type.
import type { SearchForm } from './types.ts';

/** The labelled search box inside a <search> landmark, with the syntax help and options. */
export function SearchBox({ form, autofocus }: { form: SearchForm; autofocus?: boolean }) {
  const htmx = {
    'hx-get': '/search',
    'hx-target': '#results',
    'hx-push-url': 'true',
    'hx-indicator': '#searching',
  };
  return (
    <search>
      <form action="/search" method="get" class="search-form" {...htmx}>
        <label for="q" class="search-label">
          搜索报道段落
        </label>
        <div class="search-row">
          <input
            id="q"
            name="q"
            type="search"
            value={form.q}
            maxlength={1000}
            autocomplete="off"
            autofocus={autofocus}
            aria-describedby="syntax"
            {...htmx}
            hx-trigger="input changed delay:350ms, search"
            hx-include="closest form"
          />
          <button type="submit">搜索</button>
          <span id="searching" class="htmx-indicator" aria-hidden="true">
            正在检索…
          </span>
        </div>
        <p id="syntax" class="syntax">
          空格分隔表示同时包含；<code>"完整短语"</code>；<code>-排除词</code>；
          <code>武汉 OR 孝感</code>；<code>source:央视</code>；<code>title:疫情</code>；
          <code>from:2020-01-01</code> <code>to:2020-03-31</code>；也可输入拼音，如{' '}
          <code>qijiang</code>。
        </p>
        <details
          class="options"
          open={Boolean(form.source || form.from || form.to || form.sort === 'date')}
        >
          <summary>筛选与排序</summary>
          <div class="option-grid">
            <label>
              来源包含
              <input name="source" type="text" value={form.source ?? ''} maxlength={200} />
            </label>
            <label>
              起始日期
              <input name="from" type="date" value={form.from ?? ''} />
            </label>
            <label>
              截止日期
              <input name="to" type="date" value={form.to ?? ''} />
            </label>
            <label>
              排序
              <select name="sort">
                <option value="relevance" selected={form.sort === 'relevance'}>
                  相关度
                </option>
                <option value="date" selected={form.sort === 'date'}>
                  日期（新→旧）
                </option>
              </select>
            </label>
          </div>
        </details>
      </form>
    </search>
  );
}
