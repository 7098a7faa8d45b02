// Recording what happened on a case (SPEC B2-B4). Each event is checked against the record and
// the law's order of things, then applied to give the new record; the event itself is kept,
// append-only, by the casework feature. Pure: "today" and ids are parameters.
import { formatDate, type IsoDate, isIsoDate } from "../dates.ts";
import { currentPlan } from "./case-clock.ts";
import {
  ADVICE_SERVICES,
  type AdviceService,
  type CaseRecord,
  REQUESTERS,
  type Requester,
  SETTING_CODES,
  SETTING_TYPES,
  type SettingCode,
  type SettingType,
} from "./types.ts";

export interface FieldProblem {
  field: string;
  message: string;
}

export const EVENT_KINDS = [
  "requestReceived",
  "decisionRecorded",
  "adviceRequested",
  "adviceReturned",
  "draftServed",
  "finalPlanIssued",
  "noPlanNoticeSent",
  "reviewMeeting",
  "reviewDecision",
  "placementStarted",
  "placementEnded",
  "visitRecorded",
  "awaitingProvisionStarted",
  "provisionArranged",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_TITLES: Readonly<Record<EventKind, string>> = {
  requestReceived: "Request for an EHC needs assessment received",
  decisionRecorded: "Decision whether to assess",
  adviceRequested: "Advice requested",
  adviceReturned: "Advice returned",
  draftServed: "Draft plan served",
  finalPlanIssued: "Final EHC plan issued",
  noPlanNoticeSent: "Family told no plan will be issued",
  reviewMeeting: "Annual review meeting",
  reviewDecision: "Decision after the annual review",
  placementStarted: "Placement started",
  placementEnded: "Placement ended",
  visitRecorded: "Monitoring visit",
  awaitingProvisionStarted: "Awaiting provision",
  provisionArranged: "Provision arranged",
};

export type CaseEvent = { kind: EventKind; data: Record<string, unknown> };

export type ApplyResult = { ok: true; record: CaseRecord; data: Record<string, unknown> } | { ok: false; problems: FieldProblem[] };

/**
 * Checks an event and returns the record with it applied. `newId` gives ids to new requests,
 * plans, reviews and placements. Never throws on bad input: every problem names its field.
 */
export function applyCaseEvent(record: CaseRecord, event: CaseEvent, today: IsoDate, newId: () => string): ApplyResult {
  const problems: FieldProblem[] = [];
  const d = event.data;
  const text = (field: string, max = 500) => (typeof d[field] === "string" ? (d[field] as string).trim().slice(0, max) : "");
  // Dates: real, and not in the future unless the step can be booked ahead.
  const date = (field: string, label: string, options: { future?: boolean } = {}): IsoDate => {
    const value = text(field, 20);
    if (!value) problems.push({ field, message: `Enter ${label}` });
    else if (!isIsoDate(value)) problems.push({ field, message: `${capitalise(label)} must be a real date` });
    else if (!options.future && value > today) problems.push({ field, message: `${capitalise(label)} must be today or in the past` });
    else return value;
    return "";
  };
  const notBefore = (field: string, value: IsoDate, earliest: IsoDate | undefined, what: string) => {
    if (value && earliest && value < earliest) problems.push({ field, message: `${what} (${formatDate(earliest)})` });
  };
  const next = structuredClone(record);
  const requestById = () => {
    const id = text("requestId", 60) || next.requests.at(-1)?.id;
    const request = next.requests.find((r) => r.id === id);
    if (!request) problems.push({ field: "requestId", message: "Record the request for an assessment first" });
    return request;
  };

  switch (event.kind) {
    case "requestReceived": {
      const received = date("received", "the date the request was received");
      const requestedBy = text("requestedBy", 40);
      if (!(REQUESTERS as readonly string[]).includes(requestedBy))
        problems.push({ field: "requestedBy", message: "Select who asked for the assessment" });
      if (problems.length) break;
      next.requests.push({ id: newId(), received, requestedBy: requestedBy as Requester, adviceRequests: [], exceptions: [] });
      break;
    }
    case "decisionRecorded": {
      const request = requestById();
      const when = date("date", "the date the family was told the decision");
      const outcome = text("outcome", 10);
      if (outcome !== "assess" && outcome !== "refuse") problems.push({ field: "outcome", message: "Select whether the council will assess" });
      const reasons = text("reasons", 2000);
      if (outcome === "refuse" && !reasons) problems.push({ field: "reasons", message: "Give the reasons for refusing to assess" });
      if (request) notBefore("date", when, request.received, "The decision cannot be before the request was received");
      if (problems.length || !request) break;
      request.decision = { date: when, outcome: outcome as "assess" | "refuse", ...(reasons ? { reasons } : {}) };
      break;
    }
    case "adviceRequested": {
      const request = requestById();
      const service = text("service", 40);
      if (!(ADVICE_SERVICES as readonly string[]).includes(service))
        problems.push({ field: "service", message: "Select the service asked for advice" });
      const received = date("received", "the date the service received the request");
      if (request) notBefore("received", received, request.received, "Advice cannot be requested before the request for an assessment was received");
      if (problems.length || !request) break;
      const provider = text("provider", 200);
      request.adviceRequests.push({
        service: service as AdviceService,
        received,
        headOfInstitution: d.headOfInstitution === true || d.headOfInstitution === "yes",
        ...(provider ? { provider } : {}),
      });
      break;
    }
    case "adviceReturned": {
      const request = requestById();
      const index = Number(text("adviceIndex", 4));
      const advice = request?.adviceRequests[index];
      if (request && !advice) problems.push({ field: "adviceIndex", message: "Select the advice request that was returned" });
      const returned = date("returned", "the date the advice was returned");
      if (advice) notBefore("returned", returned, advice.received, "Advice cannot be returned before it was asked for");
      if (problems.length || !advice) break;
      advice.returned = returned;
      break;
    }
    case "draftServed":
    case "finalPlanIssued":
    case "noPlanNoticeSent": {
      const request = requestById();
      const label = {
        draftServed: "the date the draft plan was served",
        finalPlanIssued: "the date the final plan was issued",
        noPlanNoticeSent: "the date the family was told",
      }[event.kind];
      const when = date("date", label);
      if (request)
        notBefore("date", when, request.received, `${capitalise(label.replace(/^the date /, "The "))} cannot be before the request was received`);
      if (event.kind === "finalPlanIssued" && request?.decision?.outcome === "refuse") {
        problems.push({ field: "date", message: "The council refused to assess this request: record a new request first" });
      }
      if (problems.length || !request) break;
      if (event.kind === "draftServed") request.draftServed = when;
      if (event.kind === "noPlanNoticeSent") request.noPlanNoticeSent = when;
      if (event.kind === "finalPlanIssued") {
        request.finalPlanIssued = when;
        next.plans.push({ id: newId(), made: when, requestId: request.id, versions: [{ issued: when, kind: "final" }] });
      }
      break;
    }
    case "reviewMeeting": {
      const plan = currentPlan(next, today);
      if (!plan) problems.push({ field: "meeting", message: "There is no plan in force to review: record the final plan first" });
      // A meeting can be booked ahead, but not more than a year ahead.
      const meeting = date("meeting", "the date of the review meeting", { future: true });
      if (plan) notBefore("meeting", meeting, plan.made, "The review meeting cannot be before the plan was made");
      if (meeting && meeting > addYear(today)) problems.push({ field: "meeting", message: "The review meeting must be within a year from today" });
      if (problems.length) break;
      next.reviews.push({ id: newId(), meeting });
      break;
    }
    case "reviewDecision": {
      const review = next.reviews.find((r) => r.id === text("reviewId", 60)) ?? next.reviews.at(-1);
      if (!review) problems.push({ field: "reviewId", message: "Record the review meeting first" });
      const when = date("date", "the date the family was told the decision");
      const outcome = text("outcome", 10);
      if (!["maintain", "amend", "cease"].includes(outcome))
        problems.push({ field: "outcome", message: "Select the decision: maintain, amend or cease the plan" });
      if (review) notBefore("date", when, review.meeting, "The decision cannot be before the review meeting");
      if (problems.length || !review) break;
      review.decision = { date: when, outcome: outcome as "maintain" | "amend" | "cease" };
      break;
    }
    case "placementStarted": {
      const settingName = text("settingName", 200);
      if (!settingName) problems.push({ field: "settingName", message: "Enter the name of the setting" });
      const urn = text("urn", 8);
      if (urn && !/^\d{6,8}$/.test(urn)) problems.push({ field: "urn", message: "A URN or UKPRN is 6 to 8 digits" });
      const settingCode = text("settingCode", 4);
      if (settingCode && !(SETTING_CODES as readonly string[]).includes(settingCode))
        problems.push({ field: "settingCode", message: "Select a SEN2 setting code" });
      if (!urn && !settingCode) problems.push({ field: "urn", message: "Give the setting's URN or UKPRN, or a SEN2 setting code such as EHE" });
      const settingType = text("settingType", 20);
      if (!(SETTING_TYPES as readonly string[]).includes(settingType)) problems.push({ field: "settingType", message: "Select the type of setting" });
      const start = date("start", "the date the placement started");
      if (problems.length) break;
      const yes = (field: string) => d[field] === true || d[field] === "yes";
      next.placements.push({
        id: newId(),
        settingName,
        ...(urn ? { urn } : {}),
        ...(settingCode ? { settingCode: settingCode as SettingCode } : {}),
        settingType: settingType as SettingType,
        outOfAuthority: yes("outOfAuthority"),
        residential: yes("residential"),
        independent: yes("independent") || settingType === "independent",
        start,
      });
      break;
    }
    case "placementEnded": {
      const placement = next.placements.find((p) => p.id === text("placementId", 60) && p.end === undefined);
      if (!placement) problems.push({ field: "placementId", message: "Select a current placement" });
      const end = date("end", "the last day of the placement");
      if (placement) notBefore("end", end, placement.start, "A placement cannot end before it started");
      if (problems.length || !placement) break;
      placement.end = end;
      break;
    }
    case "visitRecorded": {
      const when = date("date", "the date of the visit");
      if (problems.length) break;
      const placementId = text("placementId", 60);
      next.monitoringVisits.push({ date: when, ...(placementId ? { placementId } : {}) });
      break;
    }
    case "awaitingProvisionStarted": {
      if (next.awaitingProvision.some((p) => p.to === undefined))
        problems.push({ field: "from", message: "The child is already recorded as awaiting provision" });
      const from = date("from", "the date the child began waiting");
      if (problems.length) break;
      next.awaitingProvision.push({ from });
      break;
    }
    case "provisionArranged": {
      const open = next.awaitingProvision.find((p) => p.to === undefined);
      if (!open) problems.push({ field: "to", message: "The child is not recorded as awaiting provision" });
      const to = date("to", "the date provision was arranged");
      if (open) notBefore("to", to, open.from, "Provision cannot be arranged before the wait began");
      if (problems.length || !open) break;
      open.to = to;
      break;
    }
    default:
      problems.push({ field: "kind", message: `"${String((event as { kind: unknown }).kind)}" is not something that can be recorded on a case` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, record: next, data: event.data };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function addYear(iso: IsoDate): IsoDate {
  return `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;
}
