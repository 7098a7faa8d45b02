// From case records to the SEN2 return (SPEC C4; STATUTORY.md §6). Pure: the census year, the
// council's settings and the file's serial number and time are parameters.
//
// Scope, after the guide's list of cases in scope [S2]: a child is in the return when, as at
// census day, they have a plan in force, or a plan that ceased in the activity year (the previous
// calendar year), or a request received in the activity year or still open on census day, or a
// request whose decision, plan or notice falls in the activity year.
import type { AssessmentRequest, CaseRecord, PhaseTransferRecord, Placement, Plan } from "../cases/types.ts";
import { addMonths } from "../dates.ts";
import {
  CENSUS_DAYS,
  COLLECTION,
  DIRECT_PAYMENTS_YES,
  EXPORTED_YES,
  isUkprn,
  PHASE_TRANSFER_DUE,
  PLAN_CEASED_ON_CENSUS_DAY_IS_ACTIVE,
  PLAN_RES_CODES,
  RELEASE,
  REQUEST_SOURCE_BY_REQUESTER,
  REVIEW_DRAFT_IS_AMENDMENT_NOTICE,
  REVIEW_OUTCOME_CODES,
  SOFTWARE_CODE,
  SOURCE_LEVEL,
  WORK_BASED_CODES,
  WRITE_REVERSED_REFUSAL_AS_N,
  WRITE_WITHDRAWN_DATE,
} from "./constants.ts";
import type { Sen2ActivePlans, Sen2Assessment, Sen2Header, Sen2Person, Sen2Request, Sen2Return, Sen2Setting, Sen2Settings } from "./model.ts";

export interface CensusPeriod {
  year: number;
  censusDay: string;
  /** The activity period: the previous calendar year. */
  activityStart: string;
  activityEnd: string;
}

export function censusPeriod(year: number): CensusPeriod {
  return { year, censusDay: CENSUS_DAYS[year] ?? thirdThursdayOfJanuary(year), activityStart: `${year - 1}-01-01`, activityEnd: `${year - 1}-12-31` };
}

function thirdThursdayOfJanuary(year: number): string {
  const weekday = new Date(Date.UTC(year, 0, 1)).getUTCDay(); // 0 Sunday
  const firstThursday = 1 + ((4 - weekday + 7) % 7);
  return `${year}-01-${String(firstThursday + 14).padStart(2, "0")}`;
}

/** The plan is in force on the day (see PLAN_CEASED_ON_CENSUS_DAY_IS_ACTIVE). */
export function planInForce(plan: Plan, day: string): boolean {
  const from = plan.transferredIn?.date ?? plan.made;
  if (from > day) return false;
  if (!plan.ceased) return true;
  return PLAN_CEASED_ON_CENSUS_DAY_IS_ACTIVE ? plan.ceased.date >= day : plan.ceased.date > day;
}

/** A plan that ceased in the activity year (module 4 keeps recently ceased plans). */
function ceasedInPeriod(plan: Plan, period: CensusPeriod): boolean {
  return !!plan.ceased && plan.ceased.date >= period.activityStart && plan.ceased.date <= period.censusDay && !planInForce(plan, period.censusDay);
}

function requestInScope(request: AssessmentRequest, period: CensusPeriod): boolean {
  const { activityStart, censusDay } = period;
  if (request.received > censusDay) return false;
  if (request.received >= activityStart) return true;
  const dates = [request.decision?.date, request.finalPlanIssued, request.noPlanNoticeSent, request.withdrawn?.date];
  if (dates.some((d) => d !== undefined && d >= activityStart && d <= censusDay)) return true;
  return openOn(request, censusDay);
}

/** Work still going on on census day: no refusal, no plan, no notice, not withdrawn. */
function openOn(request: AssessmentRequest, day: string): boolean {
  const by = (d?: string) => d !== undefined && d <= day;
  if (by(request.withdrawn?.date) || by(request.finalPlanIssued) || by(request.noPlanNoticeSent)) return false;
  return !(request.decision && by(request.decision.date) && request.decision.outcome === "refuse");
}

export interface ScopedPerson {
  caseId: string;
  person: Sen2Person;
}

/** Each child in scope, in the order given. */
export function personsInScope(records: CaseRecord[], year: number): ScopedPerson[] {
  const period = censusPeriod(year);
  const out: ScopedPerson[] = [];
  for (const record of records) {
    const person = personFor(record, period);
    if (person) out.push({ caseId: record.id, person });
  }
  return out;
}

