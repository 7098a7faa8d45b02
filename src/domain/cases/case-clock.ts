// The statutory clock on a case (SPEC B5): a case record becomes the calculator's input
// (src/domain/statutory/input.ts) for its current request, its current plan's review cycle and its next phase
// transfer; the calculator (src/domain/statutory) works out every deadline, and this file adds
// the words a caseworker reads: what the step is and what it is counted from. No rule of its own
// beyond choosing which recorded dates are "current", and the 12-monthly monitoring visit,
// which is the council's own standard (Thurrock WSOA), not a regulation.

import { englandAndWalesCalendar, type WorkingDayCalendar } from "../bank-holidays.ts";
import { addDays, addMonths, daysBetween, formatDate, type IsoDate } from "../dates.ts";
import { academicYearOf, standardPhaseTransfers } from "../school-year.ts";
import { calculateDeadlines, type Deadline, type DeadlineStatus } from "../statutory/calculator.ts";
import {
  type AdviceRequest,
  type CalculatorEvents,
  type CalculatorInput,
  type Closure,
  type Period,
  parseCalculatorInput,
} from "../statutory/input.ts";
import { DEADLINE_KEYS, describeDeadline, rulesForKey } from "../statutory/rules.ts";
import {
  ADVICE_SERVICE_LABELS,
  type AdviceService,
  type AnnualReview,
  type AssessmentRequest,
  type CaseRecord,
  type PhaseTransferRecord,
  type Placement,
  type Plan,
  SETTING_CODE_LABELS,
} from "./types.ts";

export interface CaseClockOptions {
  today: IsoDate;
  /** Defaults to the England and Wales bank holidays. */
  calendar?: WorkingDayCalendar;
  /** The council's school closures of 4 weeks or more (SEND Regulations 2014 reg 10(4)(a) and 13(3)(a)). */
  closures?: readonly Closure[];
  /** "due soon" means due within this many days (default 14). */
  dueSoonDays?: number;
}

export interface CaseDeadline extends Deadline {
  /** Short name for lists: "Final plan", "Advice from health", "Next annual review". */
  label: string;
  /** The step in plain English (describeDeadline). */
  step: string;
  /** Who must act: "the council", "the family", "the body asked for advice". */
  actor: string;
  /** What the period is counted from: "20 weeks from the request on 8 September 2025". */
  countedFrom: string;
  /** Guidance only (review.underFive): never a breach. */
  advisory: boolean;
  /**
   * Someone other than the family must act and the record says when it was done, so "overdue"
   * is a breach to act on (the family's own time limits and steps with no completion event are not).
   */
  actionable: boolean;
  /** Why the calculator's status was replaced: a refusal or a withdrawal ends the request's later steps. */
  note?: string;
  requestId?: string;
  reviewId?: string;
  service?: AdviceService;
}

export interface CaseClock {
  /** What was given to the calculator (useful on the case page: "how this was worked out"). */
  input: CalculatorInput;
  deadlines: CaseDeadline[];
  warnings: string[];
}

/** Statuses of a step still to do. A relieved step still to do has no daysLate. */
export const OPEN_STATUSES: readonly DeadlineStatus[] = ["not yet due", "due soon", "due today", "overdue"];

export function isOpen(deadline: Deadline): boolean {
  return OPEN_STATUSES.includes(deadline.status) || (deadline.status === "relieved by an exception" && deadline.daysLate === undefined);
}

// ---- What is current ----------------------------------------------------------------------------

/** The plan in force on `today`: made by then and not ceased by then (the latest if several). */
export function currentPlan(record: CaseRecord, today: IsoDate): Plan | undefined {
  let found: Plan | undefined;
  for (const plan of record.plans) {
    if (plan.made > today || (plan.ceased && plan.ceased.date <= today)) continue;
    if (!found || plan.made >= found.made) found = plan;
  }
  return found;
}

/** The latest request received by `today`. */
export function currentRequest(record: CaseRecord, today: IsoDate): AssessmentRequest | undefined {
  let found: AssessmentRequest | undefined;
  for (const request of record.requests) {
    if (request.received > today) continue;
    if (!found || request.received >= found.received) found = request;
  }
  return found;
}

