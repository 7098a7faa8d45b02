// The forms for recording what happened on a case, as data: one list of fields per event.
import type { EventKind } from "../../domain/cases/events.ts";
import {
  ADVICE_SERVICE_LABELS,
  type CaseRecord,
  CEASE_REASONS,
  NEED_CODES,
  NEED_LABELS,
  REQUESTER_LABELS,
  SETTING_CODE_LABELS,
  SETTING_TYPE_LABELS,
  WORK_BASED_LABELS,
} from "../../domain/cases/types.ts";
import { formatDate } from "../../domain/dates.ts";
import type { FormField } from "../../platform/forms.ts";
import type { FormStep } from "./cases.steps.ts";

/** A field of an event's form: the shared shape of forms as data. */
export type EventField = FormField;

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
        { kind: "checkbox", name: "youthAccommodation", label: "Made while the young person was in relevant youth accommodation" },
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
        {
          kind: "text",
          name: "email",
          label: "Their email address (optional)",
          hint: "They are sent a secure link to return their advice; the email does not name the child",
        },
        { kind: "date", name: "received", label: "Date they received the request", hint: "Their 6 weeks count from this day (reg 8(1))" },
        { kind: "checkbox", name: "headOfInstitution", label: "Asked of the head teacher or principal of a school, college or early years setting" },
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
        { kind: "checkbox", name: "personalBudget", label: "A personal budget was taken up" },
        { kind: "checkbox", name: "organisedArrangements", label: "Part of the personal budget is organised arrangements" },
        { kind: "checkbox", name: "directPayments", label: "Part of the personal budget is direct payments" },
      ];
    case "noPlanNoticeSent":
      return [...requestField, { kind: "date", name: "date", label: "Date the family was told no plan will be issued" }];
    case "reviewMeeting":
      return [
        {
          kind: "date",
          name: "meeting",
          label: "Date of the review meeting",
          hint: "Held or booked. Everyone invited must have at least two weeks' notice (SEND Regulations 2014 reg 20(4))",
        },
        { kind: "text", name: "familyName", label: "Parent or carer (optional)" },
        { kind: "text", name: "familyEmail", label: "Their email address (optional)" },
        { kind: "text", name: "settingName", label: "School or setting (optional)", hint: "For example, the SENCo at the child's school" },
        { kind: "text", name: "settingEmail", label: "Its email address (optional)" },
        ...[1, 2, 3].flatMap((n): EventField[] => [
          {
            kind: "text",
            name: `professional${n}Name`,
            label: `Professional ${n} (optional)`,
            ...(n === 1 ? { hint: "For example, Educational psychologist, Speech and language therapist" } : {}),
          },
          { kind: "text", name: `professional${n}Email`, label: `Professional ${n}'s email address (optional)` },
        ]),
      ];
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
        { kind: "checkbox", name: "outOfAuthority", label: "Outside the council's area" },
        { kind: "checkbox", name: "residential", label: "Residential" },
        {
          kind: "select",
          name: "residentialWeeks",
          label: "Weeks a year, if residential",
          options: [
            { value: "", text: "Not residential" },
            { value: "38-51", text: "38 to 51 weeks" },
            { value: "52", text: "52 weeks" },
          ],
        },
        { kind: "select", name: "workBased", label: "Work-based learning", options: [{ value: "", text: "None" }, ...options(WORK_BASED_LABELS)] },
        { kind: "checkbox", name: "senUnit", label: "The place is in an SEN unit (not resourced provision)" },
        { kind: "text", name: "settingDescription", label: "What the setting is (for setting codes OTH and NIEO)" },
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
    case "contactAdded":
      return [
        { kind: "text", name: "name", label: "Name" },
        { kind: "text", name: "relationship", label: "Relationship to the child", hint: "For example, Mother, Father, Foster carer" },
        { kind: "text", name: "phone", label: "Phone (optional)" },
        { kind: "text", name: "email", label: "Email (optional)" },
        { kind: "checkbox", name: "parentalResponsibility", label: "Has parental responsibility" },
      ];
    case "requestWithdrawn":
      return [
        ...requestField,
        { kind: "date", name: "date", label: "Date the request was withdrawn" },
        { kind: "textarea", name: "reason", label: "Reason (optional)" },
        {
          kind: "checkbox",
          name: "movedAway",
          label: "The child or young person moved out of the council's area before the assessment was completed",
        },
      ];
    case "exceptionRecorded":
      return [
        ...requestField,
        {
          kind: "select",
          name: "ground",
          label: "Ground",
          hint: "SEND Regulations 2014 regs 5(4), 10(4), 13(3): school closures are recorded for the whole council",
          options: [
            { value: "personal-circumstances", text: "Exceptional personal circumstances of the child or parent" },
            { value: "absence", text: "The child or parent was away from the area for 4 weeks or more" },
          ],
        },
        { kind: "date", name: "from", label: "First day" },
        { kind: "date", name: "to", label: "Last day" },
        { kind: "textarea", name: "reason", label: "Reason" },
      ];
    case "mediationAndAppeal":
      return [
        ...requestField,
        { kind: "date", name: "decisionNoticeSent", label: "Decision notice sent (with appeal rights)" },
        { kind: "date", name: "mediationAdviserTold", label: "Mediation adviser told" },
        { kind: "date", name: "mediationCertificateIssued", label: "Mediation certificate issued" },
        { kind: "date", name: "appealLodged", label: "Appeal lodged with the tribunal" },
        { kind: "checkbox", name: "placementOnlyAppeal", label: "The appeal is only about the school or college named" },
        { kind: "checkbox", name: "otherMediation", label: "Mediation about something other than the decisions to assess and to issue a plan" },
        { kind: "checkbox", name: "otherAppeal", label: "An appeal about something other than the decisions to assess and to issue a plan" },
      ];
    case "reviewReportCirculated":
      return [
        { kind: "date", name: "date", label: "Date the review report was circulated", hint: "Within 2 weeks of the meeting (regs 20 and 21(7))" },
      ];
    case "amendmentNoticeSent":
      return [{ kind: "date", name: "date", label: "Date the amendment notice was sent", hint: "Within 4 weeks of the meeting" }];
    case "amendedPlanIssued":
      return [
        { kind: "date", name: "date", label: "Date the final amended plan was issued", hint: "Within 8 weeks of the amendment notice (reg 22(3))" },
      ];
    case "phaseTransferRecorded":
      return [
        { kind: "text", name: "year", label: "Year of the move (in September)", hint: "For example, 2027" },
        {
          kind: "select",
          name: "kind",
          label: "Kind of transfer",
          options: [
            { value: "school", text: "Between schools: plan amended by 15 February" },
            { value: "post16", text: "Secondary school to post-16: plan amended by 31 March" },
            { value: "post16Other", text: "Between post-16 institutions at another time" },
          ],
        },
        { kind: "date", name: "finalised", label: "Date the plan was amended for the move (if done)" },
      ];
    case "planTransferredIn":
      return [
        { kind: "date", name: "made", label: "Date the plan was first made", hint: "By the council that made it" },
        {
          kind: "date",
          name: "transferred",
          label: "Date the plan was transferred to this council",
          hint: "The review is due within 12 months of the plan or its last review, or 3 months of the transfer, whichever is later (reg 15(5))",
        },
        { kind: "date", name: "lastReview", label: "Date of the old council's last review meeting (if there was one)" },
        { kind: "text", name: "from", label: "Council it came from (optional)" },
      ];
    case "planCeased":
      return [
        { kind: "date", name: "date", label: "Date the plan ceased" },
        { kind: "select", name: "reason", label: "Reason (SEN2)", options: options(CEASE_REASONS as Record<string, string>) },
      ];
    case "missingEducationStarted":
      return [{ kind: "date", name: "from", label: "Date the child was last known to be in education" }];
    case "missingEducationEnded":
      return [{ kind: "date", name: "to", label: "Date the child was back in education" }];
  }
}