export function personFor(record: CaseRecord, period: CensusPeriod): Sen2Person | undefined {
  const { censusDay } = period;
  const plans = record.plans.filter((p) => planInForce(p, censusDay) || ceasedInPeriod(p, period));
  const requests = record.requests.filter((r) => requestInScope(r, period));
  // A plan in scope brings the request it came from, whatever its date.
  for (const plan of plans) {
    const from = record.requests.find((r) => r.id === plan.requestId);
    if (from && !requests.includes(from) && from.received <= censusDay) requests.push(from);
  }
  if (plans.length === 0 && requests.length === 0) return undefined;
  requests.sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0));

  const entries: Sen2Request[] = [];
  const placed = new Set<Plan>();
  for (const request of requests) {
    const plan = plans.find((p) => p.requestId === request.id && !p.transferredIn);
    if (plan) placed.add(plan);
    entries.push(requestEntry(record, request, plan, period));
  }
  // Plans without a request held here (made long ago, or transferred in): outcome H (constants).
  for (const plan of plans) {
    if (placed.has(plan)) continue;
    entries.push(historicEntry(record, plan, period));
  }
  entries.sort((a, b) => (a.ReceivedDate < b.ReceivedDate ? -1 : a.ReceivedDate > b.ReceivedDate ? 1 : 0));

  const child = record.child;
  return {
    Surname: child.lastName,
    Forename: child.firstName,
    PersonBirthDate: child.dateOfBirth,
    Sex: child.sex,
    ...(child.ethnicity ? { Ethnicity: child.ethnicity } : {}),
    ...(child.postcode ? { PostCode: child.postcode } : {}),
    ...(child.upn ? { UPN: child.upn } : {}),
    ...(child.uln ? { UniqueLearnerNumber: child.uln } : {}),
    ...(!child.upn && !child.uln && child.upnUnknown ? { UPNunknown: child.upnUnknown } : {}),
    Requests: entries,
  };
}

const flag = (value: unknown) => (value ? "1" : "0");
const within = (d: string | undefined, day: string) => d !== undefined && d <= day;

function requestEntry(record: CaseRecord, request: AssessmentRequest, plan: Plan | undefined, period: CensusPeriod): Sen2Request {
  const { censusDay, activityStart } = period;
  const decision = request.decision && within(request.decision.date, censusDay) ? request.decision : undefined;
  const withdrawn = within(request.withdrawn?.date, censusDay) ? request.withdrawn : undefined;
  const reversedFrom = decision && decision.date >= activityStart ? reversedRefusal(request) : undefined;
  let outcome: string;
  let outcomeDate: string | undefined;
  if (decision) {
    if (decision.date < activityStart) outcome = "H";
    else if (reversedFrom) [outcome, outcomeDate] = ["N", reversedFrom];
    else {
      outcome = decision.outcome === "assess" ? "Y" : "N";
      outcomeDate = decision.date;
    }
  } else if (withdrawn) {
    outcome = "W";
    if (WRITE_WITHDRAWN_DATE) outcomeDate = withdrawn.date;
  } else outcome = "A";
  // Mediation and appeal recorded against a refusal (reversed or not) belong to the request; otherwise to the assessment.
  const refused = decision?.outcome === "refuse" || !!reversedFrom;
  const mediation = !!request.mediation?.mediationCertificateIssued || !!request.mediation?.mediationAdviserTold;
  const tribunal = !!request.mediation?.appealLodged;
  const entry: Sen2Request = {
    ReceivedDate: request.received,
    RequestSource: REQUEST_SOURCE_BY_REQUESTER[request.requestedBy] ?? "5",
    RYA: flag(request.youthAccommodation),
    ...(outcomeDate ? { RequestOutcomeDate: outcomeDate } : {}),
    RequestOutcome: outcome,
    RequestMediation: flag(refused && mediation),
    RequestTribunal: flag(refused && tribunal),
    ...(withdrawn?.movedAway ? { Exported: EXPORTED_YES } : {}),
  };
  if (decision?.outcome === "assess") entry.Assessment = assessmentEntry(record, request, plan, period, !refused && mediation, !refused && tribunal);
  if (plan && planInForce(plan, censusDay)) entry.ActivePlans = activePlans(record, plan, period);
  return entry;
}

/**
 * The date of the refusal a decision to assess reversed, when it was reversed at mediation or
 * tribunal: an appeal (or mediation) on the request dated before the decision now in force, and the
 * refusal's notice date (constants: WRITE_REVERSED_REFUSAL_AS_N).
 */
