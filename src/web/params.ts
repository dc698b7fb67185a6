// Request parameters: validated with zod into plain values; a bad value is a readable 400.
import { z } from 'zod';
import { QueryError } from '../errors.ts';
import { readDate, MAX_QUERY_LENGTH } from '../search/query.ts';
import { MAX_LIMIT } from '../search/search.ts';

/** A parameter that cannot be used; the web layer answers 400 with its message. */
export class ParamError extends QueryError {}

const optionalText = (max: number, name: string) =>
  z
    .string()
    .max(max, `${name}太长（上限 ${max} 个字符）`)
    .optional()
    .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const optionalDate = (name: 'from' | 'to') =>
  optionalText(10, name === 'from' ? '起始日期' : '截止日期').transform((value, context) => {
    if (value === undefined) return undefined;
    // An issue rather than a throw, so a bad date is listed with the other bad parameters.
    try {
      return readDate(name, value);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
        context.addIssue({
          code: 'custom',
          message: `${name}必须是 ${min} 到 ${max} 之间的整数（收到 ${value.slice(0, 20)}）`,
        });
        return z.NEVER;
      }
      return n;
    });

const common = {
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, `查询太长（上限 ${MAX_QUERY_LENGTH} 个字符）`)
    .optional()
    .transform((v) => v ?? ''),
  source: optionalText(200, '来源'),
  title: optionalText(200, '标题'),
  from: optionalDate('from'),
  to: optionalDate('to'),
  sort: z
    .enum(['relevance', 'date'], { message: '排序只能是 relevance（相关度）或 date（日期）' })
    .optional()
    .transform((value) => value ?? 'relevance'),
};

/** `/search` parameters. */
export const pageSearchParams = z.object({ ...common, page: wholeNumber('页码', 1, 10_000, 1) });
/** `/api/search` parameters. */
export const apiSearchParams = z.object({
  ...common,
  limit: wholeNumber('limit ', 1, MAX_LIMIT, 20),
  offset: wholeNumber('offset ', 0, 1_000_000, 0),
});

/** Parses with a schema; an invalid value throws {@link ParamError} with every problem listed. */
export function readParams<T extends z.ZodType>(
  schema: T,
  input: Record<string, string>,
): z.output<T> {
  try {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw new ParamError(result.error.issues.map((issue) => issue.message).join('；'));
  } catch (error) {
    if (error instanceof QueryError) throw error;
    throw new ParamError('参数无效', { cause: error });
  }
}
