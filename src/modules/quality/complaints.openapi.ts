// The enquiries and complaints API and the quality measures in the OpenAPI document (served at
// /api/openapi.json): camelCase, dates as YYYY-MM-DD.
import { CHANNELS, CONTACT_FROM, CONTACT_KINDS, OUTCOMES, STAGES, THEMES } from "../../domain/quality/complaints.ts";
import { QUALITY_MEASURE_IDS } from "../../domain/quality/measures.ts";
import {
  date as dateOf,
  json,
  message,
  nullableDate,
  nullableText as nullableString,
  pathId,
  problemUnmarked as problem,
} from "../../platform/openapi-parts.ts";

const date = dateOf();
const uuid = { type: "string", format: "uuid" };
const state = { type: "string", enum: ["answeredInTime", "answeredLate", "due", "overdue"] };
const notFound = json(message, "No such enquiry or complaint (or another council's)");
const idParam = pathId("complaintId");

export const contactSchema = {
  type: "object",
  required: ["id", "reference", "kind", "fromType", "fromName", "channel", "caseId", "summary", "themes", "owner", "receivedOn", "stages"],
  properties: {
    id: uuid,
    reference: { type: "string", example: "C-0001" },
    kind: { type: "string", enum: [...CONTACT_KINDS] },
    fromType: { type: "string", enum: [...CONTACT_FROM] },
    fromName: { type: "string" },
    channel: { type: "string", enum: [...CHANNELS] },
    caseId: { type: ["string", "null"], format: "uuid" },
    summary: { type: "string" },
    themes: { type: "array", items: { type: "string", enum: [...THEMES] } },
    owner: nullableString,
    receivedOn: date,
    learning: nullableString,
    learningActionId: { type: ["string", "null"], format: "uuid", description: "The improvement plan action the learning was fed into" },
    stages: {
      type: "array",
      items: {
        type: "object",
        required: ["stage", "openedOn", "targetWorkingDays", "dueOn", "respondedOn", "outcome", "state", "workingDaysLate"],
        properties: {
          stage: { type: "string", enum: [...STAGES] },
          openedOn: date,
          targetWorkingDays: { type: "integer", minimum: 1, maximum: 65 },
          dueOn: { ...date, description: "The last day to answer: the target in working days after the day it was received" },
          respondedOn: nullableDate,
          outcome: { type: ["string", "null"], enum: [...OUTCOMES, null] },
          state,
          workingDaysLate: { type: "integer" },
        },
      },
    },
  },
};

export const worklistSchema = {
  type: "object",
  required: ["list", "counts", "items"],
  properties: {
    list: { type: "string", enum: ["overdue", "due", "answered"] },
    counts: { oneOf: [{ type: "null" }, { type: "object", properties: { overdue: { type: "integer" }, due: { type: "integer" } } }] },
    items: {
      type: "array",
      items: {
        type: "object",
        required: [
          "id",
          "reference",
          "kind",
          "stage",
          "receivedOn",
          "dueOn",
          "respondedOn",
          "outcome",
          "state",
          "workingDaysLate",
          "themes",
          "owner",
        ],
        properties: {
          id: uuid,
          reference: { type: "string" },
          kind: { type: "string", enum: [...CONTACT_KINDS] },
          stage: { type: "string", enum: [...STAGES] },
          receivedOn: date,
          dueOn: date,
          respondedOn: nullableDate,
          outcome: nullableString,
          state,
          workingDaysLate: { type: "integer" },
          themes: { type: "array", items: { type: "string" } },
          owner: nullableString,
        },
      },
    },
  },
};

const figure = {
  type: "object",
  required: ["id", "title", "unit", "value", "numerator", "denominator", "text"],
  properties: {
    id: { type: "string", enum: [...QUALITY_MEASURE_IDS] },
    title: { type: "string" },
    unit: { type: "string", enum: ["count", "percent"] },
    value: { type: ["number", "null"], description: "A percentage to one decimal place, or a count; null when nothing to count or withheld" },
    numerator: { type: "integer" },
    denominator: { type: ["integer", "null"] },
    withheld: { type: "string", description: "Why the figure is not shown (fewer than five families answered)" },
    text: { type: "string", example: "62.5% (5 of 8)" },
  },
};