function reversedRefusal(request: AssessmentRequest): string | undefined {
  const m = request.mediation;
  if (!WRITE_REVERSED_REFUSAL_AS_N || request.decision?.outcome !== "assess" || !m?.decisionNoticeSent) return undefined;
  const decided = request.decision.date;
  const appealed = [m.appealLodged, m.mediationCertificateIssued, m.mediationAdviserTold].some((d) => d !== undefined && d < decided);
  return appealed && m.decisionNoticeSent < decided ? m.decisionNoticeSent : undefined;
}

function assessmentEntry(
  record: CaseRecord,
  request: AssessmentRequest,
  plan: Plan | undefined,
  period: CensusPeriod,
  mediation: boolean,
  tribunal: boolean,
): Sen2Assessment {
  const { censusDay, activityStart } = period;
  let outcome = "A";
  let date: string | undefined;
  const decided = within(request.finalPlanIssued, censusDay) ? request.finalPlanIssued : undefined;
  const notIssued = within(request.noPlanNoticeSent, censusDay) ? request.noPlanNoticeSent : undefined;
  if (decided) [outcome, date] = decided < activityStart ? ["H", undefined] : ["Y", decided];
  else if (notIssued) [outcome, date] = notIssued < activityStart ? ["H", undefined] : ["N", notIssued];
  else if (within(request.withdrawn?.date, censusDay)) [outcome, date] = ["W", WRITE_WITHDRAWN_DATE ? request.withdrawn?.date : undefined];
  const assessment: Sen2Assessment = {
    AssessmentOutcome: outcome,
    ...(date ? { AssessmentOutcomeDate: date } : {}),
    AssessmentMediation: flag(mediation),
    AssessmentTribunal: flag(tribunal),
    OtherMediation: flag(request.mediation?.otherMediation),
    OtherTribunal: flag(request.mediation?.otherAppeal),
    Week20: flag(request.exceptions.length > 0),
  };
  if (plan) assessment.NamedPlan = namedPlan(record, plan, period);
  return assessment;
}

function historicEntry(record: CaseRecord, plan: Plan, period: CensusPeriod): Sen2Request {
  const entry: Sen2Request = {
    ReceivedDate: plan.made,
    RequestOutcome: "H",
    RequestMediation: "0",
    RequestTribunal: "0",
    Assessment: {
      AssessmentOutcome: "H",
      AssessmentMediation: "0",
      AssessmentTribunal: "0",
      Week20: "0",
      NamedPlan: namedPlan(record, plan, period),
    },
  };
  if (planInForce(plan, period.censusDay)) entry.ActivePlans = activePlans(record, plan, period);
  return entry;
}

function namedPlan(record: CaseRecord, plan: Plan, period: CensusPeriod) {
  const last = plan.ceased && plan.ceased.date <= period.censusDay ? plan.ceased.date : period.censusDay;
  // The settings named in the plan: the placements in force on census day (or the plan's last day).
  const named = record.placements.filter((p) => p.start <= last && (p.end === undefined || p.end >= last));
  const weeks = named.find((p) => p.residential && p.residentialWeeks)?.residentialWeeks;
  const workBased = named.find((p) => p.workBased)?.workBased;
  const budget = plan.personalBudget;
  return {
    StartDate: plan.made,
    ...(weeks ? { PlanRes: PLAN_RES_CODES[weeks] } : {}),
    ...(workBased ? { PlanWBP: WORK_BASED_CODES[workBased] } : {}),
    PB: flag(budget),
    ...(budget ? { OA: flag(budget.organisedArrangements), DP: budget.directPayments ? DIRECT_PAYMENTS_YES : "0" } : {}),
    ...(plan.ceased && plan.ceased.date <= period.censusDay ? { CeaseDate: plan.ceased.date, CeaseReason: String(plan.ceased.reason) } : {}),
    PlanDetail: named.map((p, i) => setting(p, i + 1, false)),
  };
}

