// The measures API's part of the OpenAPI document (served at /api/openapi.json): camelCase, the
// same figures as the page and `send-oversight measures --json`.
const date = { type: "string", format: "date" };
const nullableNumber = { type: ["number", "null"] };
const period = { type: "object", required: ["from", "to", "label"], properties: { from: date, to: date, label: { type: "string" } } };
const measure = {
  type: "object",
  required: ["id", "title", "unit", "value", "numerator", "denominator", "england"],
  properties: {
    id: { type: "string" },
    title: { type: "string" },
    unit: { type: "string", enum: ["count", "percent"] },
    value: nullableNumber,
    numerator: { type: "integer" },
    denominator: { type: ["integer", "null"] },
    england: nullableNumber,
  },
};
const query = (name: string, description: string) => ({ name, in: "query", required: false, schema: { type: "string" }, description });

export const measuresPaths = {
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
      ],
      responses: {
        200: {
          description: "OK",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["period", "censusDay", "measures", "series", "breakdowns"],
                properties: {
                  period,
                  censusDay: date,
                  measures: { type: "array", items: measure },
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
                              numerator: { type: "integer" },
                              denominator: { type: ["integer", "null"] },
                              england: nullableNumber,
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
                              count: { type: "integer" },
                              numerator: { type: "integer" },
                              value: nullableNumber,
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
};
