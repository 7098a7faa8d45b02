// A council's SEN2 return read in to start its caseload (SPEC D5): each person becomes a case
// record with the requests, decisions, plans, placements, reviews and needs the file gives, dated
// as the file says. Pure: ids and the caseworker are parameters. What SEN2 does not hold (advice,
// drafts, setting names) stays empty for the council to add.
import type {
  AssessmentRequest,
  CaseRecord,
  Caseworker,
  CeaseReason,
  NeedCode,
  PhaseTransferRecord,
  Placement,
  Plan,
  Requester,
  Sex,
} from "../cases/types.ts";
import { newCaseRecord } from "../cases/types.ts";
import { addDays, addMonths } from "../dates.ts";
import {
  IMPORTED_EXCEPTION_REASON,
  PHASE_TRANSFER_DUE,
  PLAN_RES_CODES,
  REQUESTER_BY_REQUEST_SOURCE,
  REVIEW_OUTCOME_CODES,
  WORK_BASED_CODES,
} from "./constants.ts";
import type { Sen2NamedPlan, Sen2Person, Sen2Return, Sen2Setting } from "./model.ts";

const byCode = <K extends string>(codes: Record<K, string>) => Object.fromEntries(Object.entries(codes).map(([k, v]) => [v, k])) as Record<string, K>;
const WEEKS_BY_CODE = byCode(PLAN_RES_CODES);
const WORK_BASED_BY_CODE = byCode(WORK_BASED_CODES);

const REVIEW_OUTCOME_BY_CODE = Object.fromEntries(Object.entries(REVIEW_OUTCOME_CODES).map(([k, v]) => [v, k])) as Record<
  string,
  "maintain" | "amend" | "cease"
>;

/** The key that finds a child already read in: UPN, else ULN, else name and date of birth. */
export function personKey(p: { UPN?: string; UniqueLearnerNumber?: string; Surname: string; Forename: string; PersonBirthDate: string }): string {
  if (p.UPN) return `upn:${p.UPN.toUpperCase()}`;
  if (p.UniqueLearnerNumber) return `uln:${p.UniqueLearnerNumber}`;
  return `name:${p.Surname.toLowerCase()}|${p.Forename.toLowerCase()}|${p.PersonBirthDate}`;
}

export interface ImportOptions {
  newId: () => string;
  caseworker: Caseworker;
}

export function recordsFromReturn(sen2: Sen2Return, options: ImportOptions): CaseRecord[] {
  // TransferLA means "transferred in during the activity year": its first day stands in for the transfer date when it is earlier.
  const activityStart = `${Number(sen2.header.Year) - 1}-01-01`;
  return sen2.persons.map((p) => recordFromPerson(p, options, activityStart));
}

