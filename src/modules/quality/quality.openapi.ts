// The quality audits API's part of the OpenAPI document (served at /api/openapi.json): camelCase.

import { SURVEY_RESPONDENTS } from "../../domain/quality/survey.ts";
import { body, date as dateOf, json, nullableText as nullableString, problemUnmarked as problem } from "../../platform/openapi-parts.ts";
import { complaintsPaths } from "./complaints.openapi.ts";

const date = dateOf();
const shareSchema = {
  type: "object",
  required: ["numerator", "denominator", "percent", "text"],
  properties: {
    numerator: { type: "integer" },
    denominator: { type: "integer" },
    percent: { type: ["integer", "null"] },
    text: { type: "string", example: "72% (36 of 50)" },
  },
};
const groupShare = { ...shareSchema, required: ["key", ...shareSchema.required], properties: { key: { type: "string" }, ...shareSchema.properties } };

const shown = {
  description: "A figure, or a note that it is withheld because fewer than five answered (anonymity)",
  oneOf: [
    { type: "object", required: ["suppressed", "value"], properties: { suppressed: { const: false }, value: shareSchema } },
    {
      type: "object",
      required: ["suppressed", "count", "text"],
      properties: { suppressed: { const: true }, count: { type: "integer" }, text: { type: "string" } },
    },
  ],
};

/** One group's survey figures: invites, answers, each question's share who agreed, the comments. */
const surveyFiguresProperties = {
  invites: { type: "object", properties: { sent: { type: "integer" }, answered: { type: "integer" } } },
  responses: { type: "integer" },
  questions: {
    type: "array",
    items: {
      type: "object",
      required: ["id", "text", "agreed"],
      properties: { id: { type: "string" }, text: { type: "string" }, agreed: shown },
    },
  },
  comments: {
    oneOf: [
      { type: "object", properties: { suppressed: { const: false }, value: { type: "array", items: { type: "string" } } } },
      { type: "object", properties: { suppressed: { const: true }, count: { type: "integer" }, text: { type: "string" } } },
    ],
  },
};

export const qualityPaths = {
  ...complaintsPaths,
  "/api/quality/feedback": {
    get: {
      summary:
        "Feedback from parents and carers, young people and settings: the share who agreed with each question (anonymous; fewer than five answers withheld), and the comments",
      parameters: [
        { name: "from", in: "query", required: false, schema: date, description: "First day (default a year before today)" },
        { name: "to", in: "query", required: false, schema: date, description: "Last day (default today)" },
        { name: "stage", in: "query", required: false, schema: { type: "string", enum: ["planIssued", "reviewHeld"] } },
        {
          name: "respondent",
          in: "query",
          required: false,
          schema: { type: "string", enum: [...SURVEY_RESPONDENTS] },
          description: "Whose figures the top level gives (default parentCarer); byRespondent always has all three",
        },
      ],
      responses: {
        200: json({
          type: "object",
          required: ["period", "stage", "respondent", "invites", "responses", "questions", "comments", "byRespondent"],
          properties: {
            period: { type: "object", required: ["from", "to"], properties: { from: date, to: date } },
            stage: nullableString,
            respondent: { type: "string", enum: [...SURVEY_RESPONDENTS] },
            ...surveyFiguresProperties,
            byRespondent: {
              type: "array",
              description: "Parents and carers, young people, and schools, colleges and settings: each on its own questions",
              items: {
                type: "object",
                required: ["respondent", "invites", "responses", "questions", "comments"],
                properties: { respondent: { type: "string", enum: [...SURVEY_RESPONDENTS] }, ...surveyFiguresProperties },
              },
            },
          },
        }),
        400: json(problem, "Bad input"),
      },
    },
  },
  "/api/quality/results": {
    get: {
      summary: "% of audited EHC plans judged good or better (agreed audits), overall and by quarter, caseworker and criterion",
      parameters: [
        { name: "from", in: "query", required: false, schema: date, description: "First day agreed (default a year before today)" },
        { name: "to", in: "query", required: false, schema: date, description: "Last day agreed (default today)" },
      ],
      responses: {
        200: json({
          type: "object",
          required: ["period", "overall", "byQuarter", "byCaseworker", "byCriterion"],
          properties: {
            period: { type: "object", required: ["from", "to"], properties: { from: date, to: date } },
            overall: shareSchema,
            byQuarter: { type: "array", items: groupShare },
            byCaseworker: { type: "array", items: groupShare },
            byCriterion: { type: "array", items: groupShare },
          },
        }),
        400: json(problem, "Bad input"),
      },
    },
  },
  "/api/quality/audits/{auditId}": {
    get: {
      summary: "One quality audit: its grades criterion by criterion against the framework version it used",
      parameters: [{ name: "auditId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      responses: {
        200: json({
          type: "object",
          required: ["id", "sampleId", "caseId", "state", "framework", "criteria", "proposedGrade", "agreedGrade", "agreedOn"],
          properties: {
            id: { type: "string", format: "uuid" },
            sampleId: { type: "string", format: "uuid" },
            caseId: { type: "string", format: "uuid" },
            state: { type: "string", enum: ["unassigned", "assigned", "submitted", "agreed"] },
            framework: { type: "object", properties: { version: { type: "integer" }, name: { type: "string" } } },
            caseworker: nullableString,
            auditor: nullableString,
            moderator: nullableString,
            criteria: {
              type: "array",
              items: {
                type: "object",
                required: ["id", "text", "grade", "comment"],
                properties: { id: { type: "string", example: "2.1" }, text: { type: "string" }, grade: nullableString, comment: nullableString },
              },
            },
            proposedGrade: nullableString,
            summary: nullableString,
            agreedGrade: nullableString,
            agreedGoodOrBetter: { type: ["boolean", "null"] },
            moderationComment: nullableString,
            agreedOn: { type: ["string", "null"], format: "date" },
          },
        }),
        404: json({ type: "object" }, "No such audit (or another council's)"),
      },
    },
  },
  "/api/quality/samples": {
    post: {
      summary: "Draw a sample of plans to audit by a rule; the seed is recorded (a new one when none is given)",
      requestBody: body({
        type: "object",
        required: ["method", "size"],
        properties: {
          method: { type: "string", enum: ["random", "newPlans", "perCaseworker"] },
          size: { type: "string", example: "10" },
          seed: { type: "string", example: "20260901" },
          from: date,
          to: date,
        },
      }),
      responses: {
        201: json(
          {
            type: "object",
            required: ["id", "method", "seed", "from", "to", "frameworkVersion", "audits"],
            properties: {
              id: { type: "string", format: "uuid" },
              method: { type: "string" },
              seed: { type: "integer" },
              from: date,
              to: date,
              frameworkVersion: { type: "integer" },
              audits: {
                type: "array",
                items: {
                  type: "object",
                  properties: { id: { type: "string", format: "uuid" }, caseId: { type: "string", format: "uuid" }, caseworker: nullableString },
                },
              },
            },
          },
          "Drawn",
        ),
        400: json(problem, "Bad input"),
      },
    },
  },
};
