// The statutory clock (SEND Regulations 2014, HESC Tribunal Rules 2008; output as input.ts). Pure: "today" and the
// working-day calendar are parameters. It reads the rows of rules.ts and applies them to the
// events given; it holds no regulation of its own beyond the exceptions (SEND Regulations 2014 reg 5(4), 8(2), 10(4), 13(3) and 27(3)).

import { englandAndWalesCalendar, type WorkingDayCalendar } from "../bank-holidays.ts";
import {
  addMonthsToDayNumber,
  type DayNumber,
  dayNumberFromParts,
  formatDate,
  fromDayNumber,
  type IsoDate,
  partsFromDayNumber,
  toDayNumber,
} from "../dates.ts";
import { nextPhaseTransfer, type PhaseTransferKind, standardPhaseTransfers } from "../school-year.ts";
import { applyCounting, type Counting, daysBeginning, tribunalRollForward } from "./counting.ts";
import { type CalculatorInput, type InputError, parseCalculatorInput } from "./input.ts";
import { ANCHORS, type Anchor, type DeadlineKey, type Flag, STATUTORY_RULES, type StatutoryRule } from "./rules.ts";

export const DEADLINE_STATUSES = [
  "not yet due",
  "due soon",
  "due today",
  "overdue",
  "met on time",
  "met late",
  "relieved by an exception",
  "not applicable",
] as const;

export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export interface Deadline {
  key: DeadlineKey;
  /** The last compliant day under the rule (after the Tribunal roll-forward where it applies). */
  due: IsoDate;
  /** The last working day on or before `due`. */
  practical: IsoDate;
  status: DeadlineStatus;
  provision: string;
  subject?: string;
  daysLate?: number;
  relievedBy?: string;
}

export interface CalculatorResult {
  deadlines: Deadline[];
  warnings: string[];
}

export interface CalculatorOptions {
  /** Used when the input has no asOf. */
  today: IsoDate;
  calendar: WorkingDayCalendar;
  /** "due soon" means due within this many days (default 14). */
  dueSoonDays?: number;
}

const DEFAULT_DUE_SOON_DAYS = 14;
const FOUR_WEEKS = 28;

interface DayPeriod {
  from: DayNumber;
  to: DayNumber;
  reason: string | undefined;
  field: string;
}

interface AdviceScope {
  field: string;
  subject: string;
  received: DayNumber;
  returned: DayNumber;
  headOfInstitution: boolean;
  missedAppointment: DayNumber;
}

// Anchors are kept in an array indexed by anchor, with ABSENT for "not given": the clock runs
// for every case of a national caseload, and a keyed object lookup per rule was too slow.
const ABSENT = -0x80000000;
const ANCHOR_NAMES = Object.keys(ANCHORS) as Anchor[];
const A = Object.fromEntries(ANCHOR_NAMES.map((name, index) => [name, index])) as Record<Anchor, number>;
// Events of the input that are anchors as they are (the first group of ANCHORS), by name.
const EVENT_ANCHOR_INDEX = new Map<string, number>(ANCHOR_NAMES.filter((name) => ANCHORS[name] === `events.${name}`).map((name) => [name, A[name]]));
const NO_ANCHORS: readonly number[] = ANCHOR_NAMES.map(() => ABSENT);

function freshAnchors(): number[] {
  return NO_ANCHORS.slice();
}

/** A rule row with its anchor names turned into indices, once, at load. */
interface CompiledRule {
  rule: StatutoryRule;
  /** The first anchor the rule cannot do without: when it is absent the rule is skipped. */
  required: number;
  /** True when a missing `required` anchor means nothing to report (one start, not per advice request). */
  skipWhenAbsent: boolean;
  starts: { anchor: number; name: Anchor; counting: Counting; optional: boolean }[];
  metBy: number[];
  notApplicableAnchors: number[];
  notApplicableFlags: Flag[];
}

