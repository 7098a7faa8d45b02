// A second, independent reading of STATUTORY.md sections 1-5 and 8, for the tests only.
// Written from the text alone, without looking at the engine (calculator.ts, rules.ts, counting.ts,
// case-clock.ts), so that a property test can compare the two readings. It has its own date
// arithmetic and its own bank-holiday fallback; the only thing it shares with the product is the
// shipped list of holiday dates (the GOV.UK data), and it works out from that list itself which
// years the data covers. Pure: no I/O, no clock.
//
// Where the text leaves a choice this reading makes one and says so in a comment marked "READING:",
// so that a difference from the engine can be traced to a sentence (or to the lack of one).
// Comments marked "OPEN:" are points where the first comparison with the engine showed a different
// choice, the text does not decide between the two, and this reading now follows the engine's so
// that the comparison keeps checking everything else (each is listed in README.md, "Deadline
// calculator"). Where the text decided, the engine was changed instead.

import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from "../bank-holidays.ts";

// ---------------------------------------------------------------------------------------------
// Input and output (STATUTORY.md §8)

export interface SrAdviceRequest {
  service?: string;
  received?: string;
  returned?: string;
  headOfInstitution?: boolean;
}

export interface SrEvents {
  requestReceived?: string;
  decisionNotified?: string;
  noPlanNoticeSent?: string;
  draftServed?: string;
  finalPlanIssued?: string;
  adviceRequests?: SrAdviceRequest[];
  planMade?: string;
  reviewMeeting?: string;
  previousReviewMeeting?: string;
  reviewReportCirculated?: string;
  reviewDecisionNotified?: string;
  amendmentNoticeSent?: string;
  amendedPlanIssued?: string;
  childUnderFive?: boolean;
  childDateOfBirth?: string;
  transferKind?: "school" | "post16" | "post16Other";
  transferYear?: number;
  transferDate?: string;
  phaseTransferFinalised?: string;
  reassessmentRequestReceived?: string;
  reassessmentDecisionNotified?: string;
  oldCouncilAware?: string;
  moveDate?: string;
  transferredIn?: string;
  decisionNoticeSent?: string;
  mediationAdviserTold?: string;
  mediationCertificateIssued?: string;
  placementOnlyAppeal?: boolean;
  tribunalOrder?: { date: string; kind: "assess" | "makePlan" | "amend" | "placement" };
  unopposedNotice?: { date: string; kind: "assessment" | "contents" };
}

export interface SrPeriod {
  from: string;
  to: string;
}

export interface SrInput {
  asOf: string;
  events?: SrEvents;
  closures?: { from: string; reopens: string }[];
  absences?: SrPeriod[];
  exceptionalCircumstances?: SrPeriod[];
}

export type SrStatus =
  | "not yet due"
  | "due soon"
  | "due today"
  | "overdue"
  | "met on time"
  | "met late"
  | "relieved by an exception"
  | "not applicable";

export interface SrDeadline {
  key: string;
  due: string;
  practical: string;
  status: SrStatus;
  provision: string;
  subject?: string;
  daysLate?: number;
  relievedBy?: string[];
}

