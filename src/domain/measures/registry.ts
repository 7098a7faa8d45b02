// The measure registry (SPEC C1): every measure the product works out from casework, one
// definition each, for any period (a month, a quarter, a year, a custom range) and as a series
// month by month. Pure: the records, the closures and "today" are parameters.
//
// How: each record is read once into dated facts ("a new plan issued on 19 May 2025, in time",
// "a review decision on 3 March, late"), each with the case it came from. A period's figure is
// the facts dated in it; a snapshot measure (caseload, placements) is counted on the period's last
// day. A fact is dated by the event itself, so a past month's figure does not change when today
// changes (only when a late entry records something that happened then).

import { englandAndWalesCalendar, type WorkingDayCalendar } from "../bank-holidays.ts";
import { requestCalculatorInput } from "../cases/case-clock.ts";
import type { AdviceService, CaseRecord, NeedCode, SettingType } from "../cases/types.ts";
import { ADVICE_SERVICES, NEED_CODES, SETTING_TYPES } from "../cases/types.ts";
import { addDays, addMonths, daysInMonth, earlierOf, type IsoDate, isoWeekday, laterOf } from "../dates.ts";
import { yearGroupOn } from "../school-year.ts";
import { calculateDeadlines, hasTwentyWeekException } from "../statutory/calculator.ts";
import type { Closure } from "../statutory/input.ts";

export const REGISTRY_IDS = [
  "plansOnCensusDay",
  "requests",
  "refusalRate",
  "decisionsWithin6Weeks",
  "newPlans",
  "within20WeeksInclExceptions",
  "within20WeeksExclExceptions",
  "reviewsOnTime",
  "noPlanWithin16Weeks",
  "reviewDecisionsWithin4Weeks",
  "amendedWithin12Weeks",
  "phaseTransfersOnTime",
  "adviceWithin6Weeks",
  "plansInForce",
  "outOfAuthority",
  "visitedIn12Months",
  "awaitingProvision",
  "missingEducation",
] as const;
export type RegistryId = (typeof REGISTRY_IDS)[number];

export interface RegistryDefinition {
  id: RegistryId;
  title: string;
  unit: "count" | "percent";
  /** What is counted, in words, with the regulation or SEN2 item it follows. */
  definition: string;
  /** "flow": events dated in the period; "snapshot": counted on the period's last day. */
  kind: "flow" | "snapshot";
  /** Whether a higher figure is better (for a plan's trajectory); null when neither. */
  higherIsBetter: boolean | null;
}

const def = (
  id: RegistryId,
  title: string,
  unit: "count" | "percent",
  kind: "flow" | "snapshot",
  higherIsBetter: boolean | null,
  definition: string,
): RegistryDefinition => ({ id, title, unit, kind, higherIsBetter, definition });