export function dateFieldsOf(fields: EventField[]): string[] {
  return fields.filter((f) => f.kind === "date").map((f) => f.name);
}

/**
 * "Add a child" as question pages (issue 20): twelve fields on one page became six short pages
 * and a check answers page. The rules stay in parseNewChild; these say only what is asked where.
 */
export function newChildSteps(caseworkers: readonly { id: string; display_name: string }[]): FormStep[] {
  const needs = NEED_CODES.map((code) => ({ value: code, text: NEED_LABELS[code] }));
  return [
    {
      id: "name",
      title: "What is the child's name?",
      fields: [
        { kind: "text", name: "firstName", label: "First name" },
        { kind: "text", name: "lastName", label: "Last name" },
      ],
    },
    { id: "birth", title: "What is the child's date of birth?", fields: [{ kind: "date", name: "dateOfBirth", label: "Date of birth" }] },
    {
      id: "sen2",
      title: "About the child, for the SEN2 return",
      fields: [
        {
          kind: "radios",
          name: "sex",
          label: "Sex (as recorded for the SEN2 return)",
          options: [
            { value: "F", text: "Female" },
            { value: "M", text: "Male" },
            { value: "U", text: "Not known" },
          ],
        },
        { kind: "text", name: "ethnicity", label: "Ethnicity code (optional)", hint: "The DfE code, like WBRI. Leave blank if not yet obtained" },
        { kind: "text", name: "postcode", label: "Postcode (optional)" },
      ],
    },
    {
      id: "identifiers",
      title: "The child's numbers",
      hint: "All optional: each is checked by its check digit or letter.",
      fields: [
        { kind: "text", name: "upn", label: "Unique pupil number (UPN) (optional)", hint: "13 characters, like B801200005001" },
        { kind: "text", name: "uln", label: "Unique learner number (ULN) (optional)", hint: "10 digits" },
        { kind: "text", name: "nhsNumber", label: "NHS number (optional)", hint: "10 digits, like 943 476 5919" },
      ],
    },
    {
      id: "needs",
      title: "What are the child's special educational needs?",
      fields: [
        { kind: "select", name: "primaryNeed", label: "Primary need", options: needs },
        { kind: "select", name: "secondaryNeed", label: "Secondary need (optional)", options: needs },
      ],
    },
    {
      id: "caseworker",
      title: "Who is the child's caseworker?",
      fields: [
        {
          kind: "select",
          name: "caseworker",
          label: "Caseworker",
          options: caseworkers.map((c) => ({ value: c.id, text: c.display_name })),
        },
      ],
    },
  ];
}