/** The request has not reached an end: no refusal, withdrawal, final plan or no-plan notice by `today`. */
export function requestInProgress(request: AssessmentRequest, today: IsoDate): boolean {
  const ended = (date: IsoDate | undefined) => date !== undefined && date <= today;
  if (request.decision?.outcome === "refuse" && ended(request.decision.date)) return false;
  return !ended(request.withdrawn?.date) && !ended(request.finalPlanIssued) && !ended(request.noPlanNoticeSent);
}

/** The current plan's review meetings, oldest first: those held by `today` and those booked after it. */
export function reviewsOf(record: CaseRecord, plan: Plan, today: IsoDate): { held: AnnualReview[]; booked: AnnualReview[] } {
  const reviews = record.reviews.filter((r) => r.meeting >= plan.made).sort((a, b) => (a.meeting < b.meeting ? -1 : a.meeting > b.meeting ? 1 : 0));
  return { held: reviews.filter((r) => r.meeting <= today), booked: reviews.filter((r) => r.meeting > today) };
}

/** The recorded phase transfer still to come (the move is on 1 September of its year), if any. */
export function comingPhaseTransfer(record: CaseRecord, today: IsoDate): PhaseTransferRecord | undefined {
  const earliestYear = academicYearOf(today) + 1;
  let found: PhaseTransferRecord | undefined;
  for (const transfer of record.phaseTransfers) {
    const coming =
      transfer.kind === "post16Other" ? transfer.transferDate !== undefined && transfer.transferDate > today : transfer.year >= earliestYear;
    if (coming && (!found || transfer.year < found.year)) found = transfer;
  }
  return found;
}

/** Placements on `today` (a dual placement gives two). */
export function currentPlacements(record: CaseRecord, today: IsoDate): Placement[] {
  return record.placements.filter((p) => p.start <= today && (p.end === undefined || p.end >= today));
}

/** The open period on `today` of a list (awaiting provision, missing education), if any. */
export function openPeriodOn<T extends { from: IsoDate; to?: IsoDate }>(periods: readonly T[], today: IsoDate): T | undefined {
  return periods.find((p) => p.from <= today && (p.to === undefined || p.to >= today));
}

// ---- The calculator's input ---------------------------------------------------------------------

interface Parts {
  request: AssessmentRequest | undefined;
  plan: Plan | undefined;
  lastReview: AnnualReview | undefined;
  reviewBefore: AnnualReview | undefined;
  booked: AnnualReview | undefined;
  transfer: PhaseTransferRecord | undefined;
  today: IsoDate;
}

function partsOf(record: CaseRecord, today: IsoDate): Parts {
  const plan = currentPlan(record, today);
  const reviews = plan ? reviewsOf(record, plan, today) : { held: [], booked: [] };
  return {
    request: currentRequest(record, today),
    plan,
    lastReview: reviews.held.at(-1),
    reviewBefore: reviews.held.at(-2),
    booked: reviews.booked[0],
    transfer: plan ? comingPhaseTransfer(record, today) : undefined,
    today,
  };
}

