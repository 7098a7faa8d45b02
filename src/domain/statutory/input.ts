// The calculator's input (a stable contract, shared by the command line, the form and the API) and its validation. `parseCalculatorInput` takes any
// value (parsed JSON, a form turned into an object) and returns either the input or a list of
// errors, each naming the field by path and saying in plain English what is wrong and how to
// fix it. It never throws.

import { dayNumberFromParts, daysInMonth, type IsoDate, parseIsoDate } from "../dates.ts";

export const TRANSFER_KINDS = ["school", "post16", "post16Other"] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const ORDER_KINDS = ["assess", "makePlan", "amend", "placement"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export const UNOPPOSED_KINDS = ["assessment", "contents"] as const;
export type UnopposedKind = (typeof UNOPPOSED_KINDS)[number];

export interface AdviceRequest {
  service?: string;
  /** When the body got the request for advice. */
  received?: IsoDate;
  returned?: IsoDate;
  /** Asked of the head teacher or principal of a school, college or early years provider. */
  headOfInstitution?: boolean;
  /** The child missed an appointment the body made (Regs 8(2)(c)); an addition to §8. */
  missedAppointment?: IsoDate;
}

export interface CalculatorEvents {
  requestReceived?: IsoDate;
  decisionNotified?: IsoDate;
  noPlanNoticeSent?: IsoDate;
  draftServed?: IsoDate;
  finalPlanIssued?: IsoDate;
  adviceRequests?: AdviceRequest[];
  planMade?: IsoDate;
  reviewMeeting?: IsoDate;
  previousReviewMeeting?: IsoDate;
  reviewReportCirculated?: IsoDate;
  reviewDecisionNotified?: IsoDate;
  amendmentNoticeSent?: IsoDate;
  amendedPlanIssued?: IsoDate;
  childUnderFive?: boolean;
  childDateOfBirth?: IsoDate;
  transferKind?: TransferKind;
  transferYear?: number;
  transferDate?: IsoDate;
  phaseTransferFinalised?: IsoDate;
  reassessmentRequestReceived?: IsoDate;
  reassessmentDecisionNotified?: IsoDate;
  oldCouncilAware?: IsoDate;
  moveDate?: IsoDate;
  transferredIn?: IsoDate;
  decisionNoticeSent?: IsoDate;
  mediationAdviserTold?: IsoDate;
  mediationCertificateIssued?: IsoDate;
  placementOnlyAppeal?: boolean;
  tribunalOrder?: { date: IsoDate; kind: OrderKind };
  unopposedNotice?: { date: IsoDate; kind: UnopposedKind };
}

/** A school, college or early years closure: `from` the first day closed, `reopens` the first day open again. */
export interface Closure {
  from: IsoDate;
  reopens: IsoDate;
  reason?: string;
}

/** An absence from the area, or a time of exceptional personal circumstances; both days included. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
  reason?: string;
}

export interface CalculatorInput {
  asOf?: IsoDate;
  events?: CalculatorEvents;
  closures?: Closure[];
  absences?: Period[];
  exceptionalCircumstances?: Period[];
}

export interface InputError {
  /** Where the problem is: `events.reviewMeeting`, `events.adviceRequests[0].returned`, `input`. */
  field: string;
  message: string;
}

export type ParseResult = { ok: true; value: CalculatorInput } | { ok: false; errors: InputError[] };

type EventType = "date" | "boolean" | "year" | "transferKind" | "adviceRequests" | "tribunalOrder" | "unopposedNotice";