export const REGISTRY: Readonly<Record<RegistryId, RegistryDefinition>> = {
  plansOnCensusDay: def(
    "plansOnCensusDay",
    "EHC plans in force in January",
    "count",
    "snapshot",
    null,
    "Children and young people with an EHC plan made and not ceased on the SEN2 census day (the third Thursday of January) on or before the end of the period (SEN2 module 4).",
  ),
  requests: def("requests", "Requests for an EHC needs assessment", "count", "flow", null, "Requests received in the period (SEN2 module 1)."),
  refusalRate: def(
    "refusalRate",
    "Requests refused",
    "percent",
    "flow",
    false,
    "Of the requests received in the period, those the council decided not to assess (SEN2 module 1; SEND Regulations 2014 reg 5).",
  ),
  decisionsWithin6Weeks: def(
    "decisionsWithin6Weeks",
    "Decisions to assess or not within 6 weeks",
    "percent",
    "flow",
    true,
    "Of the decisions told to families in the period, those told within 6 weeks of the request (SEND Regulations 2014 reg 4(1) and 5(1)).",
  ),
  newPlans: def(
    "newPlans",
    "New EHC plans issued",
    "count",
    "flow",
    null,
    "Final EHC plans issued in the period after an assessment (SEN2 module 2).",
  ),
  within20WeeksInclExceptions: def(
    "within20WeeksInclExceptions",
    "New plans issued within 20 weeks, including exceptions",
    "percent",
    "flow",
    true,
    "Of the new plans issued in the period, those issued within 20 weeks of the request (reg 13(2)), counting every plan (SEN2 module 2).",
  ),
  within20WeeksExclExceptions: def(
    "within20WeeksExclExceptions",
    "New plans issued within 20 weeks, excluding exceptions",
    "percent",
    "flow",
    true,
    "As above, leaving out the plans whose 20 weeks were relieved by an exception (reg 13(3)): the SEN2 20-week exception flag.",
  ),
  reviewsOnTime: def(
    "reviewsOnTime",
    "Annual reviews held on time",
    "percent",
    "flow",
    true,
    "Of the annual review meetings held in the period, those held within 12 months of the plan being made or of the last review (Children and Families Act 2014 s44(1); after a transfer in, reg 15(5)).",
  ),
  noPlanWithin16Weeks: def(
    "noPlanWithin16Weeks",
    '"No plan" decisions within 16 weeks',
    "percent",
    "flow",
    true,
    "Of the notices sent in the period that no plan will be issued after an assessment, those sent within 16 weeks of the request (SEND Regulations 2014 reg 10(1), less the reg 10(4) exceptions).",
  ),
  reviewDecisionsWithin4Weeks: def(
    "reviewDecisionsWithin4Weeks",
    "Annual review decisions within 4 weeks",
    "percent",
    "flow",
    true,
    "Of the decisions to maintain, amend or cease a plan made in the period after an annual review, those made within 4 weeks of the review meeting (SEND Regulations 2014 reg 20(10) and 22(2); SEN2 module 5).",
  ),
  amendedWithin12Weeks: def(
    "amendedWithin12Weeks",
    "Amended plans within 12 weeks of the review meeting",
    "percent",
    "flow",
    true,
    "Of the amended plans issued in the period after an annual review, those issued within 12 weeks of the review meeting (reg 22(2)-(3): 4 weeks to the amendment notice, then 8 weeks).",
  ),
  phaseTransfersOnTime: def(
    "phaseTransfersOnTime",
    "Phase transfers finalised on time",
    "percent",
    "flow",
    true,
    "Of the phase transfers whose deadline falls in the period, those whose plan was amended to name the next setting before 15 February (school) or 31 March (secondary to post-16) of the year of transfer (SEND Regulations 2014 reg 18(1)).",
  ),
  adviceWithin6Weeks: def(
    "adviceWithin6Weeks",
    "Advice returned within 6 weeks",
    "percent",
    "flow",
    true,
    "Of the advice returned in the period for an EHC needs assessment, that returned within 6 weeks of the body receiving the request (SEND Regulations 2014 reg 8(1), less the reg 8(2) exceptions). Broken down by service.",
  ),
  plansInForce: def(
    "plansInForce",
    "EHC plans in force",
    "count",
    "snapshot",
    null,
    "Children and young people with an EHC plan made and not ceased on the last day of the period. Broken down by primary need, setting type, age and year group.",
  ),
  outOfAuthority: def(
    "outOfAuthority",
    "Placed out of the council's area",
    "percent",
    "snapshot",
    false,
    "Of the children with a plan on the last day of the period, those whose current placement is outside the council's area (SEN2 module 4, establishment outside the authority).",
  ),
  visitedIn12Months: def(
    "visitedIn12Months",
    "Out-of-area and residential placements visited in the last 12 months",
    "percent",
    "snapshot",
    true,
    "Of the children with a plan placed out of the area, in a residential setting or home educated on the last day of the period, those with a monitoring visit in the 12 months before it (the council's duty to keep the placement under review, Children and Families Act 2014 s44; SEND Code of Practice 10.45).",
  ),
  awaitingProvision: def(
    "awaitingProvision",
    "Children awaiting provision",
    "count",
    "snapshot",
    false,
    "Children with a plan recorded as awaiting the provision or placement the plan names on the last day of the period (SEN2 module 4, awaiting provision).",
  ),
  missingEducation: def(
    "missingEducation",
    "Children with a plan missing education",
    "count",
    "snapshot",
    false,
    "Children with a plan recorded as not in education (possibly missing education) on the last day of the period (SEN2 setting code NIEC; Education Act 1996 s436A).",
  ),
};

