// The audit trail's filters from the address (GET), and the messages people see.
import { isIsoDate } from "../../domain/dates.ts";
import { hasDescription } from "./audit.presenter.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditQuery {
  tab: "activity" | "sign-ins";
  person: string;
  action: string;
  caseId: string;
  from: { day: string; month: string; year: string };
  to: { day: string; month: string; year: string };
  page: number;
}

export interface ParsedAuditQuery {
  query: AuditQuery;
  /** The filters that passed their checks, ready for the repository. */
  filter: { actorId?: string; action?: string; caseId?: string; from?: string; to?: string };
  errors: { text: string; href: string }[];
}

const one = (value: unknown): string => (typeof value === "string" ? value.trim().slice(0, 100) : "");

function dateFrom(parts: { day: string; month: string; year: string }): string | undefined | "invalid" {
  if (!parts.day && !parts.month && !parts.year) return undefined;
  const iso = `${parts.year.padStart(4, "0")}-${parts.month.padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isIsoDate(iso) ? iso : "invalid";
}

export function parseAuditQuery(raw: Record<string, unknown>): ParsedAuditQuery {
  const part = (name: string) => one(Object.hasOwn(raw, name) ? raw[name] : undefined);
  const query: AuditQuery = {
    tab: part("tab") === "sign-ins" ? "sign-ins" : "activity",
    person: part("person"),
    action: part("action"),
    caseId: part("case"),
    from: { day: part("from-day"), month: part("from-month"), year: part("from-year") },
    to: { day: part("to-day"), month: part("to-month"), year: part("to-year") },
    page: Math.min(Math.max(1, Number.parseInt(part("page"), 10) || 1), 100_000),
  };
  const errors: ParsedAuditQuery["errors"] = [];
  const filter: ParsedAuditQuery["filter"] = {};
  if (query.person) {
    if (UUID.test(query.person)) filter.actorId = query.person;
    else errors.push({ text: "Choose a person from the list", href: "#person" });
  }
  if (query.action) {
    if (hasDescription(query.action)) filter.action = query.action;
    else errors.push({ text: "Choose what happened from the list", href: "#action" });
  }
  if (query.caseId) {
    if (UUID.test(query.caseId)) filter.caseId = query.caseId.toLowerCase();
    else errors.push({ text: "Enter the child's case reference as it appears in the case's address, like 0b5d…-…", href: "#case" });
  }
  const from = dateFrom(query.from);
  const to = dateFrom(query.to);
  if (from === "invalid") errors.push({ text: "The date from must be a real date, like 9 3 2026", href: "#from-day" });
  else if (from) filter.from = from;
  if (to === "invalid") errors.push({ text: "The date to must be a real date, like 9 3 2026", href: "#to-day" });
  else if (to) filter.to = to;
  if (filter.from && filter.to && filter.from > filter.to) {
    errors.push({ text: "The date to must be the same as or after the date from", href: "#to-day" });
    delete filter.to;
  }
  return { query, filter, errors };
}

/** The query string for the same filters on another page (or the CSV). */
export function queryString(query: AuditQuery, changes: Partial<Record<string, string | number>> = {}): string {
  const values: Record<string, string> = {
    tab: query.tab === "sign-ins" ? "sign-ins" : "",
    person: query.person,
    action: query.action,
    case: query.caseId,
    "from-day": query.from.day,
    "from-month": query.from.month,
    "from-year": query.from.year,
    "to-day": query.to.day,
    "to-month": query.to.month,
    "to-year": query.to.year,
    page: query.page > 1 ? String(query.page) : "",
  };
  for (const [key, value] of Object.entries(changes)) values[key] = value === undefined ? "" : String(value);
  const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ""));
  const text = params.toString();
  return text ? `?${text}` : "";
}
