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
  type ReviewInvitee,
  SETTING_CODES,
  SETTING_TYPES,
  type SettingCode,
  type SettingType,
  WORK_BASED_KINDS,
  type WorkBasedKind,
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
  "contactAdded",
  "requestWithdrawn",
  "exceptionRecorded",
  "mediationAndAppeal",
  "reviewReportCirculated",
  "amendmentNoticeSent",
  "amendedPlanIssued",
  "phaseTransferRecorded",
  "planCeased",
  "missingEducationStarted",
  "missingEducationEnded",
  "planTransferredIn",
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
  contactAdded: "Parent or carer",
  requestWithdrawn: "Request withdrawn",
  exceptionRecorded: "Exception to the time limits",
  mediationAndAppeal: "Mediation and appeal dates",
  reviewReportCirculated: "Review report circulated",
  amendmentNoticeSent: "Amendment notice sent",
  amendedPlanIssued: "Final amended plan issued",
  phaseTransferRecorded: "Phase transfer",
  planCeased: "Plan ceased",
  missingEducationStarted: "May be missing education",
  missingEducationEnded: "Back in education",
  planTransferredIn: "EHC plan transferred in from another council",
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
  // Text is never cut short silently: too long is a problem to fix, not a value to save.
  const text = (field: string, max = 500) => {
    const value = typeof d[field] === "string" ? (d[field] as string).trim() : "";
    if (value.length <= max) return value;
    if (!problems.some((p) => p.field === field)) problems.push({ field, message: `Must be ${max.toLocaleString("en-GB")} characters or fewer` });
    return "";
  };
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
  // A ticked box: "yes" from a form, true from the API or an import.
  const yes = (field: string) => d[field] === true || d[field] === "yes";
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
      next.requests.push({
        id: newId(),
        received,
        requestedBy: requestedBy as Requester,
        adviceRequests: [],
        exceptions: [],
        ...(yes("youthAccommodation") ? { youthAccommodation: true } : {}),
      });
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
      // Where the secure link is sent (issue 15); optional, as advice is also asked for by letter.
      const email = text("email", 254).toLowerCase();
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        problems.push({ field: "email", message: "Enter an email address like name@example.org, or leave it empty" });
        break;
      }
      request.adviceRequests.push({
        service: service as AdviceService,
        received,
        headOfInstitution: d.headOfInstitution === true || d.headOfInstitution === "yes",
        ...(provider ? { provider } : {}),
        ...(email ? { email } : {}),
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
        const budget = yes("personalBudget") || yes("organisedArrangements") || yes("directPayments");
        next.plans.push({
          id: newId(),
          made: when,
          requestId: request.id,
          versions: [{ issued: when, kind: "final" }],
          ...(budget ? { personalBudget: { organisedArrangements: yes("organisedArrangements"), directPayments: yes("directPayments") } } : {}),
        });
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
      // Who is invited (reg 20(3)): each with an email address is sent an invitation (reg 20(4), issue 15).
      const invitees: ReviewInvitee[] = [];
      for (const [role, prefix, who] of REVIEW_INVITEE_FIELDS) {
        const name = text(`${prefix}Name`, 200);
        const email = text(`${prefix}Email`, 254).toLowerCase();
        if (email && !EMAIL.test(email))
          problems.push({ field: `${prefix}Email`, message: `Enter ${who}'s email address like name@example.org, or leave it empty` });
        else if (email && !name) problems.push({ field: `${prefix}Name`, message: `Enter who ${who} is, or leave the email address empty` });
        if (name) invitees.push({ role, name, ...(email ? { email } : {}) });
      }
      if (problems.length) break;
      next.reviews.push({ id: newId(), meeting, ...(invitees.length ? { invitees } : {}) });
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
      const residentialWeeks = text("residentialWeeks", 5);
      if (residentialWeeks && residentialWeeks !== "38-51" && residentialWeeks !== "52")
        problems.push({ field: "residentialWeeks", message: "Select 38 to 51 weeks or 52 weeks" });
      if (residentialWeeks && !yes("residential"))
        problems.push({ field: "residentialWeeks", message: "Weeks a year are for a residential place: tick Residential, or leave the weeks blank" });
      const workBased = text("workBased", 30);
      if (workBased && !(WORK_BASED_KINDS as readonly string[]).includes(workBased))
        problems.push({ field: "workBased", message: "Select an apprenticeship, supported internship or traineeship" });
      if (yes("senUnit") && settingType !== "resourced")
        problems.push({ field: "senUnit", message: "An SEN unit is a kind of resourced provision: choose that type of setting" });
      const settingDescription = text("settingDescription", 100);
      if (problems.length) break;
      next.placements.push({
        id: newId(),
        settingName,
        ...(urn ? { urn } : {}),
        ...(settingCode ? { settingCode: settingCode as SettingCode } : {}),
        settingType: settingType as SettingType,
        outOfAuthority: yes("outOfAuthority"),
        residential: yes("residential"),
        ...(residentialWeeks ? { residentialWeeks: residentialWeeks as "38-51" | "52" } : {}),
        ...(workBased ? { workBased: workBased as WorkBasedKind } : {}),
        ...(yes("senUnit") ? { senUnit: true } : {}),
        ...(settingDescription ? { settingDescription } : {}),
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
    case "contactAdded": {
      const name = text("name", 200);
      const relationship = text("relationship", 100);
      if (!name) problems.push({ field: "name", message: "Enter the parent or carer's name" });
      if (!relationship) problems.push({ field: "relationship", message: "Enter their relationship to the child, like Mother or Foster carer" });
      const email = text("email", 254);
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        problems.push({ field: "email", message: "Enter an email address like name@example.com" });
      const phone = text("phone", 30);
      if (phone && !/^[+\d][\d ()-]{6,}$/.test(phone)) problems.push({ field: "phone", message: "Enter a phone number, like 01632 960 001" });
      if (problems.length) break;
      next.child.contacts = [
        ...(next.child.contacts ?? []),
        {
          name,
          relationship,
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
          parentalResponsibility: d.parentalResponsibility === "yes" || d.parentalResponsibility === true,
        },
      ];
      break;
    }
    case "requestWithdrawn": {
      const request = requestById();
      const when = date("date", "the date the request was withdrawn");
      if (request) notBefore("date", when, request.received, "A request cannot be withdrawn before it was received");
      if (request?.finalPlanIssued)
        problems.push({ field: "date", message: "A plan has been issued for this request, so it cannot be withdrawn: cease the plan instead" });
      if (problems.length || !request) break;
      const reason = text("reason", 1000);
      request.withdrawn = { date: when, ...(reason ? { reason } : {}), ...(yes("movedAway") ? { movedAway: true } : {}) };
      break;
    }
    case "exceptionRecorded": {
      // SEND Regulations 2014 reg 10(4)(b)-(c) and 13(3)(b)-(c): the council's own record of why a limit could not be met.
      const request = requestById();
      const ground = text("ground", 30);
      if (ground !== "personal-circumstances" && ground !== "absence") {
        problems.push({ field: "ground", message: "Select the ground: exceptional personal circumstances, or absence from the area" });
      }
      const from = date("from", "the first day");
      const to = date("to", "the last day");
      if (from && to && to < from) problems.push({ field: "to", message: "The last day must be on or after the first day" });
      const reason = text("reason", 2000);
      if (!reason) problems.push({ field: "reason", message: "Record the reason: the exception must be explained" });
      if (problems.length || !request) break;
      request.exceptions.push({ ground: ground as "personal-circumstances" | "absence", from, to, reason });
      break;
    }
    case "mediationAndAppeal": {
      const request = requestById();
      const fields = ["decisionNoticeSent", "mediationAdviserTold", "mediationCertificateIssued", "appealLodged"] as const;
      const given = fields.filter((f) => text(f, 20));
      const other = { ...(yes("otherMediation") ? { otherMediation: true } : {}), ...(yes("otherAppeal") ? { otherAppeal: true } : {}) };
      if (given.length === 0 && Object.keys(other).length === 0)
        problems.push({ field: "decisionNoticeSent", message: "Enter at least one date, or tick mediation or an appeal about something else" });
      const dates = Object.fromEntries(given.map((f) => [f, date(f, "the date")]));
      if (dates.mediationCertificateIssued && dates.decisionNoticeSent) {
        notBefore(
          "mediationCertificateIssued",
          dates.mediationCertificateIssued,
          dates.decisionNoticeSent,
          "The certificate cannot be before the decision notice",
        );
      }
      if (problems.length || !request) break;
      request.mediation = { ...request.mediation, ...dates, ...(d.placementOnlyAppeal === "yes" ? { placementOnlyAppeal: true } : {}), ...other };
      break;
    }
    case "reviewReportCirculated":
    case "amendmentNoticeSent":
    case "amendedPlanIssued": {
      const review = next.reviews.find((r) => r.id === text("reviewId", 60)) ?? next.reviews.at(-1);
      if (!review) problems.push({ field: "date", message: "Record the review meeting first" });
      const when = date("date", "the date");
      if (review) notBefore("date", when, review.meeting, "This cannot be before the review meeting");
      if (event.kind === "amendedPlanIssued" && review && !review.amendmentNoticeSent) {
        problems.push({ field: "date", message: "Record the amendment notice first: the family must see the proposed amendments" });
      }
      if (event.kind === "amendedPlanIssued" && review?.amendmentNoticeSent)
        notBefore("date", when, review.amendmentNoticeSent, "The amended plan cannot be before the amendment notice");
      if (problems.length || !review) break;
      if (event.kind === "reviewReportCirculated") review.reportCirculated = when;
      if (event.kind === "amendmentNoticeSent") review.amendmentNoticeSent = when;
      if (event.kind === "amendedPlanIssued") {
        review.amendedPlanIssued = when;
        currentPlan(next, today)?.versions.push({ issued: when, kind: "amended" });
      }
      break;
    }
    case "phaseTransferRecorded": {
      const year = Number(text("year", 4));
      if (!Number.isInteger(year) || year < 2000 || year > Number(today.slice(0, 4)) + 25)
        problems.push({ field: "year", message: "Enter the year of the move, like 2027" });
      const kind = text("kind", 20);
      if (!["school", "post16", "post16Other"].includes(kind)) problems.push({ field: "kind", message: "Select the kind of transfer" });
      const finalised = text("finalised", 20) ? date("finalised", "the date the plan was amended for the move") : "";
      if (problems.length) break;
      next.phaseTransfers = next.phaseTransfers.filter((t) => t.year !== year);
      next.phaseTransfers.push({ year, kind: kind as "school" | "post16" | "post16Other", ...(finalised ? { finalised } : {}) });
      break;
    }
    case "planTransferredIn": {
      // Regs 15: the plan moves with the child; the new council's review is due by transfer.reviewBy.
      const made = date("made", "the date the plan was first made");
      const transferred = date("transferred", "the date the plan was transferred to this council");
      notBefore("transferred", transferred, made, "The transfer cannot be before the plan was made");
      const lastReview = text("lastReview", 20) ? date("lastReview", "the date of the old council's last review meeting") : "";
      notBefore("lastReview", lastReview, made, "A review meeting cannot be before the plan was made");
      if (lastReview && transferred && lastReview > transferred)
        problems.push({ field: "lastReview", message: "The old council's last review must be on or before the transfer" });
      const from = text("from", 200);
      if (transferred && currentPlan(next, transferred))
        problems.push({ field: "transferred", message: "This child already has a plan in force on that day: record that it ceased first" });
      if (problems.length) break;
      next.plans.push({
        id: newId(),
        made,
        versions: [{ issued: made, kind: "final", ...(from ? { note: `Made by ${from}` } : {}) }],
        transferredIn: { date: transferred, ...(from ? { from } : {}), ...(lastReview ? { lastReview } : {}) },
      });
      break;
    }
    case "planCeased": {
      const plan = currentPlan(next, today);
      if (!plan) problems.push({ field: "date", message: "There is no plan in force to cease" });
      const when = date("date", "the date the plan ceased");
      if (plan) notBefore("date", when, plan.made, "A plan cannot cease before it was made");
      const reason = Number(text("reason", 2));
      if (!Number.isInteger(reason) || reason < 1 || reason > 9)
        problems.push({ field: "reason", message: "Select the reason the plan ceased (SEN2 cease reason)" });
      if (problems.length || !plan) break;
      plan.ceased = { date: when, reason: reason as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 };
      break;
    }
    case "missingEducationStarted": {
      if (next.missingEducation.some((p) => p.to === undefined))
        problems.push({ field: "from", message: "The child is already recorded as possibly missing education" });
      const from = date("from", "the date the child was last known to be in education");
      if (problems.length) break;
      next.missingEducation.push({ from });
      break;
    }
    case "missingEducationEnded": {
      const open = next.missingEducation.find((p) => p.to === undefined);
      if (!open) problems.push({ field: "to", message: "The child is not recorded as missing education" });
      const to = date("to", "the date the child was back in education");
      if (open) notBefore("to", to, open.from, "This cannot be before the child went missing");
      if (problems.length || !open) break;
      open.to = to;
      break;
    }
    default:
      problems.push({ field: "kind", message: `"${String((event as { kind: unknown }).kind)}" is not something that can be recorded on a case` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, record: next, data: event.data };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The review meeting form's invitees: role, the fields' prefix (`familyName`, `familyEmail`...) and who, in messages. */
export const REVIEW_INVITEE_FIELDS: readonly (readonly [ReviewInvitee["role"], string, string])[] = [
  ["family", "family", "the parent or carer"],
  ["setting", "setting", "the school or setting"],
  ["professional", "professional1", "the first professional"],
  ["professional", "professional2", "the second professional"],
  ["professional", "professional3", "the third professional"],
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function addYear(iso: IsoDate): IsoDate {
  return `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;
}