function setRequestEvents(events: CalculatorEvents, input: CalculatorInput, request: AssessmentRequest, closures: readonly Closure[]) {
  events.requestReceived = request.received;
  if (request.decision) events.decisionNotified = request.decision.date;
  if (request.noPlanNoticeSent) events.noPlanNoticeSent = request.noPlanNoticeSent;
  if (request.draftServed) events.draftServed = request.draftServed;
  if (request.finalPlanIssued) events.finalPlanIssued = request.finalPlanIssued;
  if (request.adviceRequests.length) {
    events.adviceRequests = request.adviceRequests.map((a) => {
      const advice: AdviceRequest = { service: ADVICE_SERVICE_LABELS[a.service], received: a.received, headOfInstitution: a.headOfInstitution };
      if (a.returned) advice.returned = a.returned;
      if (a.missedAppointment) advice.missedAppointment = a.missedAppointment;
      return advice;
    });
  }
  const mediation = request.mediation;
  if (mediation) {
    if (mediation.decisionNoticeSent) events.decisionNoticeSent = mediation.decisionNoticeSent;
    if (mediation.mediationAdviserTold) events.mediationAdviserTold = mediation.mediationAdviserTold;
    if (mediation.mediationCertificateIssued) events.mediationCertificateIssued = mediation.mediationCertificateIssued;
    if (mediation.placementOnlyAppeal) events.placementOnlyAppeal = true;
  }
  // §3: recorded exceptions become the calculator's periods; it decides whether they relieve a limit.
  const circumstances: Period[] = [];
  const absences: Period[] = [];
  const ownClosures: Closure[] = [];
  for (const e of request.exceptions) {
    if (e.ground === "personal-circumstances") circumstances.push({ from: e.from, to: e.to, reason: e.reason });
    else if (e.ground === "absence") absences.push({ from: e.from, to: e.to, reason: e.reason });
    else ownClosures.push({ from: e.from, reopens: addDays(e.to, 1), reason: e.reason });
  }
  if (circumstances.length) input.exceptionalCircumstances = circumstances;
  if (absences.length) input.absences = absences;
  if (ownClosures.length || closures.length) input.closures = [...closures, ...ownClosures];
}

function setPlanEvents(events: CalculatorEvents, record: CaseRecord, parts: Parts) {
  const { plan, lastReview, reviewBefore, transfer } = parts;
  if (!plan) return;
  events.planMade = plan.made;
  // Only with a plan in force: the date of birth also drives phase transfers and under-five reviews.
  events.childDateOfBirth = record.child.dateOfBirth;
  if (lastReview) {
    events.reviewMeeting = lastReview.meeting;
    if (lastReview.reportCirculated) events.reviewReportCirculated = lastReview.reportCirculated;
    if (lastReview.decision) events.reviewDecisionNotified = lastReview.decision.date;
    if (lastReview.amendmentNoticeSent) events.amendmentNoticeSent = lastReview.amendmentNoticeSent;
    if (lastReview.amendedPlanIssued) events.amendedPlanIssued = lastReview.amendedPlanIssued;
  }
  if (reviewBefore) events.previousReviewMeeting = reviewBefore.meeting;
  // A plan transferred in (Regs 15): the transfer, and the old council's last review if it comes
  // after any earlier one on record and before this year's meeting.
  const transferredIn = plan.transferredIn;
  if (transferredIn && transferredIn.date <= parts.today) {
    events.transferredIn = transferredIn.date;
    const old = transferredIn.lastReview;
    if (old && (!reviewBefore || old > reviewBefore.meeting) && (!lastReview || old < lastReview.meeting)) events.previousReviewMeeting = old;
  }
  if (transfer) {
    events.transferKind = transfer.kind;
    if (transfer.kind === "post16Other") {
      if (transfer.transferDate) events.transferDate = transfer.transferDate;
    } else {
      events.transferYear = transfer.year;
    }
    if (transfer.finalised) events.phaseTransferFinalised = transfer.finalised;
  }
}

/** The calculator's input for one request on its own (the measures count every request of a year). */
export function requestCalculatorInput(request: AssessmentRequest, asOf: IsoDate, closures: readonly Closure[] = []): CalculatorInput {
  const events: CalculatorEvents = {};
  const input: CalculatorInput = { asOf, events };
  setRequestEvents(events, input, request, closures);
  return input;
}

/** The calculator's input for a case on `today`: its current request, review cycle and phase transfer. */
export function caseCalculatorInput(record: CaseRecord, today: IsoDate, closures: readonly Closure[] = []): CalculatorInput {
  const parts = partsOf(record, today);
  return inputFromParts(record, parts, today, closures);
}

function inputFromParts(record: CaseRecord, parts: Parts, today: IsoDate, closures: readonly Closure[]): CalculatorInput {
  const events: CalculatorEvents = {};
  const input: CalculatorInput = { asOf: today, events };
  if (parts.request) setRequestEvents(events, input, parts.request, closures);
  else if (closures.length) input.closures = [...closures];
  setPlanEvents(events, record, parts);
  return input;
}

