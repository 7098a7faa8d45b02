// The SEN2 return's part of the OpenAPI document (served at /api/openapi.json): camelCase, the same
// reports as `send-oversight sen2 ... --json`.
import { date as dateOf, json, problemUnmarked as problem } from "../../platform/openapi-parts.ts";

const date = dateOf("2027-01-21");
const tally = {
  type: "object",
  required: ["count", "of"],
  properties: { count: { type: "integer" }, of: { type: ["integer", "null"], description: "What the count is of, for a share" } },
};
const year = {
  name: "year",
  in: "query",
  required: false,
  schema: { type: "integer", example: 2027 },
  description: "The census year (default the return due next).",
};
const sen2Issue = {
  type: "object",
  required: ["severity", "rule", "where", "item", "message"],
  properties: {
    severity: { type: "string", enum: ["error", "query"] },
    rule: { type: "string", example: "S2-07" },
    person: { type: "integer", description: "0-based index of the person in the return" },
    where: { type: "string", example: "Person 3: Testcase, Ada" },
    item: { type: "string", example: "Requests[1]/Assessment/NamedPlan/PlanDetail" },
    message: { type: "string" },
    caseId: { type: "string", format: "uuid" },
  },
};

/** The SEN2 return: SEND managers only. */
export function sen2Paths() {
  return {
    "/api/returns/sen2/validation": {
      get: {
        summary: "Every error and query in the council's SEN2 return, by child (as `sen2 validate --json`)",
        parameters: [year],
        responses: {
          200: json({
            type: "object",
            required: ["year", "censusDay", "children", "errors", "queries", "issues"],
            properties: {
              year: { type: "integer" },
              censusDay: date,
              children: { type: "integer" },
              errors: { type: "integer" },
              queries: { type: "integer" },
              issues: { type: "array", items: sen2Issue },
            },
          }),
          400: json(problem, "Bad input"),
        },
      },
    },
    "/api/returns/sen2/items-not-held": {
      get: {
        summary:
          "The items of the SEN2 return that the casework holds but some records leave blank, each with the number of children in the return it applies to (the export leaves them out)",
        parameters: [year],
        responses: {
          200: json({
            type: "object",
            required: ["year", "censusDay", "children", "items"],
            properties: {
              year: { type: "integer" },
              censusDay: date,
              children: { type: "integer", description: "Children in the return" },
              items: {
                type: "array",
                items: {
                  type: "object",
                  required: ["item", "meaning", "appliesTo", "children", "written"],
                  properties: {
                    item: { type: "string", example: "Requests/Assessment/NamedPlan/PB, OA and DP" },
                    meaning: { type: "string" },
                    appliesTo: { type: "string", example: "children with a named plan" },
                    children: { type: "integer", description: "Children in the return it applies to" },
                    written: { type: "string", example: "Left out" },
                  },
                },
              },
            },
          }),
          400: json(problem, "Bad input"),
        },
      },
    },
    "/api/returns/sen2/reconciliation": {
      get: {
        summary:
          "The return's totals (as the DfE counts them from the file) beside the product's measures for the same days; any difference is a fault",
        parameters: [year],
        responses: {
          200: json({
            type: "object",
            required: ["year", "censusDay", "rows"],
            properties: {
              year: { type: "integer" },
              censusDay: date,
              rows: {
                type: "array",
                items: {
                  type: "object",
                  required: ["measureId", "label", "fromReturn", "fromMeasures", "agrees", "explanation"],
                  properties: {
                    measureId: { type: "string", example: "newPlans" },
                    label: { type: "string" },
                    fromReturn: tally,
                    fromMeasures: { oneOf: [tally, { type: "null" }] },
                    agrees: { type: ["boolean", "null"], description: "null: not compared yet (census day or the year still to come)" },
                    explanation: { type: ["string", "null"] },
                  },
                },
              },
            },
          }),
          400: json(problem, "Bad input"),
        },
      },
    },
    "/api/returns/sen2/export": {
      post: {
        summary: "The person-level SEN2 XML; refused (409) while errors remain unless allowErrors gives a reason, which is audited",
        requestBody: {
          required: false,
          content: {
            "application/json": {
              schema: { type: "object", properties: { year: { type: "integer" }, allowErrors: { type: "string", minLength: 10 } } },
            },
          },
        },
        responses: {
          200: { description: "The return", content: { "application/xml": { schema: { type: "string" } } } },
          400: json(problem, "Bad input"),
          409: json(
            {
              type: "object",
              required: ["refused", "issues"],
              properties: { refused: { type: "string" }, issues: { type: "array", items: sen2Issue } },
            },
            "Errors remain",
          ),
        },
      },
    },
    "/api/returns/sen2/import": {
      post: {
        summary: "Read a council's SEN2 XML in to start its caseload, all or nothing (as `sen2 import --json`)",
        parameters: [{ name: "dryRun", in: "query", required: false, schema: { type: "boolean" }, description: "Preview: save nothing." }],
        requestBody: { required: true, content: { "application/xml": { schema: { type: "string" } } } },
        responses: {
          200: json({
            type: "object",
            required: [
              "dryRun",
              "alreadyRead",
              "year",
              "persons",
              "created",
              "alreadyHeld",
              "requests",
              "plans",
              "placements",
              "reviews",
              "needs",
              "problems",
            ],
            properties: {
              dryRun: { type: "boolean" },
              alreadyRead: { type: "boolean" },
              year: { type: "integer" },
              persons: { type: "integer" },
              created: { type: "integer" },
              alreadyHeld: { type: "integer" },
              requests: { type: "integer" },
              plans: { type: "integer" },
              placements: { type: "integer" },
              reviews: { type: "integer" },
              needs: { type: "integer" },
              problems: { type: "array", items: { type: "object" } },
            },
          }),
          400: json(problem, "The file has problems: each names the child and the item"),
          415: json(problem, "Not sent as application/xml"),
        },
      },
    },
  };
}