const isFlag = (name: Anchor | Flag): name is Flag => name === "childUnderFive" || name === "placementOnlyAppeal";

function requiredAnchor(rule: StatutoryRule): number {
  const start = rule.starts.find((s) => !s.optional);
  if (!start) throw new Error(`${rule.key}: a rule needs at least one start that is not optional`);
  return A[start.from];
}

const COMPILED_RULES: readonly CompiledRule[] = STATUTORY_RULES.map((rule) => ({
  rule,
  required: requiredAnchor(rule),
  skipWhenAbsent: rule.starts.length === 1 && !rule.perAdviceRequest,
  starts: rule.starts.map((s) => ({ anchor: A[s.from], name: s.from, counting: s.counting, optional: s.optional === true })),
  metBy: (rule.metBy ?? []).map((name) => A[name]),
  notApplicableAnchors: (rule.notApplicableWhen ?? []).filter((n): n is Anchor => !isFlag(n)).map((name) => A[name]),
  notApplicableFlags: (rule.notApplicableWhen ?? []).filter(isFlag),
}));

interface Context {
  asOf: DayNumber;
  dueSoonDays: number;
  calendar: WorkingDayCalendar;
  anchors: number[];
  flags: Record<Flag, boolean>;
  advice: AdviceScope[];
  closures: readonly DayPeriod[];
  absences: readonly DayPeriod[];
  circumstances: readonly DayPeriod[];
  warnings: string[];
  /** Earliest practical and latest due date, to say which years' holidays were used. */
  firstPractical: DayNumber;
  lastDue: DayNumber;
}

const dayOr = (iso: IsoDate | undefined): DayNumber => (iso === undefined ? ABSENT : toDayNumber(iso));
const fmt = (dayNumber: DayNumber): string => formatDate(fromDayNumber(dayNumber));

const NONE: readonly DayPeriod[] = [];

function toPeriods(list: readonly { from: IsoDate; to: IsoDate; reason?: string }[] | undefined, name: string): readonly DayPeriod[] {
  if (!list || list.length === 0) return NONE;
  const periods: DayPeriod[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (p) periods.push({ from: toDayNumber(p.from), to: toDayNumber(p.to), reason: p.reason, field: `${name}[${i}]` });
  }
  return periods;
}

function toClosures(list: CalculatorInput["closures"]): readonly DayPeriod[] {
  if (!list || list.length === 0) return NONE;
  const periods: DayPeriod[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    // Stored with `to` = the last day closed, the day before it reopens.
    if (c) periods.push({ from: toDayNumber(c.from), to: toDayNumber(c.reopens) - 1, reason: c.reason, field: `closures[${i}]` });
  }
  return periods;
}

/** Works out every deadline the input's events make applicable, with its status as of a date. */
export function calculateDeadlines(input: CalculatorInput, options: CalculatorOptions): CalculatorResult {
  const asOf = toDayNumber(input.asOf ?? options.today);
  const events = input.events ?? {};
  const ctx: Context = {
    asOf,
    dueSoonDays: options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS,
    calendar: options.calendar,
    anchors: freshAnchors(),
    flags: { childUnderFive: false, placementOnlyAppeal: events.placementOnlyAppeal === true },
    advice: [],
    closures: toClosures(input.closures),
    absences: toPeriods(input.absences, "absences"),
    circumstances: toPeriods(input.exceptionalCircumstances, "exceptionalCircumstances"),
    warnings: [],
    firstPractical: Number.POSITIVE_INFINITY,
    lastDue: Number.NEGATIVE_INFINITY,
  };
  setAnchors(input, ctx);
  for (const periods of [ctx.closures, ctx.absences, ctx.circumstances]) {
    for (const p of periods) if (p.from > asOf) setAside(ctx, `${p.field}.from`, fromDayNumber(p.from));
  }

  const deadlines: Deadline[] = [];
  const anchors = ctx.anchors;
  for (const compiled of COMPILED_RULES) {
    // Most rows do not apply to a given case; skip them before any work.
    if (compiled.skipWhenAbsent && anchors[compiled.required] === ABSENT) continue;
    if (compiled.rule.perAdviceRequest) {
      for (const scope of ctx.advice) {
        anchors[A.adviceReceived] = scope.received;
        anchors[A.adviceReturned] = scope.returned;
        const deadline = evaluate(compiled, ctx, scope);
        if (deadline) deadlines.push(deadline);
      }
      anchors[A.adviceReceived] = ABSENT;
      anchors[A.adviceReturned] = ABSENT;
    } else {
      const deadline = evaluate(compiled, ctx, undefined);
      if (deadline) deadlines.push(deadline);
    }
  }
  addLaterWarnings(ctx, deadlines);
  return { deadlines, warnings: ctx.warnings };
}

