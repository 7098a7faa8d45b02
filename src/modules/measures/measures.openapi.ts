// The measures API's part of the OpenAPI document (served at /api/openapi.json): camelCase, the
// same figures as the page and `send-oversight measures --json`.
import { date as dateOf, nullableNumber, query } from "../../platform/openapi-parts.ts";
import { enteredFigureSchema, enteredMeasuresPaths } from "./entered-measures.openapi.ts";

const date = dateOf();
const period = { type: "object", required: ["from", "to", "label"], properties: { from: date, to: date, label: { type: "string" } } };
const measure = {
  type: "object",
  required: ["id", "title", "unit", "value", "numerator", "denominator", "england"],
  properties: {
    id: { type: "string" },
    title: { type: "string" },
    unit: { type: "string", enum: ["count", "percent"] },
    value: nullableNumber,
    numerator: { type: ["integer", "null"] },
    denominator: { type: ["integer", "null"] },
    england: nullableNumber,
    withheld: { const: true, description: "Filtered to fewer than 5 children: value, numerator and denominator are withheld (null)" },
  },
};

export const measuresPaths = {
  ...enteredMeasuresPaths,
  "/api/measures": {
    get: {
      summary: "Every registry measure for a period, month by month, with England's figure for a calendar year and the caseload breakdowns",
      parameters: [
        query("year", "A calendar year, like 2024 (the default is the latest year with England's figures)"),
        query("month", "A month, like 2025-03 (the series is the 12 months to it)"),
        query("quarter", "A quarter, like 2025-Q1"),
        query("schoolYear", "The year a school year starts, like 2024"),
        query("from", "The first day of a range, YYYY-MM-DD (with to)"),
        query("to", "The last day of a range, YYYY-MM-DD (with from)"),
        query("caseworker", "Only the children of this caseworker (a user id of the council)"),
        query("primaryNeed", "Only the children with this primary need (SEN2 code, like ASD)"),
        query("settingType", "Only the children in this type of setting on the day each is counted"),
        query(
          "yearGroup",
          "Only the children in this year group on the day each is counted: 0 Reception, 1 to 13, -1 before Reception, 14 after Year 13",
        ),
        query("outOfAuthority", "yes: only the children placed outside the council's area on the day each is counted; no: only the others"),
      ],
      responses: {
        200: {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["period", "censusDay", "measures", "series", "breakdowns", "filter", "entered"],
                properties: {
                  period,
                  entered: {
                    type: "array",
                    items: enteredFigureSchema,
                    description: "The measures entered by hand, as at the period's last day (the whole council's: the filter does not narrow them)",
                  },
                  censusDay: date,
                  measures: { type: "array", items: measure },
                  filter: {
                    type: "object",
                    description: "The children the figures are narrowed to; empty for all",
                    properties: {
                      caseworker: { type: "string" },
                      primaryNeed: { type: "string" },
                      settingType: { type: "string" },
                      yearGroup: { type: "string" },
                      outOfAuthority: { type: "string", enum: ["yes", "no"] },
                    },
                  },
                  series: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        period,
                        measures: {
                          type: "array",
                          items: {
                            type: "object",
                            properties: {
                              id: { type: "string" },
                              value: nullableNumber,
                              numerator: { type: ["integer", "null"] },
                              denominator: { type: ["integer", "null"] },
                              england: nullableNumber,
                              withheld: { const: true },
                            },
                          },
                        },
                      },
                    },
                  },
                  breakdowns: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        by: { type: "string", enum: ["primaryNeed", "settingType", "ageBand", "yearGroup", "adviceService"] },
                        rows: {
                          type: "array",
                          items: {
                            type: "object",
                            properties: {
                              key: { type: "string" },
                              count: { type: ["integer", "null"] },
                              numerator: { type: ["integer", "null"] },
                              value: nullableNumber,
                              withheld: { const: true, description: "Filtered to fewer than 5 children: count and share withheld (null)" },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        400: {
          description: "Bad period",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
                },
              },
            },
          },
        },
      },
    },
  },
  "/api/actions/{actionId}/measures": {
    get: {
      summary:
        "An action's success measures bound to registry measures (or to measures entered by hand): the live figure over the 12 months to the date (an entered measure's: the latest figure entered for the date or before), the proposed rating and whether it supports the lead's rating",
      parameters: [
        { name: "actionId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        {
          name: "asAt",
          in: "query",
          required: false,
          description: "The figures and the lead's rating as at this date (a report's date); today if not given",
          schema: date,
        },
      ],
      responses: {
        200: {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["action", "measures"],
                properties: {
                  action: { type: "object" },
                  measures: {
                    type: "array",
                    items: {
                      type: "object",
                      required: [
                        "id",
                        "measureId",
                        "title",
                        "unit",
                        "baseline",
                        "target",
                        "period",
                        "actual",
                        "numerator",
                        "denominator",
                        "expected",
                        "proposedRating",
                        "supportsRating",
                        "sentence",
                        "ratingKept",
                        "entry",
                        "asAt",
                        "series",
                      ],
                      properties: {
                        id: { type: "string", format: "uuid" },
                        measureId: { type: "string" },
                        title: { type: "string" },
                        unit: { type: "string", enum: ["count", "percent"] },
                        baseline: { type: ["object", "null"], properties: { value: { type: "number" }, date } },
                        target: { type: "object", properties: { value: { type: "number" }, date } },
                        period,
                        actual: nullableNumber,
                        numerator: { type: "integer" },
                        denominator: { type: ["integer", "null"] },
                        expected: { type: "number" },
                        proposedRating: { type: ["string", "null"], enum: ["met", "on track", "at risk", "off track", null] },
                        supportsRating: { type: ["boolean", "null"] },
                        sentence: { type: "string" },
                        entry: {
                          type: ["object", "null"],
                          description:
                            "A measure entered by hand: the day the actual is for and its source (null for other measures, or when none is entered yet)",
                          properties: { date, source: { type: "string" } },
                        },
                        asAt: date,
                        series: {
                          type: "array",
                          description: "Each month's own figure from the baseline's month (or the 12 months to the date), and the milestone line",
                          items: {
                            type: "object",
                            required: ["period", "value", "milestone"],
                            properties: { period, value: nullableNumber, milestone: nullableNumber },
                          },
                        },
                        ratingKept: {
                          type: ["object", "null"],
                          description: "The lead's reason for keeping the current rating the measure does not support",
                          required: ["rating", "reason", "keptBy", "keptAt"],
                          properties: {
                            rating: { type: "string" },
                            reason: { type: "string" },
                            keptBy: { type: ["string", "null"] },
                            keptAt: { type: "string", format: "date-time" },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        400: {
          description: "Not a real as-at date",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
                },
              },
            },
          },
        },
        404: { description: "No such action", content: { "application/json": { schema: { type: "object" } } } },
      },
    },
  },
};