/**
 * The longer event forms as question pages (issue 20), made of exactly the fields of
 * eventFields, so the rules and what is stored do not change; the rest stay one short page.
 */
export function eventSteps(kind: EventKind, record: CaseRecord): FormStep[] | undefined {
  const fields = eventFields(kind, record);
  const pick = (...names: string[]) => fields.filter((f) => names.includes(f.name));
  switch (kind) {
    case "placementStarted":
      return [
        { id: "setting", title: "Which setting is the child placed at?", fields: pick("settingName", "urn", "settingCode", "settingDescription") },
        { id: "kind", title: "What kind of setting is it?", fields: pick("settingType", "outOfAuthority", "residential") },
        {
          id: "sen2",
          title: "More about the place, for the SEN2 return",
          hint: "All optional.",
          fields: pick("residentialWeeks", "senUnit", "workBased"),
        },
        { id: "start", title: "When did the placement start?", fields: pick("start") },
      ];
    case "adviceRequested":
      return [
        { id: "who", title: "Who was asked for advice?", fields: pick("requestId", "service", "provider", "headOfInstitution") },
        { id: "email", title: "Can they return their advice online?", fields: pick("email") },
        { id: "when", title: "When did they receive the request?", fields: pick("received") },
      ];
    case "reviewMeeting":
      return [
        { id: "when", title: "When is the annual review meeting?", fields: pick("meeting") },
        {
          id: "invited",
          title: "Who is invited?",
          hint: "Each person with an email address is sent an invitation at least two weeks before a booked meeting. The email gives a reference and the date, never the child's name.",
          fields: pick(
            "familyName",
            "familyEmail",
            "settingName",
            "settingEmail",
            ...[1, 2, 3].flatMap((n) => [`professional${n}Name`, `professional${n}Email`]),
          ),
        },
      ];
    case "contactAdded":
      return [
        { id: "who", title: "Who is the parent or carer?", fields: pick("name", "relationship", "parentalResponsibility") },
        { id: "contact", title: "How can they be contacted?", hint: "Both optional.", fields: pick("phone", "email") },
      ];
    default:
      return undefined;
  }
}