const latest = (a: DayNumber, b: DayNumber): DayNumber => (a > b ? a : b);

// Dates that are plans rather than happenings, kept when they are after the as-of date: a booked
// review meeting (its invitations are due before it) and a known move date (Regs 15(2)).
const BOOKINGS = new Set(["reviewMeeting", "moveDate"]);

/** STATUTORY.md §4 (2026-12): as of a date, later events have not happened; each is set aside. */
function setAside(ctx: Context, field: string, date: IsoDate) {
  ctx.warnings.push(`${field} (${date}) is after the as-of date (${fromDayNumber(ctx.asOf)}), so it is set aside: it has not happened yet.`);
}

function setAnchors(input: CalculatorInput, ctx: Context) {
  const events = input.events ?? {};
  const a = ctx.anchors;
  const { asOf, warnings } = ctx;
  // Only the events present: most inputs give a handful of the thirty.
  const given = events as Record<string, unknown>;
  for (const name in given) {
    const index = EVENT_ANCHOR_INDEX.get(name);
    const value = given[name];
    if (index === undefined || typeof value !== "string") continue;
    const day = toDayNumber(value);
    if (day > asOf && !BOOKINGS.has(name)) setAside(ctx, `events.${name}`, value);
    else a[index] = day;
  }
  const planMade = a[A.planMade] ?? ABSENT;
  const reviewMeeting = a[A.reviewMeeting] ?? ABSENT;
  const previousReview = a[A.previousReviewMeeting] ?? ABSENT;

  // Annual reviews: CFA s44(1) counts from the plan, then from the last review meeting.
  a[A.reviewCycleStart] = previousReview !== ABSENT ? previousReview : planMade;
  const reviewHeld = reviewMeeting !== ABSENT && reviewMeeting <= asOf ? reviewMeeting : ABSENT;
  a[A.reviewHeld] = reviewHeld;
  a[A.annualCycleStart] = a[A.reviewCycleStart] ?? ABSENT;
  a[A.annualReviewHeld] = reviewHeld;
  const notice = a[A.amendmentNoticeSent] ?? ABSENT;
  if (notice !== ABSENT) {
    if (reviewMeeting === ABSENT || notice >= reviewMeeting) a[A.amendmentNoticeAfterMeeting] = notice;
    else {
      warnings.push(
        `events.amendmentNoticeSent (${fromDayNumber(notice)}) is before events.reviewMeeting (${fromDayNumber(reviewMeeting)}), so it is not counted as the decision after that review.`,
      );
    }
  }

  // Moves between councils (Regs 15): the review after the transfer, and the last one before it.
  const transfer = a[A.transferredIn] ?? ABSENT;
  if (transfer !== ABSENT) {
    const heldAfter = reviewHeld !== ABSENT && reviewHeld >= transfer ? reviewHeld : ABSENT;
    a[A.reviewHeldAfterTransfer] = heldAfter;
    // §4: review.due is not shown beside transfer.reviewBy until the new council's review is held.
    a[A.annualCycleStart] = ABSENT;
    a[A.annualReviewHeld] = heldAfter;
    if (heldAfter === ABSENT && (planMade !== ABSENT || previousReview !== ABSENT || reviewMeeting !== ABSENT)) {
      warnings.push(
        "review.due is not shown after the transfer in: the new council's first review is due by transfer.reviewBy, and the 12-month cycle runs from that review meeting once it is held.",
      );
    }
    let last = ABSENT;
    if (planMade !== ABSENT && planMade <= transfer) last = latest(last, planMade);
    if (previousReview !== ABSENT && previousReview <= transfer) last = latest(last, previousReview);
    if (reviewMeeting !== ABSENT && reviewMeeting <= transfer) last = latest(last, reviewMeeting);
    a[A.lastReviewBeforeTransfer] = last;
  }

  // Tribunal orders (Regs 44) and unopposed appeals (Regs 45).
  const order = events.tribunalOrder && toDayNumber(events.tribunalOrder.date) > asOf ? undefined : events.tribunalOrder;
  if (events.tribunalOrder && !order) setAside(ctx, "events.tribunalOrder.date", events.tribunalOrder.date);
  if (order) {
    const anchor =
      order.kind === "assess"
        ? A.orderToAssess
        : order.kind === "makePlan"
          ? A.orderToMakePlan
          : order.kind === "amend"
            ? A.orderToAmend
            : A.orderOnPlacement;
    a[anchor] = toDayNumber(order.date);
  }
  const unopposed = events.unopposedNotice && toDayNumber(events.unopposedNotice.date) > asOf ? undefined : events.unopposedNotice;
  if (events.unopposedNotice && !unopposed) setAside(ctx, "events.unopposedNotice.date", events.unopposedNotice.date);
  if (unopposed) a[unopposed.kind === "assessment" ? A.unopposedAssessmentAppeal : A.unopposedContentsAppeal] = toDayNumber(unopposed.date);

  // Under five: as given, else from the date of birth (CoP 9.178 is advisory).
  const dateOfBirth = dayOr(events.childDateOfBirth);
  ctx.flags.childUnderFive = events.childUnderFive ?? (dateOfBirth !== ABSENT && asOf < addMonthsToDayNumber(dateOfBirth, 60));

  setPhaseTransferAnchors(input, ctx);

  const requests = events.adviceRequests ?? [];
  for (let index = 0; index < requests.length; index++) {
    const request = requests[index];
    if (!request) continue;
    const subject = request.service ?? `advice request ${index + 1}`;
    const field = `events.adviceRequests[${index}]`;
    if (request.received === undefined) {
      warnings.push(`${field} (${subject}) has no received date, so its advice.due deadline cannot be worked out.`);
    } else if (toDayNumber(request.received) > asOf) {
      setAside(ctx, `${field}.received`, request.received);
      continue;
    }
    let returned = dayOr(request.returned);
    if (request.returned !== undefined && returned > asOf) {
      setAside(ctx, `${field}.returned`, request.returned);
      returned = ABSENT;
    }
    let missedAppointment = dayOr(request.missedAppointment);
    if (request.missedAppointment !== undefined && missedAppointment > asOf) {
      setAside(ctx, `${field}.missedAppointment`, request.missedAppointment);
      missedAppointment = ABSENT;
    }
    ctx.advice.push({
      field,
      subject,
      received: dayOr(request.received),
      returned,
      headOfInstitution: request.headOfInstitution === true,
      missedAppointment,
    });
  }
}

