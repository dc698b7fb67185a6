// Error pages: what went wrong in words a reader understands, and a way back.
import { Layout } from './Layout.tsx';

/** A 400/404/500 page. */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title = status === 404 ? '找不到这个页面' : status === 400 ? '请求有误' : '出错了';
  return (
    <Layout title={`${title} - 报库`}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">回到检索首页</a>
        </p>
      </div>
    </Layout>
  );
}

/** The htmx fragment for an error inside the results region. */
export function ErrorFragment({ message }: { message: string }) {
  return (
    <div class="notice error">
      <p>{message}</p>
    </div>
  );
}