/** Every event the calculator understands, its type, and what it means in plain English. */
export const EVENT_FIELDS: Readonly<Record<keyof CalculatorEvents, { type: EventType; label: string }>> = {
  requestReceived: { type: "date", label: "the request for an EHC needs assessment was received" },
  decisionNotified: { type: "date", label: "the family was told whether the council will assess" },
  noPlanNoticeSent: { type: "date", label: "the family was told no plan will be issued" },
  draftServed: { type: "date", label: "the draft plan was served" },
  finalPlanIssued: { type: "date", label: "the final plan was issued" },
  adviceRequests: { type: "adviceRequests", label: "advice asked for, one entry per body asked" },
  planMade: { type: "date", label: "the plan was first made" },
  reviewMeeting: { type: "date", label: "this year's review meeting (held or booked)" },
  previousReviewMeeting: { type: "date", label: "the review meeting before that" },
  reviewReportCirculated: { type: "date", label: "the review report was circulated" },
  reviewDecisionNotified: { type: "date", label: "the family was told the decision after the review" },
  amendmentNoticeSent: { type: "date", label: "the amendment notice (proposed amendments) was sent" },
  amendedPlanIssued: { type: "date", label: "the final amended plan was issued" },
  childUnderFive: { type: "boolean", label: "the child is under five" },
  childDateOfBirth: { type: "date", label: "the child's date of birth" },
  transferKind: { type: "transferKind", label: "the kind of phase transfer: school, post16 or post16Other" },
  transferYear: { type: "year", label: "the calendar year of the phase transfer" },
  transferDate: { type: "date", label: "the date of a move between post-16 institutions" },
  phaseTransferFinalised: { type: "date", label: "the plan was amended for the phase transfer" },
  reassessmentRequestReceived: { type: "date", label: "the request for a re-assessment was received" },
  reassessmentDecisionNotified: { type: "date", label: "the family was told of the decision to re-assess" },
  oldCouncilAware: { type: "date", label: "the old council learned of the move" },
  moveDate: { type: "date", label: "the family moved" },
  transferredIn: { type: "date", label: "the plan was transferred to the new council" },
  decisionNoticeSent: { type: "date", label: "the decision notice (with appeal rights) was sent" },
  mediationAdviserTold: { type: "date", label: "the mediation adviser was told about mediation" },
  mediationCertificateIssued: { type: "date", label: "the mediation certificate was issued" },
  placementOnlyAppeal: { type: "boolean", label: "the appeal is only about the school or college named" },
  tribunalOrder: { type: "tribunalOrder", label: "the tribunal's order: date and kind" },
  unopposedNotice: { type: "unopposedNotice", label: "the council told the tribunal it will not oppose: date and kind" },
};

const EVENT_NAMES = Object.keys(EVENT_FIELDS);
const TOP_LEVEL_FIELDS = ["asOf", "events", "closures", "absences", "exceptionalCircumstances"] as const;
const ADVICE_FIELDS = ["service", "received", "returned", "headOfInstitution", "missedAppointment"] as const;
const MAX_LIST = 200;
const MAX_TEXT = 500;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
const EXAMPLE_DATE = "2026-03-09";
const FIRST_DAY = dayNumberFromParts(FIRST_YEAR, 1, 1);
const LAST_DAY = dayNumberFromParts(LAST_YEAR, 12, 31);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** What a value is, for messages; safe on anything. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string": {
      const text = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return JSON.stringify(text);
    }
    case "number":
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