export interface SrOutput {
  deadlines: SrDeadline[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Dates: whole days since 1970-01-01 (UTC), nothing else.

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  const [y, m, d] = partsOf(iso);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function partsOf(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function isoFrom(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Calendar months added (or taken away), the day clamped to the target month's last day. */
function shiftMonths(iso: string, months: number): string {
  const [y, m, d] = partsOf(iso);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return isoFrom(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

function plusDays(iso: string, n: number): string {
  return isoOf(dayOf(iso) + n);
}

/** 0 Sunday .. 6 Saturday */
function weekday(iso: string): number {
  return new Date(dayOf(iso) * MS_PER_DAY).getUTCDay();
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Bank holidays (§1): the shipped data where it covers the year, otherwise the statutory pattern.

const dataYears = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => Number(h.date.slice(0, 4))));
const dataDates = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date));

/** Easter Sunday: Gauss's method with the Gregorian corrections (Lichtenberg's form). */
function easter(year: number): string {
  const k = Math.floor(year / 100);
  const m = 15 + Math.floor((3 * k + 3) / 4) - Math.floor((8 * k + 13) / 25);
  const s = 2 - Math.floor((3 * k + 3) / 4);
  const a = year % 19;
  const d = (19 * a + m) % 30;
  const r = Math.floor((d + Math.floor(a / 11)) / 29);
  const og = 21 + d - r; // Easter full moon as a day of March
  const sz = 7 - ((year + Math.floor(year / 4) + s) % 7);
  const oe = 7 - ((og - sz) % 7);
  const os = og + oe; // Easter Sunday as a day of March (32 = 1 April)
  return plusDays(isoFrom(year, 3, 1), os - 1);
}

function firstMonday(year: number, month: number): string {
  const first = isoFrom(year, month, 1);
  return plusDays(first, (8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): string {
  const last = isoFrom(year, month, daysInMonth(year, month));
  return plusDays(last, -((weekday(last) + 6) % 7));
}

/** Banking and Financial Dealings Act 1971 sch 1 and the usual proclamations. */
export function fallbackHolidays(year: number): { date: string; title: string }[] {
  const list: { date: string; title: string }[] = [];
  const newYear = isoFrom(year, 1, 1);
  const nyWd = weekday(newYear);
  list.push({ date: nyWd === 6 ? plusDays(newYear, 2) : nyWd === 0 ? plusDays(newYear, 1) : newYear, title: "New Year's Day" });
  const sunday = easter(year);
  list.push({ date: plusDays(sunday, -2), title: "Good Friday" });
  list.push({ date: plusDays(sunday, 1), title: "Easter Monday" });
  list.push({ date: firstMonday(year, 5), title: "Early May bank holiday" });
  list.push({ date: lastMonday(year, 5), title: "Spring bank holiday" });
  list.push({ date: lastMonday(year, 8), title: "Summer bank holiday" });
  const christmas = isoFrom(year, 12, 25);
  const cWd = weekday(christmas);
  if (cWd === 6) {
    // Saturday and Sunday: substitutes on Monday 27 and Tuesday 28
    list.push({ date: isoFrom(year, 12, 27), title: "Christmas Day" });
    list.push({ date: isoFrom(year, 12, 28), title: "Boxing Day" });
  } else if (cWd === 0) {
    // Sunday and Monday: Boxing Day on Monday 26, Christmas substitute Tuesday 27
    list.push({ date: isoFrom(year, 12, 27), title: "Christmas Day" });
    list.push({ date: isoFrom(year, 12, 26), title: "Boxing Day" });
  } else if (cWd === 5) {
    // Friday and Saturday: Boxing Day substitute on Monday 28
    list.push({ date: christmas, title: "Christmas Day" });
    list.push({ date: isoFrom(year, 12, 28), title: "Boxing Day" });
  } else {
    list.push({ date: christmas, title: "Christmas Day" });
    list.push({ date: isoFrom(year, 12, 26), title: "Boxing Day" });
  }
  return list;
}

const fallbackCache = new Map<number, Set<string>>();

function isBankHoliday(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  if (dataYears.has(year)) return dataDates.has(iso);
  let set = fallbackCache.get(year);
  if (!set) {
    set = new Set(fallbackHolidays(year).map((h) => h.date));
    fallbackCache.set(year, set);
  }
  return set.has(iso);
}

/** Which source decides a year: the shipped data or the rules. */
export function holidaySource(year: number): "data" | "rules" {
  return dataYears.has(year) ? "data" : "rules";
}

export function isWorkingDay(iso: string): boolean {
  const wd = weekday(iso);
  return wd !== 0 && wd !== 6 && !isBankHoliday(iso);
}

function lastWorkingDayOnOrBefore(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = plusDays(d, -1);
  return d;
}

function firstWorkingDayOnOrAfter(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = plusDays(d, 1);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Counting conventions (§1)

export const count = {
  /** "within N weeks of E": E + 7N */
  weeks: (e: string, n: number) => plusDays(e, 7 * n),
  /** "at least D days beginning with the day X": X .. X + D - 1 */
  daysBeginning: (x: string, d: number) => plusDays(x, d - 1),
  /** "within D days of E": E + D */
  daysOf: (e: string, d: number) => plusDays(e, d),
  /** "the period of N months starting with X": (X - 1 day) + N months, clamped */
  monthsStarting: (x: string, n: number) => shiftMonths(plusDays(x, -1), n),
  /** "within N months after X": X + N months, clamped */
  monthsAfter: (x: string, n: number) => shiftMonths(x, n),
  /** "at least N months before T": T - N months, clamped */
  monthsBefore: (t: string, n: number) => shiftMonths(t, -n),
  /** "before <day> <month> in the calendar year": the day before */
  beforeDate: (year: number, month: number, day: number) => plusDays(isoFrom(year, month, day), -1),
  /** "within N working days beginning with the day E": E is day 1 if it is a working day */
  workingDaysBeginning: (e: string, n: number) => {
    let d = e;
    let counted = isWorkingDay(d) ? 1 : 0;
    while (counted < n) {
      d = plusDays(d, 1);
      if (isWorkingDay(d)) counted++;
    }
    return d;
  },
  /** "within N working days of E": working days after E */
  workingDaysOf: (e: string, n: number) => {
    let d = e;
    let counted = 0;
    while (counted < n) {
      d = plusDays(d, 1);
      if (isWorkingDay(d)) counted++;
    }
    return d;
  },
};

/** HESC Rules r12: a non-working day rolls to the next working day; 25 Dec-1 Jan and August roll
 * to the first working day after 1 January / 31 August. */
function tribunalRollForward(due: string): string {
  const [y, m, d] = partsOf(due);
  if (m === 8) return firstWorkingDayOnOrAfter(isoFrom(y, 9, 1));
  if (m === 12 && d >= 25) return firstWorkingDayOnOrAfter(isoFrom(y + 1, 1, 2));
  if (m === 1 && d === 1) return firstWorkingDayOnOrAfter(isoFrom(y, 1, 2));
  return firstWorkingDayOnOrAfter(due);
}

// ---------------------------------------------------------------------------------------------
// The reading

export interface SrOptions {
  dueSoonDays?: number;
}

const DATE_FIELDS: (keyof SrEvents)[] = [
  "requestReceived",
  "decisionNotified",
  "noPlanNoticeSent",
  "draftServed",
  "finalPlanIssued",
  "planMade",
  "reviewMeeting",
  "previousReviewMeeting",
  "reviewReportCirculated",
  "reviewDecisionNotified",
  "amendmentNoticeSent",
  "amendedPlanIssued",
  "childDateOfBirth",
  "transferDate",
  "phaseTransferFinalised",
  "reassessmentRequestReceived",
  "reassessmentDecisionNotified",
  "oldCouncilAware",
  "moveDate",
  "transferredIn",
  "decisionNoticeSent",
  "mediationAdviserTold",
  "mediationCertificateIssued",
];

export function secondReading(input: SrInput, options: SrOptions = {}): SrOutput {
  const asOf = input.asOf;
  const dueSoonDays = options.dueSoonDays ?? 14;
  const warnings: string[] = [];

  // §4: events and exception grounds dated after the as-of date are set aside one by one.
  const raw = input.events ?? {};
  const ev: SrEvents = { ...raw };
  for (const field of DATE_FIELDS) {
    const value = ev[field];
    // READING: the date of birth and a planned transfer date are facts, not events that happen.
    // OPEN: a booked review meeting and a known move date are plans, not happenings, and are kept
    // (the invitations are due before the meeting; Regs 15(2) counts to the day of the move).
    if (field === "childDateOfBirth" || field === "transferDate" || field === "reviewMeeting" || field === "moveDate") continue;
    if (typeof value === "string" && value > asOf) {
      delete ev[field];
      warnings.push(`${field} is after the as-of date and is set aside`);
    }
  }
  if (ev.tribunalOrder && ev.tribunalOrder.date > asOf) {
    warnings.push("tribunalOrder is after the as-of date and is set aside");
    delete ev.tribunalOrder;
  }
  if (ev.unopposedNotice && ev.unopposedNotice.date > asOf) {
    warnings.push("unopposedNotice is after the as-of date and is set aside");
    delete ev.unopposedNotice;
  }
  const advice: (SrAdviceRequest & { received: string })[] = [];
  for (const request of raw.adviceRequests ?? []) {
    if (!request.received || request.received > asOf) {
      warnings.push("an advice request received after the as-of date is set aside");
      continue;
    }
    const kept = { ...request, received: request.received };
    if (kept.returned && kept.returned > asOf) {
      warnings.push("an advice return after the as-of date is set aside");
      delete kept.returned;
    }
    advice.push(kept);
  }
  // READING: a ground is dated by its start; one that started on or before the as-of date stays.
  const closures = (input.closures ?? []).filter((c) => c.from <= asOf);
  const absences = (input.absences ?? []).filter((a) => a.from <= asOf);
  const circumstances = (input.exceptionalCircumstances ?? []).filter((c) => c.from <= asOf);

  const deadlines: SrDeadline[] = [];

  /** §3 grounds that excuse a limit running from `start` to `due`. */
  const groundsFor = (start: string, due: string, adviceFromHeads: { received: string }[], forAdviser = false): string[] => {
    const grounds: string[] = [];
    // (a)/(b): advice asked of a school, college or early years provider during the window from one
    // week before a closure of at least 4 weeks until one week before it reopened.
    // READING: the request counts when the body received it within the limit's own period.
    const longClosures = closures.filter((c) => dayOf(c.reopens) - dayOf(c.from) >= 28);
    // OPEN: an adviser (Regs 8(2)) has no closure ground, as in the regulation itself.
    const closure =
      !forAdviser &&
      adviceFromHeads.some(
        (r) =>
          r.received >= start &&
          r.received <= due &&
          longClosures.some((c) => r.received >= plusDays(c.from, -7) && r.received <= plusDays(c.reopens, -7)),
      );
    if (closure) grounds.push("closure");
    // (c): exceptional personal circumstances during the period.
    if (circumstances.some((c) => c.from <= due && c.to >= start)) grounds.push("exceptionalCircumstances");
    // (d): absent from the area for a continuous period of at least 4 weeks during the period.
    // OPEN: at least 28 days of the absence (both ends counted) fall within the period itself.
    const overlap = (a: SrPeriod) => Math.min(dayOf(a.to), dayOf(due)) - Math.max(dayOf(a.from), dayOf(start)) + 1;
    if (absences.some((a) => overlap(a) >= 28)) grounds.push("absence");
    return grounds;
  };

  interface Spec {
    key: string;
    due: string;
    provision: string;
    subject?: string;
    /** the event that meets it, if it has happened */
    metBy?: string;
    notApplicable?: boolean;
    grounds?: string[];
    tribunal?: boolean;
  }

  const add = (spec: Spec) => {
    const due = spec.tribunal ? tribunalRollForward(spec.due) : spec.due;
    const practical = lastWorkingDayOnOrBefore(due);
    const entry: SrDeadline = { key: spec.key, due, practical, status: "not yet due", provision: spec.provision };
    if (spec.subject !== undefined) entry.subject = spec.subject;
    const grounds = spec.grounds ?? [];
    // READING: a deadline met by its event is met, even if its path later closed.
    // OPEN: a limit not met on time is "relieved" as soon as a ground applies, even before its
    // date (the first reading said so only once the date had passed); a late step keeps daysLate.
    if (spec.metBy !== undefined && spec.metBy <= due) {
      entry.status = "met on time";
    } else if (spec.metBy === undefined && spec.notApplicable) {
      entry.status = "not applicable";
    } else if (spec.metBy !== undefined) {
      entry.daysLate = dayOf(spec.metBy) - dayOf(due);
      entry.status = grounds.length > 0 ? "relieved by an exception" : "met late";
      if (grounds.length > 0) entry.relievedBy = grounds;
    } else if (grounds.length > 0) {
      entry.status = "relieved by an exception";
      entry.relievedBy = grounds;
    } else {
      const left = dayOf(due) - dayOf(asOf);
      if (left < 0) entry.status = "overdue";
      else if (left === 0) entry.status = "due today";
      else if (left <= dueSoonDays) entry.status = "due soon";
      else entry.status = "not yet due";
    }
    deadlines.push(entry);
  };

  const heads = advice.filter((r) => r.headOfInstitution);

  // --- The assessment (Regs 5, 8, 10, 13) ---
  if (ev.requestReceived) {
    const r = ev.requestReceived;
    const planIssued = ev.draftServed !== undefined || ev.finalPlanIssued !== undefined;
    const decisionDue = count.weeks(r, 6);
    add({
      key: "assessment.decision",
      due: decisionDue,
      provision: "Regs 5(1)",
      metBy: ev.decisionNotified,
      grounds: groundsFor(r, decisionDue, heads),
    });
    const noPlanDue = count.weeks(r, 16);
    add({
      key: "assessment.noPlanNotice",
      due: noPlanDue,
      provision: "Regs 10(1)",
      metBy: ev.noPlanNoticeSent,
      notApplicable: planIssued,
      grounds: groundsFor(r, noPlanDue, heads),
    });
    const finalDue = count.weeks(r, 20);
    add({
      key: "assessment.finalPlan",
      due: finalDue,
      provision: "Regs 13(2)",
      metBy: ev.finalPlanIssued,
      notApplicable: ev.noPlanNoticeSent !== undefined,
      grounds: groundsFor(r, finalDue, heads),
    });
  }
  for (const request of advice) {
    const due = count.weeks(request.received, 6);
    add({
      key: "advice.due",
      due,
      provision: "Regs 8(1)",
      subject: request.service,
      metBy: request.returned,
      grounds: groundsFor(request.received, due, [], true),
    });
  }
  if (ev.draftServed) {
    add({ key: "draft.representationsEnd", due: count.daysBeginning(ev.draftServed, 15), provision: "Regs 13(1)(a)" });
  }

  // --- Reviews (CFA s44, Regs 20-22) ---
  const transferredIn = ev.transferredIn;
  const held = ev.reviewMeeting && ev.reviewMeeting <= asOf ? ev.reviewMeeting : undefined;
  const newCouncilMeeting = transferredIn && held && held >= transferredIn ? held : undefined;
  // OPEN: once a meeting is held the next cycle is shown too, as review.due "next review".
  if (transferredIn) {
    // §4: after a transfer in, review.due is not shown until the new council's review is held,
    // after which the 12-month cycle runs from that meeting.
    if (newCouncilMeeting) {
      add({ key: "review.due", subject: "next review", due: count.monthsStarting(newCouncilMeeting, 12), provision: "CFA 2014 s44(1)" });
    }
  } else {
    const base = ev.previousReviewMeeting ?? ev.planMade;
    if (base) {
      add({ key: "review.due", due: count.monthsStarting(base, 12), provision: "CFA 2014 s44(1)", metBy: held });
    }
    if (held) add({ key: "review.due", subject: "next review", due: count.monthsStarting(held, 12), provision: "CFA 2014 s44(1)" });
  }
  // CoP 9.178: advisory only, never a breach. OPEN: two entries (3 and 6 months) from the plan or
  // the review before this year's, met by this year's meeting; "under five" is as given, else
  // worked out from the date of birth.
  const underFive = ev.childUnderFive ?? (ev.childDateOfBirth !== undefined && asOf < shiftMonths(ev.childDateOfBirth, 60));
  const underFiveBase = ev.previousReviewMeeting ?? ev.planMade;
  if (underFive && underFiveBase) {
    add({ key: "review.underFive", subject: "3 months", due: count.monthsStarting(underFiveBase, 3), provision: "CoP 9.178", metBy: held });
    add({ key: "review.underFive", subject: "6 months", due: count.monthsStarting(underFiveBase, 6), provision: "CoP 9.178", metBy: held });
  }
  if (ev.reviewMeeting) {
    const m = ev.reviewMeeting;
    add({ key: "review.invitationsBy", due: plusDays(m, -14), provision: "Regs 20(3)-(4), 21(3)-(4)" });
    add({ key: "review.reportBy", due: count.weeks(m, 2), provision: "Regs 20(7), 21(7)", metBy: ev.reviewReportCirculated });
    // OPEN: an amendment notice before the meeting is not the decision after it.
    const notice = ev.amendmentNoticeSent && ev.amendmentNoticeSent >= m ? ev.amendmentNoticeSent : undefined;
    const decided = [ev.reviewDecisionNotified, notice]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
    add({ key: "review.decisionBy", due: count.weeks(m, 4), provision: "Regs 20(10), 22(2)", metBy: decided });
  }
  if (ev.amendmentNoticeSent) {
    const a = ev.amendmentNoticeSent;
    add({ key: "amendment.representationsEnd", due: count.daysBeginning(a, 15), provision: "Regs 22(2)" });
    add({ key: "amendment.finalBy", due: count.weeks(a, 8), provision: "Regs 22(3)", metBy: ev.amendedPlanIssued });
  }

  // --- Phase transfers (Regs 18), only while a plan is in force (§4) ---
  // READING: a plan is in force when one was made or issued, transferred in, or reviewed.
  const planInForce = [ev.planMade, ev.finalPlanIssued, ev.transferredIn, ev.reviewMeeting, ev.previousReviewMeeting].some((d) => d !== undefined);
  if (planInForce) {
    let kind = ev.transferKind;
    let year: number | undefined;
    if (kind === "post16Other") {
      if (ev.transferDate)
        add({
          key: "phaseTransfer.post16Other",
          due: count.monthsBefore(ev.transferDate, 5),
          provision: "Regs 18(2)",
          metBy: ev.phaseTransferFinalised,
        });
    } else if (ev.transferYear !== undefined) {
      const recorded = ev.transferYear;
      year = recorded;
      // OPEN: a year without a kind is the standard transfer of that year, else a school one.
      if (!kind && ev.childDateOfBirth) kind = standardTransfers(ev.childDateOfBirth).find((t) => t.year === recorded)?.kind;
      kind ??= "school";
    } else if (ev.childDateOfBirth) {
      // §5: Reception in the academic year starting 1 September (birth cohort + 5); Year 6 moves
      // to secondary the September after; Year 11 to post-16. OPEN: the next of these (of the kind
      // given, if any) that has not happened by the as-of date; with a plan, even without a kind.
      const firstYearStillToCome = academicYearStart(asOf) + 1;
      const next = standardTransfers(ev.childDateOfBirth).find((t) => t.year >= firstYearStillToCome && (!kind || t.kind === kind));
      if (next) {
        kind = next.kind;
        year = next.year;
      }
    }
    if (year !== undefined && kind === "school")
      add({ key: "phaseTransfer.school", due: count.beforeDate(year, 2, 15), provision: "Regs 18(1)(b)", metBy: ev.phaseTransferFinalised });
    if (year !== undefined && kind === "post16")
      add({ key: "phaseTransfer.post16", due: count.beforeDate(year, 3, 31), provision: "Regs 18(1)(a)", metBy: ev.phaseTransferFinalised });
  }

  // --- Re-assessment (Regs 25, 27) ---
  if (ev.reassessmentRequestReceived) {
    add({
      key: "reassessment.decision",
      due: count.daysOf(ev.reassessmentRequestReceived, 15),
      provision: "Regs 25(1)",
      metBy: ev.reassessmentDecisionNotified,
    });
  }
  if (ev.reassessmentDecisionNotified) {
    const due = count.weeks(ev.reassessmentDecisionNotified, 14);
    add({ key: "reassessment.finalPlan", due, provision: "Regs 27(2)", grounds: groundsFor(ev.reassessmentDecisionNotified, due, heads) });
  }

  // --- Moves between councils (Regs 15) ---
  if (ev.oldCouncilAware) {
    // On the day of the move if the old council knew 15 working days ahead, otherwise within 15
    // working days beginning with the day it became aware: both cases are the later of the two.
    const fifteen = count.workingDaysBeginning(ev.oldCouncilAware, 15);
    const due = ev.moveDate ? later(fifteen, ev.moveDate) : fifteen;
    add({ key: "transfer.planTransferBy", due, provision: "Regs 15(2)", metBy: transferredIn });
  }
  if (transferredIn) {
    add({ key: "transfer.notifyBy", due: count.weeks(transferredIn, 6), provision: "Regs 15(4)" });
    // OPEN: a meeting on the day of the transfer is both the last review and the new council's.
    const lastBeforeTransfer = [ev.planMade, ev.previousReviewMeeting, ev.reviewMeeting]
      .filter((d): d is string => !!d && d <= transferredIn)
      .sort()
      .at(-1);
    const threeMonths = count.monthsStarting(transferredIn, 3);
    const due = lastBeforeTransfer ? later(count.monthsStarting(lastBeforeTransfer, 12), threeMonths) : threeMonths;
    add({ key: "transfer.reviewBy", due, provision: "Regs 15(5)", metBy: newCouncilMeeting });
  }

  // --- Mediation and appeals (Regs 33, mediation regs, HESC Rules 20 and 12) ---
  if (ev.decisionNoticeSent) {
    add({
      key: "mediation.contactBy",
      due: count.monthsAfter(ev.decisionNoticeSent, 2),
      provision: "Regs 33",
      metBy: ev.mediationAdviserTold,
      notApplicable: ev.placementOnlyAppeal === true,
    });
    const fromNotice = count.monthsAfter(ev.decisionNoticeSent, 2);
    const fromCertificate = ev.mediationCertificateIssued ? count.monthsAfter(ev.mediationCertificateIssued, 1) : fromNotice;
    add({ key: "appeal.lodgeBy", due: later(fromNotice, fromCertificate), provision: "HESC Rules 20(1)(c), 12", tribunal: true });
  }
  if (ev.mediationAdviserTold) {
    add({
      key: "mediation.certificateBy",
      due: count.workingDaysOf(ev.mediationAdviserTold, 3),
      provision: "Regs 34",
      metBy: ev.mediationCertificateIssued,
    });
  }

  // --- Tribunal (Regs 44, 45) ---
  if (ev.tribunalOrder) {
    const o = ev.tribunalOrder;
    const rows: [string, number][] =
      o.kind === "assess"
        ? [
            ["order.notify", 2],
            ["order.noPlanDecision", 10],
            ["order.finalPlan", 14],
          ]
        : o.kind === "makePlan"
          ? [
              ["order.draft", 5],
              ["order.finalPlan", 11],
            ]
          : o.kind === "amend"
            ? [["order.amendedPlan", 5]]
            : [["order.placement", 2]];
    for (const [key, weeks] of rows) add({ key, due: count.weeks(o.date, weeks), provision: "Regs 44(2)" });
  }
  if (ev.unopposedNotice) {
    const u = ev.unopposedNotice;
    const rows: [string, number][] =
      u.kind === "assessment"
        ? [
            ["unopposed.notify", 2],
            ["unopposed.noPlanDecision", 10],
            ["unopposed.finalPlan", 14],
          ]
        : [["unopposed.amendedPlan", 5]];
    for (const [key, weeks] of rows) add({ key, due: count.weeks(u.date, weeks), provision: "Regs 45" });
  }

  return { deadlines, warnings };
}

/** The standard transfers from a date of birth (§5): Reception, Year 7, post-16 (in September). */
function standardTransfers(dateOfBirth: string): { kind: "school" | "post16"; year: number }[] {
  const reception = academicYearStart(dateOfBirth) + 5;
  return [
    { kind: "school", year: reception },
    { kind: "school", year: reception + 7 },
    { kind: "post16", year: reception + 12 },
  ];
}

/** The calendar year in which the academic year containing `iso` started (1 September). */
export function academicYearStart(iso: string): number {
  const [y, m] = partsOf(iso);
  return m >= 9 ? y : y - 1;
}