// ---- Words --------------------------------------------------------------------------------------

const fmt = formatDate;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The status in a few words, as a list row ends: "3 days left", "due today", "4 days overdue". */
export function statusInWords(deadline: Pick<CaseDeadline, "status" | "due" | "daysLate" | "note"> & { actor?: string }, today: IsoDate): string {
  const left = daysBetween(today, deadline.due);
  switch (deadline.status) {
    case "not yet due":
    case "due soon":
      return `${plural(left, "day")} left`;
    case "due today":
      return "due today";
    case "overdue":
      // The family's own time limit is not a breach: it has simply ended.
      return deadline.actor === "the family" ? `ended ${plural(-left, "day")} ago` : `${plural(-left, "day")} overdue`;
    case "met on time":
      return "done on time";
    case "met late":
      return `done ${plural(deadline.daysLate ?? 0, "day")} late`;
    case "relieved by an exception":
      return deadline.daysLate === undefined ? "not yet done, but relieved by an exception" : "done late, relieved by an exception";
    case "not applicable":
      return deadline.note ? `not needed: ${deadline.note}` : "not needed";
  }
}

/** "Final plan due 26 January 2026 (20 weeks from the request on 8 September 2025): 3 days left". */
export function deadlineSentence(deadline: CaseDeadline, today: IsoDate): string {
  const verb = deadline.actor === "the family" ? "closes" : "due";
  const practical = deadline.practical !== deadline.due && isOpen(deadline) ? `; last working day ${fmt(deadline.practical)}` : "";
  return `${deadline.label} ${verb} ${fmt(deadline.due)} (${deadline.countedFrom}${practical}): ${statusInWords(deadline, today)}`;
}

interface Words {
  label: string;
  countedFrom: string;
}

function transferWords(record: CaseRecord, kind: "school" | "post16", year: number, recorded: PhaseTransferRecord | undefined): string {
  const standard = standardPhaseTransfers(record.child.dateOfBirth).find((t) => t.kind === kind && t.transferYear === year);
  const from = recorded?.from ?? standard?.from;
  const to = recorded?.to ?? standard?.to;
  return from && to ? `${from} to ${to}` : kind === "school" ? "the next school phase" : "post-16";
}

