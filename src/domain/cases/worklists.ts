// Worklists (SPEC B6) and the register the Thurrock Written Statement of Action (2019) asks for ("the system at any
// time can produce" every child with a plan, where they are placed, their last and next review,
// the last welfare visit where one is needed, who is awaiting provision and who may be missing).
// Pure: the cases and "today" are parameters; every row says in words why it is there.

import type { WorkingDayCalendar } from "../bank-holidays.ts";
import { addDays, addMonths, daysBetween, formatDate, type IsoDate } from "../dates.ts";
import { academicYearOf } from "../school-year.ts";
import type { Closure } from "../statutory/input.ts";
import {
  type CaseDeadline,
  caseClock,
  currentPlacements,
  currentPlan,
  currentRequest,
  deadlineSentence,
  isOpen,
  monitoringVisitDue,
  openPeriodOn,
  requestInProgress,
  reviewsOf,
  settingInWords,
  type VisitDue,
} from "./case-clock.ts";
import { type AdviceService, type CaseRecord, SETTING_CODE_LABELS, SETTING_TYPE_LABELS, type SettingType } from "./types.ts";

export const WORKLISTS = [
  "my-cases",
  "due-soon",
  "overdue",
  "advice-outstanding",
  "reviews-this-month",
  "phase-transfers",
  "awaiting-provision",
  "missing-education",
  "visits-overdue",
] as const;
export type WorklistName = (typeof WORKLISTS)[number];

export const WORKLIST_TITLES: Readonly<Record<WorklistName, string>> = {
  "my-cases": "My cases",
  "due-soon": "Due in the next 14 days",
  overdue: "Overdue",
  "advice-outstanding": "Advice outstanding",
  "reviews-this-month": "Annual reviews due this month",
  "phase-transfers": "Phase transfers for the coming deadline",
  "awaiting-provision": "Awaiting provision",
  "missing-education": "May be missing education",
  "visits-overdue": "Monitoring visits overdue",
};

export interface WorklistRow {
  list: WorklistName;
  caseId: string;
  childName: string;
  caseworkerId: string;
  caseworkerName: string;
  /** Why the case is on the list, in a sentence. */
  reason: string;
  /** The date the row is sorted by: the deadline, or when the situation began. */
  date?: IsoDate;
  deadlineKey?: string;
  status?: string;
  /** Advice outstanding: the service asked. */
  service?: AdviceService;
}

export interface WorklistOptions {
  today: IsoDate;
  /** Only this caseworker's cases, and the "my cases" list. Without it: every case, for a manager. */
  caseworkerId?: string;
  /** "Due soon" means within this many days (default 14). */
  dueSoonDays?: number;
  calendar?: WorkingDayCalendar;
  closures?: readonly Closure[];
}