// ---- Periods ------------------------------------------------------------------------------------

export interface Period {
  from: IsoDate;
  to: IsoDate;
  /** "2025", "March 2025", "1 April 2024 to 31 March 2025". */
  label: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function monthPeriod(year: number, month: number): Period {
  const mm = String(month).padStart(2, "0");
  return {
    from: `${year}-${mm}-01`,
    to: `${year}-${mm}-${String(daysInMonth(year, month)).padStart(2, "0")}`,
    label: `${MONTHS[month - 1]} ${year}`,
  };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: String(year) };
}

/** A quarter of the calendar year, 1 to 4. */
export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { from: monthPeriod(year, first).from, to: monthPeriod(year, first + 2).to, label: `${MONTHS[first - 1]} to ${MONTHS[first + 1]} ${year}` };
}

/** The academic year starting 1 September of `startYear`. */
export function academicYearPeriod(startYear: number): Period {
  return { from: `${startYear}-09-01`, to: `${startYear + 1}-08-31`, label: `${startYear} to ${startYear + 1} school year` };
}

/** The months a period covers, first to last: the points of its series. */
export function monthsOf(period: Period): Period[] {
  const out: Period[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  for (;;) {
    const month = monthPeriod(y, m);
    if (month.from > period.to) break;
    out.push(month);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The SEN2 census day of a January: the third Thursday (15 January 2026, 21 January 2027). */
export function censusDay(year: number): IsoDate {
  const first = `${year}-01-01`;
  const toThursday = (4 - isoWeekday(first) + 7) % 7;
  return addDays(first, toThursday + 14);
}

/** The last census day on or before a date. */
export function censusDayOnOrBefore(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  const same = censusDay(year);
  return same <= date ? same : censusDay(year - 1);
}

// ---- Facts --------------------------------------------------------------------------------------

export type FlowId = Exclude<RegistryId, (typeof SNAPSHOT_IDS)[number]>;
export const SNAPSHOT_IDS = [
  "plansOnCensusDay",
  "plansInForce",
  "outOfAuthority",
  "visitedIn12Months",
  "awaitingProvision",
  "missingEducation",
] as const;

/** One counted event: in the measure's denominator on `date`; `counted` puts it in the numerator. */
export interface Fact {
  measure: FlowId;
  date: IsoDate;
  caseId: string;
  counted: boolean;
  /** For advice: the service. */
  group?: string;
}

export interface RegistryOptions {
  closures?: readonly Closure[];
  calendar?: WorkingDayCalendar;
  /** Nothing dated after today has happened yet (a meeting booked ahead is not held). */
  today: IsoDate;
}

/** Every dated fact in the records, for every flow measure. */
export function factsOf(records: readonly CaseRecord[], options: RegistryOptions): Fact[] {
  const calendar = options.calendar ?? englandAndWalesCalendar();
  const today = options.today;
  const facts: Fact[] = [];
  const push = (measure: FlowId, date: IsoDate | undefined, caseId: string, counted: boolean, group?: string) => {
    if (date && date <= today) facts.push({ measure, date, caseId, counted, ...(group ? { group } : {}) });
  };
  for (const record of records) {
    const caseId = record.id;
    for (const request of record.requests) {
      push("requests", request.received, caseId, true);
      if (request.received <= today)
        push("refusalRate", request.received, caseId, request.decision?.outcome === "refuse" && request.decision.date <= today);
      // The statutory dates from the same calculator as the clock on the case, as at the last
      // thing recorded on the request, so later entries elsewhere do not move them.
      const asOf = [request.received, request.decision?.date, request.noPlanNoticeSent, request.finalPlanIssued, request.draftServed]
        .filter((d): d is IsoDate => !!d && d <= today)
        .sort()
        .at(-1) as IsoDate;
      const result = calculateDeadlines(requestCalculatorInput(request, asOf, options.closures ?? []), { today: asOf, calendar });
      const due = (key: string) => result.deadlines.find((d) => d.key === key && d.subject === undefined)?.due;
      const decided = request.decision?.date;
      if (decided) {
        const d = due("assessment.decision");
        push("decisionsWithin6Weeks", decided, caseId, !!d && decided <= d);
      }
      const issued = request.finalPlanIssued;
      if (issued) {
        const d = due("assessment.finalPlan");
        const inTime = !!d && issued <= d;
        push("newPlans", issued, caseId, true);
        push("within20WeeksInclExceptions", issued, caseId, inTime);
        if (!hasTwentyWeekException(result)) push("within20WeeksExclExceptions", issued, caseId, inTime);
      }
      const notice = request.noPlanNoticeSent;
      if (notice) {
        const d = due("assessment.noPlanNotice");
        push("noPlanWithin16Weeks", notice, caseId, !!d && notice <= d);
      }
      // The calculator lists advice deadlines in the order of the advice requests.
      const adviceDue = result.deadlines.filter((x) => x.key === "advice.due");
      request.adviceRequests.forEach((advice, i) => {
        if (!advice.returned) return;
        // reg 8(1): 6 weeks from the body receiving the request; the calculator applies reg 8(2).
        const d = (adviceDue.length === request.adviceRequests.length ? adviceDue[i]?.due : undefined) ?? addDays(advice.received, 42);
        push("adviceWithin6Weeks", advice.returned, caseId, advice.returned <= d, advice.service);
      });
    }
    record.reviews.forEach((review, i) => {
      if (review.meeting > today) return;
      const plan = record.plans.filter((p) => p.made <= review.meeting).at(-1);
      if (!plan) return;
      const recorded = record.reviews[i - 1]?.meeting;
      let previous = recorded && recorded >= plan.made ? recorded : undefined;
      // The first review after a plan is transferred in is due by transfer.reviewBy (Regs 15(5);
      // STATUTORY.md §4): counted from the old council's last review or the plan, and the transfer.
      const transfer = plan.transferredIn;
      const firstAfterTransfer = transfer !== undefined && transfer.date <= review.meeting && (!previous || previous < transfer.date);
      if (firstAfterTransfer && transfer.lastReview && (!previous || transfer.lastReview > previous)) previous = transfer.lastReview;
      const events = {
        planMade: plan.made,
        reviewMeeting: review.meeting,
        ...(previous ? { previousReviewMeeting: previous } : {}),
        ...(firstAfterTransfer ? { transferredIn: transfer.date } : {}),
      };
      const found = calculateDeadlines({ asOf: review.meeting, events }, { today: review.meeting, calendar }).deadlines;
      const reviewDue = found.find((d) =>
        firstAfterTransfer ? d.key === "transfer.reviewBy" : d.key === "review.due" && d.subject === undefined,
      )?.due;
      push("reviewsOnTime", review.meeting, caseId, !!reviewDue && review.meeting <= reviewDue);
      // reg 20(10), 22(2): the decision (or the amendment notice) within 4 weeks of the meeting.
      const decision = review.decision?.date ?? review.amendmentNoticeSent;
      if (decision) push("reviewDecisionsWithin4Weeks", decision, caseId, decision <= addDays(review.meeting, 28));
      // reg 22(3): the amended plan at most 8 weeks after a notice due 4 weeks after the meeting.
      if (review.amendedPlanIssued)
        push("amendedWithin12Weeks", review.amendedPlanIssued, caseId, review.amendedPlanIssued <= addDays(review.meeting, 84));
    });
    for (const transfer of record.phaseTransfers) {
      if (transfer.kind === "post16Other") continue;
      // reg 18(1): before 15 February (school) or 31 March (post-16) of the year of transfer.
      const deadline = transfer.kind === "school" ? `${transfer.year}-02-14` : `${transfer.year}-03-30`;
      if (deadline > today) continue;
      push("phaseTransfersOnTime", deadline, caseId, !!transfer.finalised && transfer.finalised <= deadline);
    }
  }
  return facts;
}

// ---- Snapshots ----------------------------------------------------------------------------------

export type AgeBand = "under5" | "5to10" | "11to15" | "16to19" | "20to25";
export const AGE_BANDS: readonly AgeBand[] = ["under5", "5to10", "11to15", "16to19", "20to25"];
export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  under5: "Under 5",
  "5to10": "5 to 10",
  "11to15": "11 to 15",
  "16to19": "16 to 19",
  "20to25": "20 to 25",
};

function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export function ageBand(age: number): AgeBand {
  return age < 5 ? "under5" : age <= 10 ? "5to10" : age <= 15 ? "11to15" : age <= 19 ? "16to19" : "20to25";
}

const inForce = (record: CaseRecord, on: IsoDate) => record.plans.some((p) => p.made <= on && (!p.ceased || p.ceased.date > on));
const openOn = (periods: readonly { from: IsoDate; to?: IsoDate }[], on: IsoDate) => periods.some((p) => p.from <= on && (!p.to || p.to >= on));
export const placementsOn = (record: CaseRecord, on: IsoDate) => record.placements.filter((p) => p.start <= on && (!p.end || p.end >= on));

/** Which snapshot measures a case counts in on a day: denominator and numerator membership. */
interface SnapshotDay {
  on: IsoDate;
  census: IsoDate;
  yearBefore: IsoDate;
}

/** The dates a snapshot compares with, worked out once per period rather than per record. */
export function snapshotDay(on: IsoDate): SnapshotDay {
  return { on, census: censusDayOnOrBefore(on), yearBefore: addMonths(on, -12) };
}

export function snapshotOf(record: CaseRecord, day: SnapshotDay): Partial<Record<(typeof SNAPSHOT_IDS)[number], { counted: boolean }>> {
  const { on, census, yearBefore } = day;
  const out: Partial<Record<(typeof SNAPSHOT_IDS)[number], { counted: boolean }>> = {};
  if (inForce(record, census)) out.plansOnCensusDay = { counted: true };
  if (!inForce(record, on)) return out;
  out.plansInForce = { counted: true };
  const placements = placementsOn(record, on);
  out.outOfAuthority = { counted: placements.some((p) => p.outOfAuthority) };
  if (placements.some((p) => p.outOfAuthority || p.residential || p.settingCode === "EHE")) {
    out.visitedIn12Months = { counted: record.monitoringVisits.some((v) => v.date > yearBefore && v.date <= on) };
  }
  if (openOn(record.awaitingProvision, on)) out.awaitingProvision = { counted: true };
  if (openOn(record.missingEducation, on)) out.missingEducation = { counted: true };
  return out;
}

// ---- Figures ------------------------------------------------------------------------------------

export interface Figure {
  id: RegistryId;
  /** The count, or the percentage to one decimal place; null when there is nothing to count from. */
  value: number | null;
  numerator: number;
  /** For a percentage, what it is of; null for a count. */
  denominator: number | null;
}

export const percent = (numerator: number, denominator: number) => (denominator ? Math.round((1000 * numerator) / denominator) / 10 : null);

export function figureOf(id: RegistryId, numerator: number, denominator: number): Figure {
  return REGISTRY[id].unit === "percent"
    ? { id, value: percent(numerator, denominator), numerator, denominator }
    : { id, value: numerator, numerator, denominator: null };
}

/** Every registry measure's figure for a period, from facts and records read once. */
export function figuresFor(records: readonly CaseRecord[], facts: readonly Fact[], period: Period): Figure[] {
  const num = new Map<RegistryId, number>();
  const den = new Map<RegistryId, number>();
  const add = (id: RegistryId, counted: boolean) => {
    den.set(id, (den.get(id) ?? 0) + 1);
    if (counted) num.set(id, (num.get(id) ?? 0) + 1);
  };
  for (const fact of facts) if (fact.date >= period.from && fact.date <= period.to) add(fact.measure, fact.counted);
  const day = snapshotDay(period.to);
  for (const record of records) {
    const snapshot = snapshotOf(record, day);
    for (const id in snapshot) add(id as RegistryId, snapshot[id as keyof typeof snapshot]?.counted ?? false);
  }
  return REGISTRY_IDS.map((id) => figureOf(id, num.get(id) ?? 0, den.get(id) ?? 0));
}

export interface SeriesPoint {
  period: Period;
  figures: Figure[];
}

/** The registry month by month over a period. */
export function monthlySeries(records: readonly CaseRecord[], facts: readonly Fact[], period: Period): SeriesPoint[] {
  return monthsOf(period).map((month) => {
    const clipped = { ...month, from: laterOf(month.from, period.from), to: earlierOf(month.to, period.to) };
    return { period: clipped, figures: figuresFor(records, facts, clipped) };
  });
}

// ---- Breakdowns ---------------------------------------------------------------------------------

export interface Breakdown {
  /** "primaryNeed", "settingType", "ageBand", "yearGroup", "adviceService". */
  by: string;
  /** `withheld` when filtered to too few children (suppression.ts): count 0, no share. */
  rows: { key: string; count: number; numerator?: number; value?: number | null; withheld?: true }[];
}

/** The caseload on the period's last day by primary need, setting type, age and year group; advice by service. */
export function breakdownsFor(records: readonly CaseRecord[], facts: readonly Fact[], period: Period): Breakdown[] {
  const on = period.to;
  const need = new Map<string, number>(NEED_CODES.map((c) => [c, 0]));
  const setting = new Map<string, number>(SETTING_TYPES.map((c) => [c, 0]));
  const age = new Map<string, number>(AGE_BANDS.map((c) => [c, 0]));
  const year = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const record of records) {
    if (!inForce(record, on)) continue;
    bump(need, (record.child.needs.find((n) => n.rank === 1)?.code ?? "OTH") as NeedCode);
    const placement = placementsOn(record, on).at(-1);
    bump(setting, (placement?.settingType ?? "other") as SettingType);
    bump(age, ageBand(ageOn(record.child.dateOfBirth, on)));
    const group = yearGroupOn(record.child.dateOfBirth, on);
    bump(year, group < 0 ? "below reception" : group > 13 ? "beyond year 13" : String(group));
  }
  const advice = new Map<string, [number, number]>(ADVICE_SERVICES.map((s) => [s, [0, 0]]));
  for (const f of facts) {
    if (f.measure !== "adviceWithin6Weeks" || f.date < period.from || f.date > period.to) continue;
    const entry = advice.get(f.group as AdviceService) ?? [0, 0];
    advice.set(f.group as AdviceService, [entry[0] + (f.counted ? 1 : 0), entry[1] + 1]);
  }
  const yearOrder = ["below reception", ...Array.from({ length: 14 }, (_, i) => String(i)), "beyond year 13"];
  const rows = (m: Map<string, number>) => [...m].map(([key, count]) => ({ key, count }));
  return [
    { by: "primaryNeed", rows: rows(need) },
    { by: "settingType", rows: rows(setting) },
    { by: "ageBand", rows: rows(age) },
    { by: "yearGroup", rows: yearOrder.filter((k) => year.has(k)).map((key) => ({ key, count: year.get(key) ?? 0 })) },
    { by: "adviceService", rows: [...advice].map(([key, [n, d]]) => ({ key, count: d, numerator: n, value: percent(n, d) })) },
  ];
}

// ---- Drill-down ---------------------------------------------------------------------------------

export interface CaseBehind {
  caseId: string;
  /** In the numerator (in time, refused, placed out of area...), or only in the denominator. */
  counted: boolean;
  date?: IsoDate;
  group?: string;
}

/** The cases behind a measure's figure for a period: each in the denominator, marked if counted. */
export function casesBehind(records: readonly CaseRecord[], facts: readonly Fact[], id: RegistryId, period: Period): CaseBehind[] {
  if (REGISTRY[id].kind === "flow") {
    return facts
      .filter((f) => f.measure === id && f.date >= period.from && f.date <= period.to)
      .map((f) => ({ caseId: f.caseId, counted: f.counted, date: f.date, ...(f.group ? { group: f.group } : {}) }));
  }
  const out: CaseBehind[] = [];
  const day = snapshotDay(period.to);
  for (const record of records) {
    const v = snapshotOf(record, day)[id as (typeof SNAPSHOT_IDS)[number]];
    if (v) out.push({ caseId: record.id, counted: v.counted });
  }
  return out;
}