function wordsFor(
  deadline: Deadline,
  record: CaseRecord,
  parts: Parts,
  adviceService: AdviceService | undefined,
  received: IsoDate | undefined,
): Words {
  const { request, plan, lastReview, reviewBefore, booked, transfer } = parts;
  const requestOn = request ? `the request on ${fmt(request.received)}` : "the request";
  switch (deadline.key) {
    case "assessment.decision":
      return { label: "Decision whether to assess", countedFrom: `6 weeks from ${requestOn}` };
    case "assessment.noPlanNotice":
      return { label: "Decision whether to issue a plan (notice if not)", countedFrom: `16 weeks from ${requestOn}` };
    case "assessment.finalPlan":
      return { label: "Final plan", countedFrom: `20 weeks from ${requestOn}` };
    case "draft.representationsEnd":
      return {
        label: "Family's comments on the draft plan",
        countedFrom: `15 days beginning with the day the draft was served, ${request?.draftServed ? fmt(request.draftServed) : "not recorded"}`,
      };
    case "advice.due": {
      const name = adviceService ? ADVICE_SERVICE_LABELS[adviceService] : (deadline.subject ?? "the service");
      const short = adviceService === "education" ? "education" : name.toLowerCase();
      return {
        label: `Advice from ${short}`,
        countedFrom: `6 weeks from the service receiving the request on ${received ? fmt(received) : "a date not recorded"}`,
      };
    }
    case "review.due": {
      if (deadline.subject === "next review") {
        return {
          label: "Next annual review",
          countedFrom: `12 months starting with the last review meeting, ${lastReview ? fmt(lastReview.meeting) : ""}`,
        };
      }
      const from = reviewBefore ? `the review meeting on ${fmt(reviewBefore.meeting)}` : `the day the plan was made, ${plan ? fmt(plan.made) : ""}`;
      return { label: "Annual review", countedFrom: `12 months starting with ${from}` };
    }
    case "review.underFive": {
      const from = reviewBefore ? `the review meeting on ${fmt(reviewBefore.meeting)}` : `the day the plan was made, ${plan ? fmt(plan.made) : ""}`;
      return { label: `Under-five review (advice only, ${deadline.subject ?? ""})`, countedFrom: `${deadline.subject ?? ""} starting with ${from}` };
    }
    case "review.invitationsBy":
      return { label: "Review invitations and advice", countedFrom: `2 weeks before the review meeting on ${booked ? fmt(booked.meeting) : ""}` };
    case "review.reportBy":
      return { label: "Review report", countedFrom: `2 weeks from the review meeting on ${lastReview ? fmt(lastReview.meeting) : ""}` };
    case "review.decisionBy":
      return { label: "Decision after the review", countedFrom: `4 weeks from the review meeting on ${lastReview ? fmt(lastReview.meeting) : ""}` };
    case "amendment.representationsEnd":
      return {
        label: "Family's comments on the proposed amendments",
        countedFrom: `15 days beginning with the day the amendment notice was sent, ${lastReview?.amendmentNoticeSent ? fmt(lastReview.amendmentNoticeSent) : ""}`,
      };
    case "amendment.finalBy":
      return {
        label: "Final amended plan",
        countedFrom: `8 weeks from the amendment notice on ${lastReview?.amendmentNoticeSent ? fmt(lastReview.amendmentNoticeSent) : ""}`,
      };
    case "phaseTransfer.school": {
      const year = Number(deadline.due.slice(0, 4));
      return {
        label: `Phase transfer: ${transferWords(record, "school", year, transfer)}`,
        countedFrom: `before 15 February in ${year}, the year of the move`,
      };
    }
    case "phaseTransfer.post16": {
      const year = Number(deadline.due.slice(0, 4));
      return {
        label: `Phase transfer: ${transferWords(record, "post16", year, transfer)}`,
        countedFrom: `before 31 March in ${year}, the year of the move`,
      };
    }
    case "phaseTransfer.post16Other":
      return {
        label: "Phase transfer between post-16 institutions",
        countedFrom: `5 months before the move on ${transfer?.transferDate ? fmt(transfer.transferDate) : ""}`,
      };
    case "transfer.reviewBy": {
      const transferred = plan?.transferredIn;
      return {
        label: "First review after the transfer in",
        countedFrom: `the later of 12 months from the plan or its last review, and 3 months from the transfer${transferred ? ` on ${fmt(transferred.date)}` : ""}`,
      };
    }
    case "mediation.contactBy":
      return {
        label: "Family's contact with a mediation adviser",
        countedFrom: `2 months after the decision notice on ${request?.mediation?.decisionNoticeSent ? fmt(request.mediation.decisionNoticeSent) : ""}`,
      };
    case "mediation.certificateBy":
      return {
        label: "Mediation certificate",
        countedFrom: `3 working days after the mediation adviser was told on ${request?.mediation?.mediationAdviserTold ? fmt(request.mediation.mediationAdviserTold) : ""}`,
      };
    case "appeal.lodgeBy":
      return {
        label: "Appeal to the tribunal",
        countedFrom: "2 months after the decision notice, or 1 month after the mediation certificate if later",
      };
    default: {
      const description = describeDeadline(deadline.key);
      return { label: description?.step ?? deadline.key, countedFrom: description?.basis ?? deadline.provision };
    }
  }
}

// Keys whose "overdue" is a breach someone must act on: not advice, not the family's own time
// limit, and fulfilled by a recorded event (the next annual review is fulfilled by the next cycle).
const ACTIONABLE_KEYS = new Set<string>(
  DEADLINE_KEYS.filter((key) => {
    const description = describeDeadline(key);
    const completes = rulesForKey(key).some((rule) => (rule.metBy?.length ?? 0) > 0);
    return description !== undefined && !description.advisory && description.actor !== "the family" && (completes || key === "review.due");
  }),
);