function quoteList(values: readonly string[]): string {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

function nameList(values: readonly string[]): string {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}`;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** The closest known name, if the unknown one looks like a typo of it. */
function closest(name: string, known: readonly string[]): string | undefined {
  const simple = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (simple(candidate) === simple(name)) return candidate;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return name.length <= 200 && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

function unknownName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

class Collector {
  readonly errors: InputError[] = [];
  add(field: string, message: string) {
    // One message per field is enough to act on.
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message });
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function readDate(value: unknown, field: string, errors: Collector): IsoDate | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value !== "string") {
    errors.add(field, `${field} must be a date written as text in the form YYYY-MM-DD, like "${EXAMPLE_DATE}"; it was ${describeValue(value)}.`);
    return undefined;
  }
  const text = value.length === 10 ? value : value.trim();
  // The usual case first: a real date in range needs no more work.
  const dayNumber = parseIsoDate(text);
  if (dayNumber !== undefined && dayNumber >= FIRST_DAY && dayNumber <= LAST_DAY) return text;
  const shape = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!shape) {
    const ukStyle = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
    const hint = ukStyle
      ? ` Write ${ukStyle[1]}/${ukStyle[2]}/${ukStyle[3]} as ${ukStyle[3]}-${ukStyle[2]?.padStart(2, "0")}-${ukStyle[1]?.padStart(2, "0")}.`
      : "";
    errors.add(field, `${field} must be a date in the form YYYY-MM-DD, like ${EXAMPLE_DATE}; ${describeValue(text)} is not in that form.${hint}`);
    return undefined;
  }
  const year = Number(shape[1]);
  const month = Number(shape[2]);
  const day = Number(shape[3]);
  if (parseIsoDate(text) === undefined) {
    const why =
      month < 1 || month > 12
        ? ` (there is no month ${shape[2]})`
        : day > daysInMonth(year, month)
          ? ` (${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days)`
          : "";
    errors.add(field, `${field} must be a real date in the form YYYY-MM-DD, like ${EXAMPLE_DATE}; ${text} is not a real date${why}.`);
    return undefined;
  }
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    errors.add(field, `${field} must be a date between ${FIRST_YEAR} and ${LAST_YEAR}; ${text} is outside that range. Check the year.`);
    return undefined;
  }
  return text;
}

function readBoolean(value: unknown, field: string, errors: Collector): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  errors.add(field, `${field} must be true or false (without quotes); it was ${describeValue(value)}.`);
  return undefined;
}

function readText(value: unknown, field: string, errors: Collector, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    errors.add(field, `${field} must be text (${what}); it was ${describeValue(value)}.`);
    return undefined;
  }
  if (value.length > MAX_TEXT) {
    errors.add(field, `${field} must be at most ${MAX_TEXT} characters; it has ${value.length}. Shorten it.`);
    return undefined;
  }
  return value.trim() === "" ? undefined : value.trim();
}

function readChoice<T extends string>(value: unknown, field: string, errors: Collector, choices: readonly T[]): T | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  const guess = typeof value === "string" ? closest(value, choices) : undefined;
  const hint = guess ? ` Did you mean "${guess}"?` : "";
  errors.add(field, `${field} must be one of ${quoteList(choices)}; it was ${describeValue(value)}.${hint}`);
  return undefined;
}

function readYear(value: unknown, field: string, errors: Collector): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    errors.add(field, `${field} must be a year as a whole number without quotes, like 2026; it was ${describeValue(value)}.`);
    return undefined;
  }
  if (value < FIRST_YEAR || value > LAST_YEAR) {
    errors.add(field, `${field} must be a year between ${FIRST_YEAR} and ${LAST_YEAR}; it was ${value}.`);
    return undefined;
  }
  return value;
}

/** "events.foo is not a recognised event. Did you mean ...?" */
function reportUnknown(key: string, known: readonly string[], prefix: string, errors: Collector, what: string) {
  const field = prefix ? `${prefix}.${unknownName(key)}` : unknownName(key);
  const guess = closest(key, known);
  const hint = guess ? ` Did you mean ${guess}?` : ` The ${what === "event" ? "events" : "fields"} are ${nameList(known)}.`;
  errors.add(field, `${field} is not a recognised ${what}.${hint}`);
}

/** Reports every key of `object` that is not in `known`. */
function checkKeys(object: Json, known: readonly string[], prefix: string, errors: Collector, what: string) {
  for (const key of Object.keys(object)) if (!known.includes(key)) reportUnknown(key, known, prefix, errors, what);
}

function readList(value: unknown, field: string, errors: Collector, example: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    errors.add(field, `${field} must be a list, like ${example}; it was ${describeValue(value)}.`);
    return undefined;
  }
  if (value.length > MAX_LIST) {
    errors.add(field, `${field} has ${value.length} entries; at most ${MAX_LIST} can be worked out at once.`);
    return undefined;
  }
  return value;
}

function readAdviceRequests(value: unknown, errors: Collector): AdviceRequest[] | undefined {
  const list = readList(value, "events.adviceRequests", errors, `[{"service": "Educational psychology", "received": "${EXAMPLE_DATE}"}]`);
  if (!list) return undefined;
  const requests: AdviceRequest[] = [];
  list.forEach((item, index) => {
    const field = `events.adviceRequests[${index}]`;
    if (!isObject(item)) {
      errors.add(
        field,
        `${field} must be an object like {"service": "Educational psychology", "received": "${EXAMPLE_DATE}"}; it was ${describeValue(item)}.`,
      );
      return;
    }
    checkKeys(item, ADVICE_FIELDS, field, errors, "field of an advice request");
    const request: AdviceRequest = {};
    const service = readText(own(item, "service"), `${field}.service`, errors, 'the service or body asked, like "Educational psychology"');
    const received = readDate(own(item, "received"), `${field}.received`, errors);
    const returned = readDate(own(item, "returned"), `${field}.returned`, errors);
    const head = readBoolean(own(item, "headOfInstitution"), `${field}.headOfInstitution`, errors);
    const missed = readDate(own(item, "missedAppointment"), `${field}.missedAppointment`, errors);
    if (service !== undefined) request.service = service;
    if (received !== undefined) request.received = received;
    if (returned !== undefined) request.returned = returned;
    if (head !== undefined) request.headOfInstitution = head;
    if (missed !== undefined) request.missedAppointment = missed;
    if (received && returned && returned < received) {
      errors.add(
        `${field}.returned`,
        `${field}.returned (${returned}) is before ${field}.received (${received}): advice cannot be returned before it was asked for. Check both dates.`,
      );
    }
    if (received && missed && missed < received) {
      errors.add(
        `${field}.missedAppointment`,
        `${field}.missedAppointment (${missed}) is before ${field}.received (${received}): the appointment is made after the request. Check both dates.`,
      );
    }
    requests.push(request);
  });
  return requests;
}

function readDatedKind<T extends string>(
  value: unknown,
  field: string,
  errors: Collector,
  kinds: readonly T[],
  what: string,
): { date: IsoDate; kind: T } | undefined {
  if (value === undefined || value === null) return undefined;
  const example = `{"date": "${EXAMPLE_DATE}", "kind": "${kinds[0]}"}`;
  if (!isObject(value)) {
    errors.add(field, `${field} must be an object like ${example}; it was ${describeValue(value)}.`);
    return undefined;
  }
  checkKeys(value, ["date", "kind"], field, errors, "field");
  const date = readDate(own(value, "date"), `${field}.date`, errors);
  const kind = readChoice(own(value, "kind"), `${field}.kind`, errors, kinds);
  if (isBlank(own(value, "date"))) {
    errors.add(`${field}.date`, `${field}.date is missing: give the date of ${what} in the form YYYY-MM-DD, like ${EXAMPLE_DATE}.`);
  }
  if (isBlank(own(value, "kind"))) {
    errors.add(`${field}.kind`, `${field}.kind is missing: give one of ${quoteList(kinds)}.`);
  }
  return date && kind ? { date, kind } : undefined;
}

function readPeriods(value: unknown, name: "absences" | "exceptionalCircumstances", errors: Collector): Period[] | undefined {
  const list = readList(value, name, errors, `[{"from": "2026-01-05", "to": "2026-02-13"}]`);
  if (!list) return undefined;
  const periods: Period[] = [];
  list.forEach((item, index) => {
    const field = `${name}[${index}]`;
    if (!isObject(item)) {
      errors.add(field, `${field} must be an object like {"from": "2026-01-05", "to": "2026-02-13"}; it was ${describeValue(item)}.`);
      return;
    }
    checkKeys(item, ["from", "to", "reason"], field, errors, "field");
    const from = readDate(own(item, "from"), `${field}.from`, errors);
    const to = readDate(own(item, "to"), `${field}.to`, errors);
    const reason = readText(own(item, "reason"), `${field}.reason`, errors, "the reason recorded");
    if (isBlank(own(item, "from"))) errors.add(`${field}.from`, `${field}.from is missing: give the first day in the form YYYY-MM-DD.`);
    if (isBlank(own(item, "to"))) errors.add(`${field}.to`, `${field}.to is missing: give the last day in the form YYYY-MM-DD.`);
    if (from && to && to < from) {
      errors.add(`${field}.to`, `${field}.to (${to}) is before ${field}.from (${from}). Check both dates.`);
      return;
    }
    if (from && to) periods.push(reason === undefined ? { from, to } : { from, to, reason });
  });
  return periods;
}

function readClosures(value: unknown, errors: Collector): Closure[] | undefined {
  const list = readList(value, "closures", errors, `[{"from": "2026-07-22", "reopens": "2026-09-02"}]`);
  if (!list) return undefined;
  const closures: Closure[] = [];
  list.forEach((item, index) => {
    const field = `closures[${index}]`;
    if (!isObject(item)) {
      errors.add(field, `${field} must be an object like {"from": "2026-07-22", "reopens": "2026-09-02"}; it was ${describeValue(item)}.`);
      return;
    }
    checkKeys(item, ["from", "reopens", "reason"], field, errors, "field");
    const from = readDate(own(item, "from"), `${field}.from`, errors);
    const reopens = readDate(own(item, "reopens"), `${field}.reopens`, errors);
    const reason = readText(own(item, "reason"), `${field}.reason`, errors, "the school or college, or the holiday");
    if (isBlank(own(item, "from"))) {
      errors.add(`${field}.from`, `${field}.from is missing: give the first day the school or college was closed, in the form YYYY-MM-DD.`);
    }
    if (isBlank(own(item, "reopens"))) {
      errors.add(`${field}.reopens`, `${field}.reopens is missing: give the day the school or college opened again, in the form YYYY-MM-DD.`);
    }
    if (from && reopens && reopens <= from) {
      errors.add(`${field}.reopens`, `${field}.reopens (${reopens}) must be after ${field}.from (${from}). Check both dates.`);
      return;
    }
    if (from && reopens) closures.push(reason === undefined ? { from, reopens } : { from, reopens, reason });
  });
  return closures;
}

/** Pairs of events where the first cannot be before the second, with the reason in plain English. */
const ORDER_CHECKS: readonly [later: keyof CalculatorEvents, earlier: keyof CalculatorEvents, why: string][] = [
  ["decisionNotified", "requestReceived", "the decision cannot be sent before the request was received"],
  ["noPlanNoticeSent", "requestReceived", "the notice cannot be sent before the request was received"],
  ["draftServed", "requestReceived", "a draft plan cannot be served before the request was received"],
  ["finalPlanIssued", "requestReceived", "a final plan cannot be issued before the request was received"],
  ["finalPlanIssued", "draftServed", "the final plan cannot be issued before the draft was served"],
  ["reviewMeeting", "planMade", "a review meeting cannot be held before the plan was made"],
  ["previousReviewMeeting", "planMade", "a review meeting cannot be held before the plan was made"],
  ["reviewReportCirculated", "reviewMeeting", "the report of the review meeting cannot be sent before the meeting"],
  ["reviewDecisionNotified", "reviewMeeting", "the decision after the review cannot be sent before the meeting"],
  ["amendedPlanIssued", "amendmentNoticeSent", "the amended plan cannot be issued before the amendment notice was sent"],
  ["requestReceived", "childDateOfBirth", "a request cannot be made before the child was born"],
  ["planMade", "childDateOfBirth", "a plan cannot be made before the child was born"],
  ["reassessmentDecisionNotified", "reassessmentRequestReceived", "the decision cannot be sent before the request was received"],
  ["transferredIn", "oldCouncilAware", "the plan cannot be transferred before the old council knew of the move"],
  ["mediationAdviserTold", "decisionNoticeSent", "the family contacts the mediation adviser after the decision notice"],
  ["mediationCertificateIssued", "mediationAdviserTold", "the certificate follows the family contacting the mediation adviser"],
  ["mediationCertificateIssued", "decisionNoticeSent", "the certificate follows the decision notice"],
];

function readEvents(value: unknown, errors: Collector): CalculatorEvents | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    errors.add("events", `events must be an object like {"requestReceived": "${EXAMPLE_DATE}"}; it was ${describeValue(value)}.`);
    return undefined;
  }
  const events: Record<string, unknown> = {};
  // Only the events present: an input usually gives a handful of the thirty.
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(EVENT_FIELDS, key)) {
      reportUnknown(key, EVENT_NAMES, "events", errors, "event");
      continue;
    }
    const name = key as keyof CalculatorEvents;
    const field = `events.${name}`;
    const raw = value[key];
    let parsed: unknown;
    switch (EVENT_FIELDS[name].type) {
      case "date":
        parsed = readDate(raw, field, errors);
        break;
      case "boolean":
        parsed = readBoolean(raw, field, errors);
        break;
      case "year":
        parsed = readYear(raw, field, errors);
        break;
      case "transferKind":
        parsed = readChoice(raw, field, errors, TRANSFER_KINDS);
        break;
      case "adviceRequests":
        parsed = readAdviceRequests(raw, errors);
        break;
      case "tribunalOrder":
        parsed = readDatedKind(raw, field, errors, ORDER_KINDS, "the tribunal's order");
        break;
      case "unopposedNotice":
        parsed = readDatedKind(raw, field, errors, UNOPPOSED_KINDS, "the notice to the tribunal");
        break;
    }
    if (parsed !== undefined) events[name] = parsed;
  }
  const result = events as CalculatorEvents;

  for (const [later, earlier, why] of ORDER_CHECKS) {
    const a = result[later];
    const b = result[earlier];
    if (typeof a === "string" && typeof b === "string" && a < b) {
      errors.add(`events.${later}`, `events.${later} (${a}) is before events.${earlier} (${b}): ${why}. Check both dates.`);
    }
  }
  const { reviewMeeting, previousReviewMeeting } = result;
  if (reviewMeeting && previousReviewMeeting && reviewMeeting <= previousReviewMeeting) {
    errors.add(
      "events.reviewMeeting",
      `events.reviewMeeting (${reviewMeeting}) must be after events.previousReviewMeeting (${previousReviewMeeting}): reviewMeeting is this year's meeting and previousReviewMeeting the one before it.`,
    );
  }
  return result;
}

