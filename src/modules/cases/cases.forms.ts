// The forms for recording what happened on a case, as data: one list of fields per event.
import type { EventKind } from "../../domain/cases/events.ts";
import { ADVICE_SERVICE_LABELS, type CaseRecord, REQUESTER_LABELS, SETTING_CODE_LABELS, SETTING_TYPE_LABELS } from "../../domain/cases/types.ts";
import { formatDate } from "../../domain/dates.ts";

export type EventField =
  | { kind: "date"; name: string; label: string; hint?: string }
  | { kind: "select"; name: string; label: string; hint?: string; options: { value: string; text: string }[] }
  | { kind: "text"; name: string; label: string; hint?: string }
  | { kind: "textarea"; name: string; label: string; hint?: string }
  | { kind: "yesno"; name: string; label: string };

const options = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([value, text]) => ({ value, text }));

/** The fields of an event's form, with choices taken from the case where they depend on it. */
export function eventFields(kind: EventKind, record: CaseRecord): EventField[] {
  const requests = record.requests.map((r) => ({ value: r.id, text: `Request received ${formatDate(r.received)}` })).reverse();
  const requestField: EventField[] = requests.length > 1 ? [{ kind: "select", name: "requestId", label: "Which request", options: requests }] : [];
  switch (kind) {
    case "requestReceived":
      return [
        { kind: "date", name: "received", label: "Date the request was received" },
        { kind: "select", name: "requestedBy", label: "Who asked for the assessment", options: options(REQUESTER_LABELS) },
      ];
    case "decisionRecorded":
      return [
        ...requestField,
        {
          kind: "select",
          name: "outcome",
          label: "Decision",
          options: [
            { value: "assess", text: "The council will carry out an EHC needs assessment" },
            { value: "refuse", text: "The council will not assess" },
          ],
        },
        {
          kind: "date",
          name: "date",
          label: "Date the family was told",
          hint: "The 6-week limit counts to this day (SEND Regulations 2014 reg 5(1))",
        },
        { kind: "textarea", name: "reasons", label: "Reasons (needed when refusing)" },
      ];
    case "adviceRequested":
      return [
        ...requestField,
        { kind: "select", name: "service", label: "Service asked", options: options(ADVICE_SERVICE_LABELS) },
        { kind: "text", name: "provider", label: "Who exactly (optional)", hint: "For example, Community paediatrics" },
        { kind: "date", name: "received", label: "Date they received the request", hint: "Their 6 weeks count from this day (reg 8(1))" },
        { kind: "yesno", name: "headOfInstitution", label: "Asked of the head teacher or principal of a school, college or early years setting" },
      ];
    case "adviceReturned": {
      const request = record.requests.at(-1);
      const advice = (request?.adviceRequests ?? [])
        .map((a, index) => ({
          value: String(index),
          text: `${ADVICE_SERVICE_LABELS[a.service]}, asked ${formatDate(a.received)}`,
          returned: a.returned,
        }))
        .filter((a) => !a.returned);
      return [
        { kind: "select", name: "adviceIndex", label: "Which advice", options: advice },
        { kind: "date", name: "returned", label: "Date it was returned" },
      ];
    }
    case "draftServed":
      return [...requestField, { kind: "date", name: "date", label: "Date the draft plan was served" }];
    case "finalPlanIssued":
      return [
        ...requestField,
        { kind: "date", name: "date", label: "Date the final plan was issued", hint: "Within 20 weeks of the request (reg 13(2))" },
      ];
    case "noPlanNoticeSent":
      return [...requestField, { kind: "date", name: "date", label: "Date the family was told no plan will be issued" }];
    case "reviewMeeting":
      return [{ kind: "date", name: "meeting", label: "Date of the review meeting", hint: "Held or booked" }];
    case "reviewDecision":
      return [
        {
          kind: "select",
          name: "outcome",
          label: "Decision",
          options: [
            { value: "maintain", text: "Keep the plan as it is" },
            { value: "amend", text: "Amend the plan" },
            { value: "cease", text: "Cease the plan" },
          ],
        },
        { kind: "date", name: "date", label: "Date the family was told", hint: "Within 4 weeks of the meeting (reg 22; Devon [2022])" },
      ];
    case "placementStarted":
      return [
        { kind: "text", name: "settingName", label: "Setting" },
        { kind: "text", name: "urn", label: "URN or UKPRN", hint: "Leave blank if the setting has none and choose a SEN2 setting code" },
        {
          kind: "select",
          name: "settingCode",
          label: "SEN2 setting code (if no URN)",
          options: [{ value: "", text: "None" }, ...options(SETTING_CODE_LABELS)],
        },
        { kind: "select", name: "settingType", label: "Type of setting", options: options(SETTING_TYPE_LABELS) },
        { kind: "yesno", name: "outOfAuthority", label: "Outside the council's area" },
        { kind: "yesno", name: "residential", label: "Residential" },
        { kind: "date", name: "start", label: "Date the placement started" },
      ];
    case "placementEnded":
      return [
        {
          kind: "select",
          name: "placementId",
          label: "Placement",
          options: record.placements.filter((p) => !p.end).map((p) => ({ value: p.id, text: `${p.settingName} (from ${formatDate(p.start)})` })),
        },
        { kind: "date", name: "end", label: "Last day of the placement" },
      ];
    case "visitRecorded":
      return [{ kind: "date", name: "date", label: "Date of the visit" }];
    case "awaitingProvisionStarted":
      return [{ kind: "date", name: "from", label: "Date the child began waiting for provision" }];
    case "provisionArranged":
      return [{ kind: "date", name: "to", label: "Date provision was arranged" }];
  }
}

export function dateFieldsOf(fields: EventField[]): string[] {
  return fields.filter((f) => f.kind === "date").map((f) => f.name);
}