export function recordFromPerson(p: Sen2Person, options: ImportOptions, activityStart: string): CaseRecord {
  const { newId } = options;
  const needs = p.Requests.flatMap((r) => r.ActivePlans?.SENneed ?? []).map((n) => ({ code: n.SENtype as NeedCode, rank: Number(n.SENtypeRank) }));
  const record = newCaseRecord(newId(), {
    id: newId(),
    firstName: p.Forename,
    lastName: p.Surname,
    dateOfBirth: p.PersonBirthDate,
    sex: p.Sex as Sex,
    ethnicity: p.Ethnicity ?? "",
    postcode: p.PostCode ?? "",
    ...(p.UPN ? { upn: p.UPN.toUpperCase() } : {}),
    ...(p.UniqueLearnerNumber ? { uln: p.UniqueLearnerNumber } : {}),
    ...(p.UPNunknown ? { upnUnknown: p.UPNunknown } : {}),
    needs: dedupeNeeds(needs),
    caseworker: options.caseworker,
  });
  const anyActive = p.Requests.some((r) => r.ActivePlans);
  for (const r of p.Requests) {
    const a = r.Assessment;
    const plan = a?.NamedPlan;
    const transfer = r.ActivePlans?.TransferLA !== undefined;
    // A historic H/H entry with a plan is how a plan without a request held here is written (constants).
    const historic = r.RequestOutcome === "H" && a?.AssessmentOutcome === "H" && plan && r.ReceivedDate === plan.StartDate && !r.RequestSource;
    let requestId: string | undefined;
    if (!historic && !transfer) {
      const request: AssessmentRequest = {
        id: newId(),
        received: r.ReceivedDate,
        requestedBy: (REQUESTER_BY_REQUEST_SOURCE[r.RequestSource ?? ""] ?? "other") as Requester,
        adviceRequests: [],
        exceptions: [],
        ...(r.RYA === "1" ? { youthAccommodation: true } : {}),
      };
      // H: the decision came before the activity year and its date is not in the file; the date received stands in.
      if (r.RequestOutcome === "Y" || r.RequestOutcome === "N")
        request.decision = { date: r.RequestOutcomeDate ?? r.ReceivedDate, outcome: r.RequestOutcome === "Y" ? "assess" : "refuse" };
      if (r.RequestOutcome === "H") request.decision = { date: r.ReceivedDate, outcome: a ? "assess" : "refuse" };
      if (r.RequestOutcome === "W") request.withdrawn = { date: r.RequestOutcomeDate ?? r.ReceivedDate };
      if (a) {
        if (a.AssessmentOutcome === "Y" || a.AssessmentOutcome === "S") request.finalPlanIssued = a.AssessmentOutcomeDate ?? plan?.StartDate;
        if (a.AssessmentOutcome === "H" && plan) request.finalPlanIssued = plan.StartDate;
        if (a.AssessmentOutcome === "N") request.noPlanNoticeSent = a.AssessmentOutcomeDate ?? r.ReceivedDate;
        if (a.AssessmentOutcome === "W") request.withdrawn = { date: a.AssessmentOutcomeDate ?? r.ReceivedDate };
        if (a.AssessmentOutcome === "H" && !plan) request.noPlanNoticeSent = r.ReceivedDate;
        if (a.Week20 === "1")
          request.exceptions.push({ ground: "personal-circumstances", from: r.ReceivedDate, to: r.ReceivedDate, reason: IMPORTED_EXCEPTION_REASON });
      }
      const mediation = r.RequestMediation === "1" || a?.AssessmentMediation === "1";
      const tribunal = r.RequestTribunal === "1" || a?.AssessmentTribunal === "1";
      // The record keeps dates, SEN2 only flags: the date of the decision stands in for each.
      const when = request.decision?.date ?? r.ReceivedDate;
      if (mediation || tribunal)
        request.mediation = { ...(mediation ? { mediationCertificateIssued: when } : {}), ...(tribunal ? { appealLodged: when } : {}) };
      if (a?.OtherMediation === "1" || a?.OtherTribunal === "1")
        request.mediation = {
          ...request.mediation,
          ...(a.OtherMediation === "1" ? { otherMediation: true } : {}),
          ...(a.OtherTribunal === "1" ? { otherAppeal: true } : {}),
        };
      // Exported: any value means the child moved away before the assessment was completed (constants: EXPORTED_YES).
      if (request.withdrawn && r.Exported) request.withdrawn.movedAway = true;
      // N with an assessment and a flag on the request: a refusal reversed at mediation or tribunal
      // (constants: WRITE_REVERSED_REFUSAL_AS_N). The record keeps the refusal's notice date and the
      // decision to assess now in force; the day of the reversal is not in the file, so the next day stands in.
      if (r.RequestOutcome === "N" && a && (r.RequestMediation === "1" || r.RequestTribunal === "1")) {
        request.decision = { date: addDays(when, 1), outcome: "assess" };
        request.mediation = { ...request.mediation, decisionNoticeSent: when };
      }
      record.requests.push(request);
      requestId = request.id;
    }
    if (plan) {
      const made: Plan = { id: newId(), made: plan.StartDate, versions: [{ issued: plan.StartDate, kind: "final" }] };
      if (requestId) made.requestId = requestId;
      if (transfer)
        made.transferredIn = { date: plan.StartDate > activityStart ? plan.StartDate : activityStart, from: r.ActivePlans?.TransferLA ?? "" };
      if (plan.CeaseDate) made.ceased = { date: plan.CeaseDate, reason: Number(plan.CeaseReason) as CeaseReason };
      if (plan.PB === "1") made.personalBudget = { organisedArrangements: plan.OA === "1", directPayments: !!plan.DP && plan.DP !== "0" };
      record.plans.push(made);
      // A plan that has ended names the settings it last named; placements attended come from ActivePlans.
      if (!anyActive)
        for (const s of plan.PlanDetail)
          record.placements.push(placement(s, newId, plan.StartDate, plan.CeaseDate, plan, plan.PlanWBP !== undefined));
    }
    const ap = r.ActivePlans;
    if (ap) {
      for (const s of ap.PlacementDetail)
        record.placements.push(placement(s, newId, s.EntryDate ?? plan?.StartDate ?? r.ReceivedDate, s.LeavingDate, plan, s.WBP === "1"));
      const phase = phaseTransferFrom(ap.PhaseTransferDueDate, ap.PhaseTransferFinalDate, Number(activityStart.slice(0, 4)) + 1);
      if (phase) record.phaseTransfers.push(phase);
      if (ap.ReviewMeeting) {
        const outcome = ap.ReviewOutcome ? REVIEW_OUTCOME_BY_CODE[ap.ReviewOutcome] : undefined;
        record.reviews.push({
          id: newId(),
          meeting: ap.ReviewMeeting,
          ...(outcome && ap.LastReview ? { decision: { date: ap.LastReview, outcome } } : {}),
          // constants: REVIEW_DRAFT_IS_AMENDMENT_NOTICE
          ...(ap.ReviewDraft ? { amendmentNoticeSent: ap.ReviewDraft } : {}),
        });
      }
    }
  }
  return record;
}