// Phase transfers (Regs 18): the year as recorded, else worked out from the date of birth (§5).
function setPhaseTransferAnchors(input: CalculatorInput, ctx: Context) {
  const events = input.events ?? {};
  const a = ctx.anchors;
  const kind = events.transferKind;
  // STATUTORY.md §4 (2026-12): worked out only while a plan is in force (made, issued, transferred
  // in or reviewed by the as-of date; later events were set aside, a booked meeting implies a plan).
  const hasPlan =
    a[A.planMade] !== ABSENT ||
    a[A.reviewMeeting] !== ABSENT ||
    a[A.previousReviewMeeting] !== ABSENT ||
    a[A.transferredIn] !== ABSENT ||
    a[A.finalPlanIssued] !== ABSENT;
  if (!hasPlan) {
    if (kind !== undefined || events.transferYear !== undefined || events.transferDate !== undefined) {
      ctx.warnings.push("Phase transfers are worked out only while a plan is in force: give events.planMade (or the plan's review meetings).");
    }
    return;
  }
  if (events.transferDate !== undefined && kind !== "post16Other") {
    ctx.warnings.push('events.transferDate is only used when events.transferKind is "post16Other" (a move between post-16 institutions).');
  }
  if (kind === "post16Other") {
    if (events.transferDate !== undefined) a[A.post16OtherTransferDate] = toDayNumber(events.transferDate);
    else ctx.warnings.push("phaseTransfer.post16Other needs events.transferDate, the date of the move between post-16 institutions.");
    return;
  }
  if (events.transferYear !== undefined) {
    const year = events.transferYear;
    let k: PhaseTransferKind | undefined = kind;
    if (k === undefined && events.childDateOfBirth !== undefined) {
      for (const t of standardPhaseTransfers(events.childDateOfBirth)) if (t.transferYear === year) k = t.kind;
    }
    if (k === undefined) {
      k = "school";
      ctx.warnings.push(
        'events.transferYear is given without events.transferKind, so it is taken as a school phase transfer (before 15 February). Give transferKind "post16" for a move from secondary school to post-16.',
      );
    }
    a[k === "school" ? A.schoolTransferYear : A.post16TransferYear] = dayNumberFromParts(year, 1, 1);
    return;
  }
  // Without a recorded year: the next standard transfer from the date of birth (§5), the
  // early-years one being into Reception.
  if (events.childDateOfBirth !== undefined) {
    const next = nextPhaseTransfer(events.childDateOfBirth, fromDayNumber(ctx.asOf), kind);
    if (next) {
      a[next.kind === "school" ? A.schoolTransferYear : A.post16TransferYear] = dayNumberFromParts(next.transferYear, 1, 1);
      ctx.warnings.push(
        `phaseTransfer.${next.kind} is worked out from events.childDateOfBirth: ${next.from} to ${next.to} in September ${next.transferYear}. ` +
          "If the council has infant and junior or middle schools, give events.transferYear.",
      );
    } else if (kind !== undefined) {
      ctx.warnings.push(
        `No ${kind === "school" ? "school" : "post-16"} phase transfer is left for a child born on ${formatDate(events.childDateOfBirth)}; give events.transferYear if there is one.`,
      );
    }
    return;
  }
  if (kind !== undefined) {
    ctx.warnings.push(`phaseTransfer.${kind} needs events.transferYear or events.childDateOfBirth.`);
  }
}