const REQUEST_KEYS = new Set(["assessment.decision", "advice.due", "assessment.noPlanNotice", "draft.representationsEnd", "assessment.finalPlan"]);
const REVIEW_KEYS = new Set([
  "review.due",
  "review.invitationsBy",
  "review.reportBy",
  "review.decisionBy",
  "amendment.representationsEnd",
  "amendment.finalBy",
]);

// ---- The clock on a case ------------------------------------------------------------------------

/**
 * Every deadline of a case on `today`, with its status and the words to show. A refused or
 * withdrawn request's later steps are "not applicable", with the reason in `note`.
 */
export function caseClock(record: CaseRecord, options: CaseClockOptions): CaseClock {
  const { today } = options;
  const calendar = options.calendar ?? englandAndWalesCalendar();
  const parts = partsOf(record, today);
  const input = inputFromParts(record, parts, today, options.closures ?? []);
  const parsed = parseCalculatorInput(input);
  if (!parsed.ok) {
    return { input, deadlines: [], warnings: parsed.errors.map((e) => `The case's dates cannot be put on the clock: ${e.message}`) };
  }
  const calculatorOptions = { today, calendar, dueSoonDays: options.dueSoonDays ?? 14 };
  const result = calculateDeadlines(parsed.value, calculatorOptions);
  // A held meeting's invitation date has passed and nothing records the invitations: leave it out.
  const found: Deadline[] = result.deadlines.filter((d) => d.key !== "review.invitationsBy");
  // A meeting booked after today: its invitation date comes from a second run with it as "this year's" meeting.
  if (parts.booked && parts.plan) {
    const booked: CalculatorEvents = { planMade: parts.plan.made, reviewMeeting: parts.booked.meeting };
    if (parts.lastReview) booked.previousReviewMeeting = parts.lastReview.meeting;
    const invitations = calculateDeadlines({ asOf: today, events: booked }, calculatorOptions).deadlines.find(
      (d) => d.key === "review.invitationsBy",
    );
    if (invitations) found.push(invitations);
  }

  const request = parts.request;
  const ended = endOfRequest(request, today);
  const deadlines: CaseDeadline[] = [];
  let adviceIndex = 0;
  for (const deadline of found) {
    let service: AdviceService | undefined;
    let received: IsoDate | undefined;
    if (deadline.key === "advice.due") {
      const advice = request?.adviceRequests[adviceIndex++];
      service = advice?.service;
      received = advice?.received;
    }
    const description = describeDeadline(deadline.key);
    const words = wordsFor(deadline, record, parts, service, received);
    const caseDeadline: CaseDeadline = {
      ...deadline,
      label: words.label,
      step: description?.step ?? deadline.key,
      actor: description?.actor ?? "the council",
      countedFrom: words.countedFrom,
      advisory: description?.advisory ?? false,
      actionable: ACTIONABLE_KEYS.has(deadline.key),
    };
    if (service) caseDeadline.service = service;
    if (request && (REQUEST_KEYS.has(deadline.key) || deadline.key.startsWith("mediation.") || deadline.key === "appeal.lodgeBy")) {
      caseDeadline.requestId = request.id;
    }
    if (REVIEW_KEYS.has(deadline.key)) {
      const review =
        deadline.key === "review.invitationsBy"
          ? parts.booked
          : deadline.key !== "review.due"
            ? parts.lastReview
            : deadline.subject === undefined && (deadline.status === "met on time" || deadline.status === "met late")
              ? parts.lastReview
              : undefined;
      if (review) caseDeadline.reviewId = review.id;
    }
    // The request's later steps end with a refusal or a withdrawal (the calculator has no such event).
    if (ended && REQUEST_KEYS.has(deadline.key) && deadline.key !== "assessment.decision" && isOpen(deadline)) {
      caseDeadline.status = "not applicable";
      caseDeadline.note = ended;
      delete caseDeadline.relievedBy;
    }
    deadlines.push(caseDeadline);
  }
  return { input, deadlines, warnings: result.warnings };
}