export const measuresSchema = {
  type: "object",
  required: ["period", "measures", "series", "complaintsByTheme", "complaintsByOutcome"],
  properties: {
    complaintsByTheme: {
      type: "array",
      description: "Complaints received in the period by theme (one with two themes counts under both), and those upheld or partly upheld at stage 1",
      items: {
        type: "object",
        required: ["theme", "received", "upheld"],
        properties: { theme: { type: "string", enum: [...THEMES] }, received: { type: "integer" }, upheld: { type: "integer" } },
      },
    },
    complaintsByOutcome: {
      type: "array",
      description: "Complaint stages answered in the period, by outcome",
      items: {
        type: "object",
        required: ["outcome", "stages"],
        properties: { outcome: { type: "string", enum: [...OUTCOMES] }, stages: { type: "integer" } },
      },
    },
    period: { type: "object", required: ["from", "to"], properties: { from: date, to: date } },
    measures: { type: "array", items: figure },
    series: {
      type: "array",
      items: {
        type: "object",
        required: ["period", "measures"],
        properties: { period: { type: "object", properties: { from: date, to: date } }, measures: { type: "array", items: figure } },
      },
    },
  },
};

const contactBody = {
  type: "object",
  required: ["kind", "fromType", "fromName", "channel", "receivedOn", "themes", "summary"],
  properties: {
    kind: { type: "string", enum: [...CONTACT_KINDS] },
    fromType: { type: "string", enum: [...CONTACT_FROM] },
    fromName: { type: "string" },
    channel: { type: "string", enum: [...CHANNELS] },
    receivedOn: date,
    targetWorkingDays: { type: "integer", default: 5 },
    themes: { type: "array", items: { type: "string", enum: [...THEMES] } },
    summary: { type: "string" },
    caseId: uuid,
    ownerUserId: uuid,
  },
};

export const complaintsPaths = {
  "/api/complaints": {
    get: {
      summary: "The enquiries and complaints worklists: overdue, due (open stages, soonest first), or answered in the last 90 days",
      parameters: [
        { name: "list", in: "query", required: false, schema: { type: "string", enum: ["overdue", "due", "answered"], default: "overdue" } },
      ],
      responses: { 200: json(worklistSchema) },
    },
    post: {
      summary: "Record an enquiry or complaint with its first stage; its last day to answer is worked out in working days",
      requestBody: { required: true, content: { "application/json": { schema: contactBody } } },
      responses: { 201: json(contactSchema, "Recorded"), 400: json(problem, "Bad input, each field named; nothing saved") },
    },
  },
  "/api/complaints/{complaintId}": {
    get: {
      summary: "One enquiry or complaint with its stages (the look is audited)",
      parameters: [idParam],
      responses: { 200: json(contactSchema), 404: notFound },
    },
  },
  "/api/complaints/{complaintId}/response": {
    post: {
      summary: "Record the answer to the current stage",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["respondedOn", "outcome"],
              properties: { respondedOn: date, outcome: { type: "string", enum: [...OUTCOMES] }, response: { type: "string" } },
            },
          },
        },
      },
      responses: { 200: json(contactSchema), 400: json(problem, "Bad input"), 404: notFound },
    },
  },
  "/api/quality/measures": {
    get: {
      summary: "The quality measures (audit grades, families' feedback, enquiries and complaints) for a period and month by month",
      parameters: [
        { name: "from", in: "query", required: false, schema: date, description: "First day (default the 12 whole months to this month)" },
        { name: "to", in: "query", required: false, schema: date },
      ],
      responses: { 200: json(measuresSchema), 400: json(problem, "Bad input") },
    },
  },
};