const fmt = formatDate;
// One fixed collation, so the order is the same on every machine.
const collator = new Intl.Collator("en-GB");
const compareText = (a: string, b: string) => collator.compare(a, b);
const compareIso = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function childName(record: CaseRecord): string {
  return `${record.child.firstName} ${record.child.lastName}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The calendar month of `today`: its first and last day. */
function monthOf(today: IsoDate): { first: IsoDate; last: IsoDate } {
  const first = `${today.slice(0, 8)}01`;
  return { first, last: addDays(addMonths(first, 1), -1) };
}

/** Where the case stands, in a few words, for "my cases". */
export function caseStage(record: CaseRecord, today: IsoDate): string {
  const plan = currentPlan(record, today);
  const request = currentRequest(record, today);
  if (request && requestInProgress(request, today)) {
    if (request.draftServed && request.draftServed <= today) return `draft plan served ${fmt(request.draftServed)}`;
    if (request.decision && request.decision.date <= today)
      return `assessing since ${fmt(request.decision.date)} (request received ${fmt(request.received)})`;
    return `request received ${fmt(request.received)}, decision whether to assess not yet made`;
  }
  if (plan) return `EHC plan since ${fmt(plan.made)}`;
  if (request?.decision?.outcome === "refuse" && request.decision.date <= today) return `request refused on ${fmt(request.decision.date)}`;
  if (request?.noPlanNoticeSent && request.noPlanNoticeSent <= today) return `decided not to issue a plan on ${fmt(request.noPlanNoticeSent)}`;
  if (request?.withdrawn && request.withdrawn.date <= today) return `request withdrawn on ${fmt(request.withdrawn.date)}`;
  const ceased = record.plans.filter((p) => p.ceased && p.ceased.date <= today).at(-1);
  if (ceased?.ceased) return `plan ceased on ${fmt(ceased.ceased.date)}`;
  return "no open request or plan";
}

const byDue = (a: CaseDeadline, b: CaseDeadline) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0);

/**
 * Every worklist each case is on, and why. With `caseworkerId`, only that caseworker's cases
 * (and their "my cases" list); without it, every case, as a manager sees them. Rows are in the
 * order of WORKLISTS, then by date, then by name.
 */
export function worklistsFor(records: readonly CaseRecord[], options: WorklistOptions): WorklistRow[] {
  const { today, caseworkerId } = options;
  const dueSoonDays = options.dueSoonDays ?? 14;
  const month = monthOf(today);
  // Phase transfers for the coming 15 February / 31 March deadlines: moves next September.
  const transferYear = academicYearOf(today) + 1;
  const rows: WorklistRow[] = [];
  const clockOptions = { today, dueSoonDays, ...(options.calendar ? { calendar: options.calendar } : {}), closures: options.closures ?? [] };

  for (const record of records) {
    const caseworker = record.child.caseworker;
    if (caseworkerId !== undefined && caseworker.id !== caseworkerId) continue;
    const base = { caseId: record.id, childName: childName(record), caseworkerId: caseworker.id, caseworkerName: caseworker.name };
    const add = (list: WorklistName, reason: string, date: IsoDate | undefined, deadline?: CaseDeadline) => {
      const row: WorklistRow = { list, ...base, reason };
      if (date !== undefined) row.date = date;
      if (deadline) {
        row.deadlineKey = deadline.key;
        row.status = deadline.status;
        if (deadline.service) row.service = deadline.service;
      }
      rows.push(row);
    };

    const plan = currentPlan(record, today);
    const request = currentRequest(record, today);
    const deadlines = caseClock(record, clockOptions).deadlines;
    const open = deadlines.filter(isOpen).sort(byDue);
    const visit: VisitDue | undefined = monitoringVisitDue(record, today, { dueSoonDays });

    if (caseworkerId !== undefined) {
      const isOpenCase = plan !== undefined || (request !== undefined && requestInProgress(request, today)) || open.some((d) => d.actionable);
      if (isOpenCase) {
        const next = open.find((d) => d.actionable);
        const stage = caseStage(record, today);
        const reason = `Your case: ${stage}${next ? `. Next: ${deadlineSentence(next, today)}` : ""}`;
        add("my-cases", reason, next?.due);
      }
    }

    for (const d of open) {
      if (d.advisory) continue;
      if (d.status === "due soon" || d.status === "due today") add("due-soon", deadlineSentence(d, today), d.due, d);
      if (d.status === "overdue" && d.actionable) add("overdue", deadlineSentence(d, today), d.due, d);
      if (d.key === "advice.due") add("advice-outstanding", deadlineSentence(d, today), d.due, d);
      // After a transfer in, the new council's first review is transfer.reviewBy (STATUTORY.md §4).
      if ((d.key === "review.due" || d.key === "transfer.reviewBy") && d.due >= month.first && d.due <= month.last) {
        const booked = plan ? reviewsOf(record, plan, today).booked[0] : undefined;
        const meeting = booked ? `; meeting booked for ${fmt(booked.meeting)}` : "; no meeting booked";
        add("reviews-this-month", `${deadlineSentence(d, today)}${meeting}`, d.due, d);
      }
      const isTransfer = d.key === "phaseTransfer.school" || d.key === "phaseTransfer.post16";
      if (isTransfer && Number(d.due.slice(0, 4)) === transferYear) add("phase-transfers", deadlineSentence(d, today), d.due, d);
    }
    if (visit && (visit.status === "due soon" || visit.status === "due today")) {
      add(
        "due-soon",
        `Monitoring visit due ${fmt(visit.due)} (${visit.reason}): ${visit.daysLeft === 0 ? "due today" : `${plural(visit.daysLeft, "day")} left`}`,
        visit.due,
      );
    }

    const awaiting = openPeriodOn(record.awaitingProvision, today);
    if (awaiting) {
      const days = daysBetween(awaiting.from, today);
      add(
        "awaiting-provision",
        `Awaiting provision since ${fmt(awaiting.from)} (${plural(days, "day")})${awaiting.note ? `: ${awaiting.note}` : ""}`,
        awaiting.from,
      );
    }
    const missing = openPeriodOn(record.missingEducation, today);
    if (missing) {
      const days = daysBetween(missing.from, today);
      const last = record.placements.filter((p) => p.start <= missing.from).at(-1);
      const where = last ? `; last known setting ${settingInWords(last)}` : "";
      add("missing-education", `May be missing education since ${fmt(missing.from)} (${plural(days, "day")})${where}`, missing.from);
    }
    if (visit && visit.status === "overdue") {
      add("visits-overdue", `${visit.reason}. Next visit was due ${fmt(visit.due)}: ${plural(-visit.daysLeft, "day")} overdue`, visit.due);
    }
  }

  const order = new Map<WorklistName, number>(WORKLISTS.map((name, index) => [name, index]));
  return rows.sort(
    (a, b) =>
      (order.get(a.list) ?? 0) - (order.get(b.list) ?? 0) ||
      compareIso(a.date ?? "9999", b.date ?? "9999") ||
      compareText(a.childName, b.childName) ||
      compareText(a.caseId, b.caseId),
  );
}

/** How many rows each list has, for tabs and counts. */
export function worklistCounts(rows: readonly WorklistRow[]): Record<WorklistName, number> {
  const counts = Object.fromEntries(WORKLISTS.map((name) => [name, 0])) as Record<WorklistName, number>;
  for (const row of rows) counts[row.list]++;
  return counts;
}

// ---- The register -------------------------------------------------------------------------------

export interface RegisterRow {
  caseId: string;
  childId: string;
  name: string;
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  upn?: string;
  /** The current setting(s), or why there is none. */
  setting: string;
  settingType: string;
  settingTypeCode?: SettingType;
  outOfAuthority: boolean;
  residential: boolean;
  lastReview?: IsoDate;
  nextReviewDue?: IsoDate;
  nextReviewStatus?: string;
  /** Only where a monitoring visit is needed (out of authority, residential, home educated). */
  visitRequired: boolean;
  lastVisit?: IsoDate;
  nextVisitDue?: IsoDate;
  nextVisitStatus?: string;
  /** Since when, if awaiting provision today. */
  awaitingProvisionSince?: IsoDate;
  /** Since when, if the child may be missing education today. */
  missingEducationSince?: IsoDate;
  caseworkerId: string;
  caseworker: string;
}

/** The register's columns, in order, with the headings of the WSOA list and the export. */
export const REGISTER_COLUMNS = [
  { key: "name", header: "Name" },
  { key: "dateOfBirth", header: "Date of birth" },
  { key: "upn", header: "UPN" },
  { key: "setting", header: "Setting" },
  { key: "settingType", header: "Setting type" },
  { key: "outOfAuthority", header: "Out of authority" },
  { key: "residential", header: "Residential" },
  { key: "lastReview", header: "Last review" },
  { key: "nextReviewDue", header: "Next review due" },
  { key: "lastVisit", header: "Last visit" },
  { key: "nextVisitDue", header: "Next visit due" },
  { key: "awaitingProvisionSince", header: "Awaiting provision" },
  { key: "missingEducationSince", header: "Missing education" },
  { key: "caseworker", header: "Caseworker" },
] as const satisfies readonly { key: keyof RegisterRow; header: string }[];

/**
 * The register's columns read at a glance on screen (issue 20): who the child is, where they are,
 * what is due next and who holds the case. The rest are on the child's page, in the downloads
 * and behind "Show all columns".
 */
export const REGISTER_KEY_COLUMNS: readonly (typeof REGISTER_COLUMNS)[number]["key"][] = [
  "name",
  "dateOfBirth",
  "setting",
  "nextReviewDue",
  "nextVisitDue",
  "caseworker",
];

/** The register's columns to show, with where each sits in registerCells' list. */
export function registerColumnsShown(all: boolean): { key: (typeof REGISTER_COLUMNS)[number]["key"]; header: string; index: number }[] {
  return REGISTER_COLUMNS.map((c, index) => ({ key: c.key, header: c.header, index })).filter((c) => all || REGISTER_KEY_COLUMNS.includes(c.key));
}

/**
 * The register on `today`: one row per child with a plan in force, sorted by surname, first
 * name and date of birth.
 */
export function registerRows(records: readonly CaseRecord[], today: IsoDate, options: { calendar?: WorkingDayCalendar } = {}): RegisterRow[] {
  const rows: RegisterRow[] = [];
  const clockOptions = { today, ...(options.calendar ? { calendar: options.calendar } : {}) };
  for (const record of records) {
    const plan = currentPlan(record, today);
    if (!plan) continue;
    const { child } = record;
    const placements = currentPlacements(record, today);
    const awaiting = openPeriodOn(record.awaitingProvision, today);
    const missing = openPeriodOn(record.missingEducation, today);
    const { held } = reviewsOf(record, plan, today);
    // The review not yet held: this cycle's if it is still to do, else the next one.
    const reviews = caseClock(record, clockOptions).deadlines.filter((d) => d.key === "review.due" || d.key === "transfer.reviewBy");
    const nextReview = reviews.find((d) => isOpen(d)) ?? reviews.at(-1);
    const visit = monitoringVisitDue(record, today);

    const types = [...new Set(placements.map((p) => p.settingType))];
    const row: RegisterRow = {
      caseId: record.id,
      childId: child.id,
      name: childName(record),
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      setting: placements.length
        ? placements.map(settingInWords).join(" and ")
        : awaiting
          ? "None: awaiting provision"
          : "No current placement recorded",
      settingType: placements.length
        ? placements
            .map((p) =>
              p.settingCode && p.settingType === "other" ? `Other: ${SETTING_CODE_LABELS[p.settingCode]}` : SETTING_TYPE_LABELS[p.settingType],
            )
            .join(" and ")
        : "",
      outOfAuthority: placements.some((p) => p.outOfAuthority),
      residential: placements.some((p) => p.residential),
      visitRequired: visit !== undefined,
      caseworkerId: child.caseworker.id,
      caseworker: child.caseworker.name,
    };
    if (types.length === 1 && types[0]) row.settingTypeCode = types[0];
    if (child.upn) row.upn = child.upn;
    const last = held.at(-1);
    if (last) row.lastReview = last.meeting;
    if (nextReview) {
      row.nextReviewDue = nextReview.due;
      row.nextReviewStatus = nextReview.status;
    }
    if (visit) {
      if (visit.lastVisit) row.lastVisit = visit.lastVisit;
      row.nextVisitDue = visit.due;
      row.nextVisitStatus = visit.status;
    }
    if (awaiting) row.awaitingProvisionSince = awaiting.from;
    if (missing) row.missingEducationSince = missing.from;
    rows.push(row);
  }
  return rows.sort(
    (a, b) =>
      compareText(a.lastName, b.lastName) ||
      compareText(a.firstName, b.firstName) ||
      compareIso(a.dateOfBirth, b.dateOfBirth) ||
      compareText(a.caseId, b.caseId),
  );
}

/**
 * A register row as text, one cell per REGISTER_COLUMNS entry: dates as "9 March 2026" for
 * people (or YYYY-MM-DD for machines), Yes/No, "Not required" where no visit is needed.
 */
export function registerCells(row: RegisterRow, options: { dates?: "long" | "iso" } = {}): string[] {
  const date = (iso: IsoDate | undefined, none: string) => (iso === undefined ? none : options.dates === "iso" ? iso : fmt(iso));
  const yesNo = (value: boolean) => (value ? "Yes" : "No");
  const since = (iso: IsoDate | undefined) => (iso === undefined ? "No" : `Since ${date(iso, "")}`);
  const cells: Record<(typeof REGISTER_COLUMNS)[number]["key"], string> = {
    name: row.name,
    dateOfBirth: date(row.dateOfBirth, ""),
    upn: row.upn ?? "",
    setting: row.setting,
    settingType: row.settingType,
    outOfAuthority: yesNo(row.outOfAuthority),
    residential: yesNo(row.residential),
    lastReview: date(row.lastReview, "None yet"),
    nextReviewDue: date(row.nextReviewDue, ""),
    lastVisit: row.visitRequired ? date(row.lastVisit, "Not visited") : "Not required",
    nextVisitDue: row.visitRequired ? date(row.nextVisitDue, "") : "Not required",
    awaitingProvisionSince: since(row.awaitingProvisionSince),
    missingEducationSince: since(row.missingEducationSince),
    caseworker: row.caseworker,
  };
  return REGISTER_COLUMNS.map(({ key }) => cells[key]);
}