function evaluate(compiled: CompiledRule, ctx: Context, scope: AdviceScope | undefined): Deadline | undefined {
  const { rule } = compiled;
  if (rule.onlyWhen && !ctx.flags[rule.onlyWhen]) return undefined;
  const { anchors, calendar, asOf } = ctx;

  // The due date: the later of the periods that start from the anchors given (§2).
  let due = ABSENT;
  let periodStart = ABSENT;
  let missing: Anchor | undefined;
  let anyGiven = false;
  for (const start of compiled.starts) {
    const anchor = anchors[start.anchor] ?? ABSENT;
    if (anchor === ABSENT) {
      if (!start.optional) missing ??= start.name;
      continue;
    }
    anyGiven = true;
    if (periodStart === ABSENT) periodStart = anchor;
    const end = applyCounting(start.counting, anchor, calendar);
    if (end > due) due = end;
  }
  if (missing !== undefined || due === ABSENT) {
    if (missing !== undefined && anyGiven) ctx.warnings.push(`${rule.key} cannot be worked out without ${ANCHORS[missing]}.`);
    return undefined;
  }
  // Regulations deadlines never move; Tribunal Rules ones do (HESC Rules r12).
  if (rule.tribunalRollForward) due = tribunalRollForward(due, calendar, true);
  const practical = calendar.lastWorkingDayNumberOnOrBefore(due);
  if (practical < ctx.firstPractical) ctx.firstPractical = practical;
  if (due > ctx.lastDue) ctx.lastDue = due;

  // Fulfilled by the later of the events that meet it (§4). Events after the as-of date were set
  // aside one by one in setAnchors, so a decision before it counts even when a later amendment
  // notice is also given (2026-12 clarification); the check here keeps that true for any anchor.
  let met = ABSENT;
  for (const index of compiled.metBy) {
    const d = anchors[index] ?? ABSENT;
    if (d > met && d <= asOf) met = d;
  }

  let status: DeadlineStatus;
  let daysLate: number | undefined;
  let relievedBy: string | undefined;
  if (met !== ABSENT && met <= due) {
    status = "met on time";
  } else if (met === ABSENT && isNotApplicable(compiled, ctx)) {
    status = "not applicable";
  } else {
    relievedBy = rule.exceptions ? findRelief(rule.exceptions, periodStart, due, ctx, scope) : undefined;
    if (met !== ABSENT) {
      daysLate = met - due;
      status = relievedBy ? "relieved by an exception" : "met late";
    } else if (relievedBy) {
      status = "relieved by an exception";
    } else {
      const left = due - asOf;
      status = left < 0 ? "overdue" : left === 0 ? "due today" : left <= ctx.dueSoonDays ? "due soon" : "not yet due";
    }
  }

  const subject = scope ? scope.subject : rule.subject;
  const deadline: Deadline = { key: rule.key, due: fromDayNumber(due), practical: fromDayNumber(practical), status, provision: rule.provision };
  if (subject !== undefined) deadline.subject = subject;
  if (daysLate !== undefined) deadline.daysLate = daysLate;
  if (relievedBy !== undefined) deadline.relievedBy = relievedBy;

  if (relievedBy) {
    ctx.warnings.push(
      `${rule.key}${scope ? ` (${scope.subject})` : ""} is relieved by an exception: the statutory date ${fmt(due)} stays and the duty to act as soon as practicable remains` +
        (rule.key === "assessment.finalPlan" ? "; the SEN2 20-week exception flag is set." : "."),
    );
  }
  if (status === "overdue" && compiled.metBy.length === 0) {
    ctx.warnings.push(
      rule.actor === "the family"
        ? `${rule.key} is the family's time limit; "overdue" means only that it has passed.`
        : `${rule.key}: nothing in the input records when this step was done, so "overdue" means only that its date has passed.`,
    );
  }
  return deadline;
}