/** Why a request's remaining steps no longer apply on `today`, if they do not. */
function endOfRequest(request: AssessmentRequest | undefined, today: IsoDate): string | undefined {
  if (!request) return undefined;
  if (request.withdrawn && request.withdrawn.date <= today) return `the request was withdrawn on ${fmt(request.withdrawn.date)}`;
  if (request.decision?.outcome === "refuse" && request.decision.date <= today) {
    return `the council decided not to assess on ${fmt(request.decision.date)}`;
  }
  return undefined;
}

/** The deadlines of a case on `today` (caseClock without the input and warnings). */
export function caseDeadlines(record: CaseRecord, options: CaseClockOptions): CaseDeadline[] {
  return caseClock(record, options).deadlines;
}

// ---- Monitoring visits --------------------------------------------------------------------------

/** How often a placement out of the area, residential or at home must be visited (WSOA: yearly). */
export const VISIT_INTERVAL_MONTHS = 12;

export type VisitStatus = "not yet due" | "due soon" | "due today" | "overdue";

export interface VisitDue {
  placement: Placement;
  /** "placed out of authority", "in a residential placement", "home educated"; joined with "and". */
  because: string;
  lastVisit?: IsoDate;
  due: IsoDate;
  status: VisitStatus;
  /** Negative when overdue. */
  daysLeft: number;
  /** "Placed out of authority at Heathfield House School since 1 September 2023; last visited 3 March 2025". */
  reason: string;
}

function visitReasons(placement: Placement): string[] {
  const reasons: string[] = [];
  if (placement.outOfAuthority) reasons.push("placed out of authority");
  if (placement.residential) reasons.push("in a residential placement");
  if (placement.settingCode === "EHE") reasons.push("home educated");
  return reasons;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * When a child with a plan placed out of authority, in a residential setting or home educated
 * (SEN2 setting code EHE) next needs a welfare visit: 12 months after the last visit since the
 * placement began, or 12 months after it began if never visited. Undefined when no visit is needed.
 */
export function monitoringVisitDue(record: CaseRecord, today: IsoDate, options: { dueSoonDays?: number } = {}): VisitDue | undefined {
  if (!currentPlan(record, today)) return undefined;
  const dueSoonDays = options.dueSoonDays ?? 14;
  let best: VisitDue | undefined;
  for (const placement of currentPlacements(record, today)) {
    const reasons = visitReasons(placement);
    if (reasons.length === 0) continue;
    let lastVisit: IsoDate | undefined;
    for (const visit of record.monitoringVisits) {
      if (visit.date < placement.start || visit.date > today) continue;
      if (visit.placementId !== undefined && visit.placementId !== placement.id) continue;
      if (lastVisit === undefined || visit.date > lastVisit) lastVisit = visit.date;
    }
    const due = addMonths(lastVisit ?? placement.start, VISIT_INTERVAL_MONTHS);
    const daysLeft = daysBetween(today, due);
    const status: VisitStatus = daysLeft < 0 ? "overdue" : daysLeft === 0 ? "due today" : daysLeft <= dueSoonDays ? "due soon" : "not yet due";
    const because = joinAnd(reasons);
    const where = placement.settingCode === "EHE" && !placement.outOfAuthority && !placement.residential ? "" : ` at ${placement.settingName}`;
    const visited = lastVisit ? `last visited ${fmt(lastVisit)}` : "not visited since the placement began";
    const reason = `${because.charAt(0).toUpperCase()}${because.slice(1)}${where} since ${fmt(placement.start)}; ${visited}`;
    const candidate: VisitDue = { placement, because, due, status, daysLeft, reason };
    if (lastVisit) candidate.lastVisit = lastVisit;
    if (!best || due < best.due) best = candidate;
  }
  return best;
}

/** The setting in words: its name, or the SEN2 code's meaning when it has no name. */
export function settingInWords(placement: Placement): string {
  if (placement.settingName) return placement.settingName;
  return placement.settingCode ? SETTING_CODE_LABELS[placement.settingCode] : "Setting not recorded";
}