/** Validates the calculator's input. Never throws, whatever it is given. */
export function parseCalculatorInput(json: unknown): ParseResult {
  const errors = new Collector();
  try {
    if (!isObject(json)) {
      errors.add("input", `The input must be a JSON object, like {"events": {"requestReceived": "${EXAMPLE_DATE}"}}; it was ${describeValue(json)}.`);
      return { ok: false, errors: errors.errors };
    }
    checkKeys(json, TOP_LEVEL_FIELDS, "", errors, "field");
    const value: CalculatorInput = {};
    const asOf = readDate(own(json, "asOf"), "asOf", errors);
    const events = readEvents(own(json, "events"), errors);
    const closures = readClosures(own(json, "closures"), errors);
    const absences = readPeriods(own(json, "absences"), "absences", errors);
    const circumstances = readPeriods(own(json, "exceptionalCircumstances"), "exceptionalCircumstances", errors);
    if (asOf !== undefined) value.asOf = asOf;
    if (events !== undefined) value.events = events;
    if (closures !== undefined) value.closures = closures;
    if (absences !== undefined) value.absences = absences;
    if (circumstances !== undefined) value.exceptionalCircumstances = circumstances;
    return errors.errors.length ? { ok: false, errors: errors.errors } : { ok: true, value };
  } catch {
    // Not expected: every read above is guarded. Kept so that the promise "never throws" holds.
    return {
      ok: false,
      errors: [{ field: "input", message: "The input could not be read. Send one JSON object as `send-oversight deadlines --help` describes." }],
    };
  }
}