/** An event that has happened, or a fact, makes the deadline not applicable. */
function isNotApplicable(compiled: CompiledRule, ctx: Context): boolean {
  for (const flag of compiled.notApplicableFlags) if (ctx.flags[flag]) return true;
  for (const index of compiled.notApplicableAnchors) {
    const d = ctx.anchors[index] ?? ABSENT;
    if (d !== ABSENT && d <= ctx.asOf) return true;
  }
  return false;
}

const overlapDays = (p: DayPeriod, from: DayNumber, to: DayNumber): number => Math.min(p.to, to) - Math.max(p.from, from) + 1;

const withReason = (text: string, reason: string | undefined) => (reason ? `${text}: ${reason}` : text);

/**
 * §3: the 6, 16, 20 and 14 week limits (Regs 5(4), 10(4), 13(3), 27(3)) and the advice limit
 * (Regs 8(2)) are relieved when meeting them was impractical for one of the listed reasons
 * during the period. Returns the grounds found, in plain English, or undefined.
 */
function findRelief(
  exceptions: NonNullable<StatutoryRule["exceptions"]>,
  start: DayNumber,
  due: DayNumber,
  ctx: Context,
  scope: AdviceScope | undefined,
): string | undefined {
  const { asOf } = ctx;
  const grounds: string[] = [];
  const isAdvice = exceptions.grounds === "advice";

  if (!isAdvice) {
    // (a)/(b): advice asked of a school, college or early years provider from one week before
    // it closed for at least 4 weeks until one week before it reopened (in practice the summer).
    for (const closure of ctx.closures) {
      const reopens = closure.to + 1;
      if (closure.from > asOf || reopens - closure.from < FOUR_WEEKS) continue;
      for (const request of ctx.advice) {
        const asked = request.received;
        if (!request.headOfInstitution || asked === ABSENT || asked > asOf) continue;
        if (asked >= closure.from - 7 && asked <= reopens - 7 && asked >= start && asked <= due) {
          const ground = withReason(
            `advice was asked of ${request.subject} on ${fmt(asked)}, within the window from one week before it closed (${fmt(closure.from)}) to one week before it reopened (${fmt(reopens)})`,
            closure.reason,
          );
          grounds.push(`${ground} (${exceptions.provision}(a) or (b))`);
          break;
        }
      }
    }
  }
  // Exceptional personal circumstances of the child, young person or parent during the period.
  for (const p of ctx.circumstances) {
    if (p.from > asOf) continue;
    if (overlapDays(p, start, due) > 0) {
      grounds.push(
        `${withReason(`exceptional personal circumstances from ${fmt(p.from)} to ${fmt(p.to)}`, p.reason)} (${exceptions.provision}(${isAdvice ? "a" : "c"}))`,
      );
    }
  }
  // Absent from the area for a continuous period of at least 4 weeks during the period.
  for (const p of ctx.absences) {
    if (p.from > asOf) continue;
    if (overlapDays(p, start, due) >= FOUR_WEEKS) {
      grounds.push(
        `${withReason(`absent from the area from ${fmt(p.from)} to ${fmt(p.to)}`, p.reason)} (${exceptions.provision}(${isAdvice ? "b" : "d"}))`,
      );
    }
  }
  // Advice only: the child missed an appointment the body made during the 6 weeks (Regs 8(2)(c)).
  if (isAdvice && scope && scope.missedAppointment !== ABSENT) {
    const missed = scope.missedAppointment;
    if (missed <= asOf && missed >= start && missed <= due)
      grounds.push(`the child missed an appointment on ${fmt(missed)} (${exceptions.provision}(c))`);
  }
  return grounds.length ? grounds.join("; ") : undefined;
}

