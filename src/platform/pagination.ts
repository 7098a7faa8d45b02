// Pages of a list, for list pages and list APIs alike (issue 12: a 100,000-row plan made
// /plans/actions 92 MB of HTML). `page` counts from 1; `pageSize` has a default and a maximum.
// Pages are lenient (a bad or too-large number shows the nearest page); the API says what is wrong.
import { InvalidInput } from "./errors.ts";

export interface Paging {
  page: number;
  pageSize: number;
}

export interface PageOf<T> extends Paging {
  items: T[];
  total: number;
}

export interface PagingRules {
  defaultSize: number;
  maxSize: number;
}

const whole = (value: unknown): number | undefined => {
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
};

/** For pages: any `page` or `pageSize` becomes a usable one. */
export function pagingOf(query: Record<string, unknown>, rules: PagingRules): Paging {
  const page = Math.max(1, whole(query.page) ?? 1);
  const pageSize = Math.min(rules.maxSize, Math.max(1, whole(query.pageSize) ?? rules.defaultSize));
  return { page, pageSize };
}

/** For the API: `page` and `pageSize` must be whole numbers in range, or the request is refused (400). */
export function strictPagingOf(query: Record<string, unknown>, rules: PagingRules): Paging {
  const problems: { field: string; message: string }[] = [];
  const page = query.page === undefined ? 1 : whole(query.page);
  if (page === undefined || page < 1) problems.push({ field: "page", message: "page must be a whole number from 1" });
  const pageSize = query.pageSize === undefined ? rules.defaultSize : whole(query.pageSize);
  if (pageSize === undefined || pageSize < 1 || pageSize > rules.maxSize)
    problems.push({ field: "pageSize", message: `pageSize must be a whole number from 1 to ${rules.maxSize}` });
  if (problems.length) throw new InvalidInput(problems);
  return { page: page as number, pageSize: pageSize as number };
}

/** The page's share of a list already in memory. */
export function pageOf<T>(all: readonly T[], paging: Paging): PageOf<T> {
  const start = (paging.page - 1) * paging.pageSize;
  return { items: all.slice(start, start + paging.pageSize), page: paging.page, pageSize: paging.pageSize, total: all.length };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The GOV.UK pagination component's parameters: previous and next, the first and last pages, the
 * current page and its neighbours, with ellipses between. `hrefFor` keeps the list's filters.
 */
export function paginationView(page: number, total: number, pageSize: number, hrefFor: (page: number) => string) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Record<string, unknown>[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - (shown[i - 1] as number) > 1) items.push({ ellipsis: true });
    items.push({ number: String(n), href: hrefFor(n), current: n === page });
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: hrefFor(page - 1) } } : {}),
    ...(page < pages ? { next: { href: hrefFor(page + 1) } } : {}),
    landmarkLabel: "Pages",
  };
}

/** A link to another page of the same list, keeping its other query parameters. */
export function hrefWithPage(path: string, query: Record<string, unknown>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === "page") continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string" && v !== "") params.append(key, v);
  }
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