function activePlans(record: CaseRecord, plan: Plan, period: CensusPeriod): Sen2ActivePlans {
  const { censusDay, activityStart } = period;
  const review = [...record.reviews].reverse().find((r) => r.meeting >= plan.made && r.meeting <= censusDay);
  const reviewInPeriod = review && review.meeting >= activityStart ? review : undefined;
  const decision = reviewInPeriod?.decision && reviewInPeriod.decision.date <= censusDay ? reviewInPeriod.decision : undefined;
  const transfer = plan.transferredIn && plan.transferredIn.date >= activityStart ? plan.transferredIn : undefined;
  const attended = record.placements.filter((p) => p.start <= censusDay && (p.end === undefined || p.end >= activityStart));
  // The phase transfer of the activity year or the census year (constants: PHASE_TRANSFER_DUE).
  const phase = record.phaseTransfers
    .filter((t) => t.year === period.year - 1 || t.year === period.year)
    .sort((a, b) => a.year - b.year)
    .at(-1);
  const due = phase ? phaseTransferDueDate(phase) : undefined;
  return {
    ...(transfer ? { TransferLA: transfer.from ?? "" } : {}),
    ...(reviewInPeriod ? { ReviewMeeting: reviewInPeriod.meeting } : {}),
    ...(decision ? { ReviewOutcome: REVIEW_OUTCOME_CODES[decision.outcome] } : {}),
    ...(REVIEW_DRAFT_IS_AMENDMENT_NOTICE && reviewInPeriod?.amendmentNoticeSent && reviewInPeriod.amendmentNoticeSent <= censusDay
      ? { ReviewDraft: reviewInPeriod.amendmentNoticeSent }
      : {}),
    ...(due ? { PhaseTransferDueDate: due } : {}),
    ...(phase?.finalised && phase.finalised <= censusDay ? { PhaseTransferFinalDate: phase.finalised } : {}),
    ...(decision ? { LastReview: decision.date } : {}),
    PlacementDetail: attended.map((p, i) => setting(p, rankOf(attended, p, i), true, censusDay)),
    SENneed: [...record.child.needs].sort((a, b) => a.rank - b.rank).map((n) => ({ SENtype: n.code, SENtypeRank: String(n.rank) })),
  };
}

/** The day a phase transfer's amended plan is due (SEND Regulations 2014 reg 18); none for a post-16 move without its date. */
export function phaseTransferDueDate(t: PhaseTransferRecord): string | undefined {
  if (t.kind === "school") return `${t.year}-${PHASE_TRANSFER_DUE.school}`;
  if (t.kind === "post16") return `${t.year}-${PHASE_TRANSFER_DUE.post16}`;
  return t.transferDate ? addMonths(t.transferDate, -PHASE_TRANSFER_DUE.post16OtherMonthsBefore) : undefined;
}

/** Rank 1 for the first placement running at a time; 2 for a second one alongside it (dual placement). */
function rankOf(all: Placement[], p: Placement, index: number): number {
  const overlapping = all.slice(0, index).some((q) => q.start <= (p.end ?? "9999") && (q.end ?? "9999") >= p.start);
  return overlapping ? 2 : 1;
}

function setting(p: Placement, rank: number, attended: boolean, censusDay = ""): Sen2Setting {
  const id = p.urn ? (isUkprn(p.urn) ? { UKPRN: p.urn } : { URN: p.urn }) : {};
  return {
    ...id,
    ...(!p.urn && p.settingCode ? { SENsetting: p.settingCode } : {}),
    ...(!p.urn && (p.settingCode === "OTH" || p.settingCode === "NIEO") && p.settingDescription ? { SENsettingOther: p.settingDescription } : {}),
    PlacementRank: String(Math.min(rank, 2)),
    ...(attended ? { EntryDate: p.start, ...(p.end && p.end <= censusDay ? { LeavingDate: p.end } : {}) } : {}),
    SENunitIndicator: flag(p.settingType === "resourced" && p.senUnit),
    ResourcedProvisionIndicator: flag(p.settingType === "resourced" && !p.senUnit),
    ...(attended ? { Res: flag(p.residential), WBP: flag(p.workBased) } : {}),
  };
}

export interface HeaderOptions {
  settings: Sen2Settings;
  serialNo: number;
  /** `YYYY-MM-DDThh:mm:ss`, the file's creation time. */
  dateTime: string;
}

export function buildHeader(year: number, options: HeaderOptions): Sen2Header {
  const s = options.settings;
  return {
    Collection: COLLECTION,
    Year: String(year),
    ReferenceDate: censusPeriod(year).censusDay,
    SourceLevel: SOURCE_LEVEL,
    LEA: s.laNumber,
    SoftwareCode: SOFTWARE_CODE,
    Release: RELEASE,
    SerialNo: String(options.serialNo),
    DateTime: options.dateTime,
    ...(s.dmo ? { DMO: s.dmo } : {}),
    ...(s.dco ? { DCO: s.dco } : {}),
    ...(s.dsco ? { DSCO: s.dsco } : {}),
  };
}

export function buildReturn(records: CaseRecord[], year: number, options: HeaderOptions): { sen2: Sen2Return; caseIds: string[] } {
  const scoped = personsInScope(records, year);
  return { sen2: { header: buildHeader(year, options), persons: scoped.map((s) => s.person) }, caseIds: scoped.map((s) => s.caseId) };
}