function addLaterWarnings(ctx: Context, deadlines: readonly Deadline[]) {
  const { asOf, warnings, calendar } = ctx;
  // Regs 13(1) and 22(2): the final plan may not come before the family's 15 days have ended.
  const draft = ctx.anchors[A.draftServed] ?? ABSENT;
  const finalPlan = ctx.anchors[A.finalPlanIssued] ?? ABSENT;
  if (draft !== ABSENT && finalPlan !== ABSENT && finalPlan <= daysBeginning(draft, 15)) {
    warnings.push(
      `events.finalPlanIssued (${fromDayNumber(finalPlan)}) is before the family's 15 days to comment on the draft had ended (${fromDayNumber(daysBeginning(draft, 15))}); the final plan must not be issued before then (SEND Regulations 2014 reg 13(1)).`,
    );
  }
  const notice = ctx.anchors[A.amendmentNoticeSent] ?? ABSENT;
  const amended = ctx.anchors[A.amendedPlanIssued] ?? ABSENT;
  if (notice !== ABSENT && amended !== ABSENT && amended <= daysBeginning(notice, 15)) {
    warnings.push(
      `events.amendedPlanIssued (${fromDayNumber(amended)}) is before the family's 15 days to comment on the amendments had ended (${fromDayNumber(daysBeginning(notice, 15))}) (SEND Regulations 2014 reg 22(2)).`,
    );
  }
  if ((ctx.anchors[A.noPlanNoticeSent] ?? ABSENT) !== ABSENT && finalPlan !== ABSENT) {
    warnings.push("Both events.noPlanNoticeSent and events.finalPlanIssued are given; check which happened.");
  }
  const meeting = ctx.anchors[A.reviewMeeting] ?? ABSENT;
  if (meeting !== ABSENT && meeting > asOf) {
    const meetingDate = fromDayNumber(meeting);
    for (const d of deadlines) {
      if (d.key === "review.due" && d.subject === undefined && d.due < meetingDate) {
        warnings.push(`The review meeting booked for ${fmt(meeting)} is after the annual review is due (${formatDate(d.due)}).`);
      }
    }
  }
  if (
    (ctx.anchors[A.decisionNoticeSent] ?? ABSENT) !== ABSENT &&
    (ctx.anchors[A.mediationCertificateIssued] ?? ABSENT) === ABSENT &&
    !ctx.flags.placementOnlyAppeal
  ) {
    warnings.push("appeal.lodgeBy may move later: a mediation certificate gives the family 1 month from its date if that ends later.");
  }
  for (const d of deadlines) {
    if (d.key === "review.underFive") {
      warnings.push("review.underFive is guidance in the SEND Code of Practice (para 9.178), not a legal time limit: missing it is not a breach.");
      break;
    }
  }
  for (const closure of ctx.closures) {
    if (closure.to + 1 - closure.from < FOUR_WEEKS) {
      warnings.push(`${closure.field} is shorter than 4 weeks, so it cannot excuse a time limit (SEND Regulations 2014 reg 5(4)(a)).`);
    }
  }
  for (const absence of ctx.absences) {
    if (absence.to - absence.from + 1 < FOUR_WEEKS) {
      warnings.push(`${absence.field} is shorter than 4 weeks, so it cannot excuse a time limit (SEND Regulations 2014 reg 5(4)(d)).`);
    }
  }
  // Say when a year's bank holidays came from the rules rather than the GOV.UK data (§1).
  if (deadlines.length) {
    const lastYear = partsFromDayNumber(ctx.lastDue).year;
    for (let year = partsFromDayNumber(ctx.firstPractical).year; year <= lastYear; year++) {
      if (calendar.holidaySource(year) === "rules") {
        warnings.push(
          `Bank holidays for ${year} are worked out by rule, not from the GOV.UK list shipped with the system; a one-off bank holiday that year would be missed.`,
        );
      }
    }
  }
}