/**
 * The phase transfer an ActivePlans entry gives: the kind from the due date's day (15 February a
 * school move, 31 March a move to post-16, else a move between post-16 institutions 5 months
 * later); a final date alone is taken as a post-16 move of the census year.
 */
function phaseTransferFrom(due: string | undefined, final: string | undefined, censusYear: number): PhaseTransferRecord | undefined {
  if (!due && !final) return undefined;
  const finalised = final ? { finalised: final } : {};
  if (!due) return { year: censusYear, kind: "post16Other", ...finalised };
  const year = Number(due.slice(0, 4));
  if (due.slice(5) === PHASE_TRANSFER_DUE.school) return { year, kind: "school", ...finalised };
  if (due.slice(5) === PHASE_TRANSFER_DUE.post16) return { year, kind: "post16", ...finalised };
  const transferDate = addMonths(due, PHASE_TRANSFER_DUE.post16OtherMonthsBefore);
  return { year: Number(transferDate.slice(0, 4)), kind: "post16Other", transferDate, ...finalised };
}

/**
 * A setting read in. The named plan's PlanRes and PlanWBP say how many weeks a residential place is
 * and what kind of work-based learning it is; `workBased` says whether it applies to this setting.
 */
function placement(
  s: Sen2Setting,
  newId: () => string,
  start: string,
  end: string | undefined,
  plan: Sen2NamedPlan | undefined,
  workBased: boolean,
): Placement {
  const urn = s.URN ?? s.UKPRN;
  const residential = s.Res === "1" || (s.Res === undefined && !!plan?.PlanRes);
  const weeks = residential && plan?.PlanRes ? WEEKS_BY_CODE[plan.PlanRes] : undefined;
  const kind = workBased && plan?.PlanWBP ? WORK_BASED_BY_CODE[plan.PlanWBP] : undefined;
  return {
    id: newId(),
    settingName: urn ? `${s.URN ? "URN" : "UKPRN"} ${urn}` : `SEN2 setting ${s.SENsetting ?? "not given"}`,
    ...(urn ? { urn } : {}),
    ...(!urn && s.SENsetting ? { settingCode: s.SENsetting as Placement["settingCode"] } : {}),
    ...(s.SENsettingOther ? { settingDescription: s.SENsettingOther } : {}),
    settingType: s.ResourcedProvisionIndicator === "1" || s.SENunitIndicator === "1" ? "resourced" : "other",
    ...(s.SENunitIndicator === "1" ? { senUnit: true } : {}),
    outOfAuthority: false,
    residential,
    ...(weeks ? { residentialWeeks: weeks } : {}),
    ...(kind ? { workBased: kind } : {}),
    independent: false,
    start,
    ...(end ? { end } : {}),
  };
}

