// Measures entered by hand in the OpenAPI document (served at /api/openapi.json): camelCase, dates
// as YYYY-MM-DD; the same fields as the pages' forms, a value as a number.
import { body, date as dateOf, json, message, nullableNumber, nullableText, pathId, problem } from "../../platform/openapi-parts.ts";

const date = dateOf("2026-09-30");
const uuid = { type: "string", format: "uuid" };
const unit = { type: "string", enum: ["count", "percent"] };

const entry = {
  type: "object",
  required: ["id", "value", "date", "source", "note", "supersedes", "enteredAt", "enteredBy", "correctedBy"],
  properties: {
    id: uuid,
    value: { type: "number", minimum: 0 },
    date: { ...date, description: "The day the figure is for" },
    source: { type: "string" },
    note: nullableText,
    supersedes: { type: ["string", "null"], format: "uuid", description: "The entry this one corrects" },
    enteredAt: { type: "string", format: "date-time" },
    enteredBy: nullableText,
    correctedBy: { type: ["string", "null"], format: "uuid", description: "The correction that replaced this entry: it no longer counts" },
  },
};

export const enteredMeasureSchema = {
  type: "object",
  required: ["id", "measureId", "title", "unit", "higherIsBetter", "description", "entries"],
  properties: {
    id: uuid,
    measureId: { type: "string", description: "The id a success measure binds with: entered: and the id" },
    title: { type: "string" },
    unit,
    higherIsBetter: { type: "boolean" },
    description: { type: "string" },
    entries: { type: "array", items: entry, description: "Every entry, corrections and the entries they replaced included" },
  },
};

/** An entered measure's figure for a period, in GET /api/measures (`entered`) and the CLI's JSON. */
export const enteredFigureSchema = {
  type: "object",
  required: ["id", "measureId", "title", "unit", "higherIsBetter", "value", "date", "source", "entries"],
  properties: {
    id: uuid,
    measureId: { type: "string" },
    title: { type: "string" },
    unit,
    higherIsBetter: { type: "boolean" },
    value: { ...nullableNumber, description: "The actual as at the period's last day: the latest figure entered for that day or before" },
    date: { type: ["string", "null"], format: "date", description: "The day that figure is for" },
    source: nullableText,
    entries: {
      type: "array",
      description: "The figures entered for days in the period (corrected ones left out)",
      items: {
        type: "object",
        required: ["id", "value", "date", "source", "note"],
        properties: { id: uuid, value: { type: "number" }, date, source: { type: "string" }, note: nullableText },
      },
    },
  },
};

const entryBody = {
  type: "object",
  required: ["value", "date", "source"],
  properties: {
    value: { type: ["number", "string"], description: "0 or more; a percentage is 0 to 100" },
    date: { ...date, description: "The day the figure is for: today or earlier" },
    source: { type: "string", maxLength: 200 },
    note: { type: "string", maxLength: 1000 },
  },
};

const notFound = json(message, "No such measure or figure (or another council's)");
const bad = json(problem, "Bad input, each field named; nothing saved");

export const enteredMeasuresPaths = {
  "/api/measures/entered": {
    get: {
      summary: "The council's measures entered by hand, each with every figure entered and corrected",
      responses: { 200: json({ type: "object", required: ["measures"], properties: { measures: { type: "array", items: enteredMeasureSchema } } }) },
    },
    post: {
      summary: "Define a measure to enter by hand (audited)",
      requestBody: body({
        type: "object",
        required: ["title", "unit", "higherIsBetter", "description"],
        properties: {
          title: { type: "string", maxLength: 120 },
          unit,
          higherIsBetter: { type: "boolean" },
          description: { type: "string", maxLength: 1000 },
        },
      }),
      responses: { 201: json(enteredMeasureSchema, "Defined"), 400: bad },
    },
  },
  "/api/measures/entered/{enteredId}": {
    get: {
      summary: "One measure entered by hand with every figure entered and corrected",
      parameters: [pathId("enteredId")],
      responses: { 200: json(enteredMeasureSchema), 404: notFound },
    },
  },
  "/api/measures/entered/{enteredId}/entries": {
    post: {
      summary: "Enter a figure with its date and source (audited); one figure a date: a wrong one is corrected",
      parameters: [pathId("enteredId")],
      requestBody: body(entryBody),
      responses: { 201: json(enteredMeasureSchema, "Entered"), 400: bad, 404: notFound },
    },
  },
  "/api/measures/entered/{enteredId}/entries/{entryId}/correction": {
    post: {
      summary: "Correct a figure: a new entry replaces it, the old one is kept (audited with the reason)",
      parameters: [pathId("enteredId"), pathId("entryId")],
      requestBody: body({
        ...entryBody,
        required: [...entryBody.required, "reason"],
        properties: { ...entryBody.properties, reason: { type: "string", maxLength: 1000 } },
      }),
      responses: { 201: json(enteredMeasureSchema, "Corrected"), 400: bad, 404: notFound },
    },
  },
};