export type EvaluateResult = { ok: true; value: CalculatorResult } | { ok: false; errors: InputError[] };

export interface EvaluateOptions {
  today: IsoDate;
  /** Defaults to the England and Wales calendar shipped with the system. */
  calendar?: WorkingDayCalendar;
  dueSoonDays?: number;
}

/**
 * Validate a request (any JSON value) and work out its deadlines: the one path shared by the
 * command line, the JSON API and the calculator page. Never throws.
 */
export function evaluateCalculatorRequest(json: unknown, options: EvaluateOptions): EvaluateResult {
  const parsed = parseCalculatorInput(json);
  if (!parsed.ok) return parsed;
  try {
    const value = calculateDeadlines(parsed.value, {
      today: options.today,
      calendar: options.calendar ?? englandAndWalesCalendar(),
      ...(options.dueSoonDays === undefined ? {} : { dueSoonDays: options.dueSoonDays }),
    });
    return { ok: true, value };
  } catch (error) {
    const detail = error instanceof Error ? error.message : "unknown error";
    return {
      ok: false,
      errors: [{ field: "input", message: `The deadlines could not be worked out (${detail}). Please report this with the input.` }],
    };
  }
}

/** True when the SEN2 20-week exception flag applies (§3): the 20-week limit was relieved. */
export function hasTwentyWeekException(result: CalculatorResult): boolean {
  return result.deadlines.some((d) => d.key === "assessment.finalPlan" && d.status === "relieved by an exception");
}