function dedupeNeeds(needs: { code: NeedCode; rank: number }[]) {
  const seen = new Set<string>();
  return needs.filter((n) => {
    const key = `${n.code}|${n.rank}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The case events a record read from a SEN2 file stands for, oldest first, in the event language
 * of src/domain/cases/events.ts, so the child's timeline shows the history the file gives. They
 * are kept (append-only) beside the record; the record itself was built from the file.
 */
export function eventsForRecord(record: CaseRecord): { kind: string; data: Record<string, unknown>; date: string }[] {
  const events: { kind: string; data: Record<string, unknown>; date: string }[] = [];
  const add = (kind: string, date: string, data: Record<string, unknown>) => events.push({ kind, date, data: { ...data, source: "SEN2 return" } });
  for (const r of record.requests) {
    add("requestReceived", r.received, {
      received: r.received,
      requestedBy: r.requestedBy,
      ...(r.youthAccommodation ? { youthAccommodation: "yes" } : {}),
    });
    if (r.decision) add("decisionRecorded", r.decision.date, { date: r.decision.date, outcome: r.decision.outcome, requestId: r.id });
    for (const e of r.exceptions) add("exceptionRecorded", e.from, { ground: e.ground, from: e.from, to: e.to, reason: e.reason, requestId: r.id });
    if (r.mediation) add("mediationAndAppeal", r.decision?.date ?? r.received, { ...r.mediation, requestId: r.id });
    const budget = record.plans.find((p) => p.requestId === r.id)?.personalBudget;
    if (r.finalPlanIssued)
      add("finalPlanIssued", r.finalPlanIssued, {
        date: r.finalPlanIssued,
        requestId: r.id,
        ...(budget
          ? {
              personalBudget: "yes",
              ...(budget.organisedArrangements ? { organisedArrangements: "yes" } : {}),
              ...(budget.directPayments ? { directPayments: "yes" } : {}),
            }
          : {}),
      });
    if (r.noPlanNoticeSent) add("noPlanNoticeSent", r.noPlanNoticeSent, { date: r.noPlanNoticeSent, requestId: r.id });
    if (r.withdrawn)
      add("requestWithdrawn", r.withdrawn.date, { date: r.withdrawn.date, requestId: r.id, ...(r.withdrawn.movedAway ? { movedAway: "yes" } : {}) });
  }
  for (const p of record.plans) {
    if (p.transferredIn)
      add("planTransferredIn", p.transferredIn.date, {
        made: p.made,
        transferred: p.transferredIn.date,
        ...(p.transferredIn.from ? { from: p.transferredIn.from } : {}),
      });
    if (p.ceased) add("planCeased", p.ceased.date, { date: p.ceased.date, reason: String(p.ceased.reason) });
  }
  for (const pl of record.placements) {
    add("placementStarted", pl.start, {
      settingName: pl.settingName,
      ...(pl.urn ? { urn: pl.urn } : {}),
      ...(pl.settingCode ? { settingCode: pl.settingCode } : {}),
      settingType: pl.settingType,
      residential: pl.residential ? "yes" : "no",
      ...(pl.residentialWeeks ? { residentialWeeks: pl.residentialWeeks } : {}),
      ...(pl.workBased ? { workBased: pl.workBased } : {}),
      ...(pl.senUnit ? { senUnit: "yes" } : {}),
      ...(pl.settingDescription ? { settingDescription: pl.settingDescription } : {}),
      start: pl.start,
    });
    if (pl.end) add("placementEnded", pl.end, { placementId: pl.id, end: pl.end });
  }
  for (const t of record.phaseTransfers)
    add("phaseTransferRecorded", t.finalised ?? `${t.year}-01-01`, {
      year: String(t.year),
      kind: t.kind,
      ...(t.finalised ? { finalised: t.finalised } : {}),
    });
  for (const review of record.reviews) {
    add("reviewMeeting", review.meeting, { meeting: review.meeting });
    if (review.decision)
      add("reviewDecision", review.decision.date, { reviewId: review.id, date: review.decision.date, outcome: review.decision.outcome });
    if (review.amendmentNoticeSent) add("amendmentNoticeSent", review.amendmentNoticeSent, { reviewId: review.id, date: review.amendmentNoticeSent });
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
