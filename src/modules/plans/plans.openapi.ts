// The JSON API described in OpenAPI 3.1, served at /api/openapi.json.

import { body, date as dateOf, pathId as id, json, message, problemUnmarked as problem } from "../../platform/openapi-parts.ts";
import { commentsPaths } from "../comments/comments.openapi.ts";
import { measuresPaths } from "../measures/measures.openapi.ts";
import { notificationsPaths } from "../notifications/notifications.openapi.ts";
import { qualityPaths } from "../quality/quality.openapi.ts";
import { sen2Paths } from "../returns/returns.openapi.ts";
import { evidencePaths } from "./plans.evidence.openapi.ts";
import { actionSchema, setupPaths } from "./plans.setup.openapi.ts";

const date = dateOf("2022-03-15");
// GET /api/actions/{actionId}: the action's fields with its whole history of updates, oldest first.
const updateSchema = {
  type: "object",
  required: ["id", "date", "status", "commentary", "progress", "author", "sequence", "correctsUpdateId"],
  properties: {
    id: { type: "string", format: "uuid" },
    date: { ...date, description: "The day the update speaks for (not when it was typed)" },
    status: { type: "string", description: "A status code of the plan's scheme" },
    commentary: { type: "string" },
    progress: { type: ["integer", "null"], minimum: 0, maximum: 100, description: "Percent complete, if the update gave one" },
    author: { type: ["string", "null"], description: "Who wrote it, if known" },
    sequence: { type: "integer", description: "Its order among updates of the same day" },
    correctsUpdateId: { type: ["string", "null"], format: "uuid", description: "The earlier update this one corrects" },
  },
};
const actionWithUpdates = {
  ...actionSchema,
  required: [...actionSchema.required, "updates"],
  properties: { ...actionSchema.properties, updates: { type: "array", items: updateSchema } },
};
const asOf = { name: "asOf", in: "query", required: false, schema: date, description: "Show the plan as it stood on this date (default today)." };

/** The refusal of a body no parser reads (platform/middleware/refuse-unexpected-bodies.ts), as JSON under /api. */
const unsupportedBody = json(
  {
    type: "object",
    required: ["error", "details"],
    properties: { error: { type: "string" }, details: { type: "array", items: { type: "string" } } },
  },
  "The body is not of a kind this endpoint reads: send application/json (multipart/form-data only where the endpoint takes a file). Nothing is changed.",
);

/** Every operation that takes a body can answer 415: say so once, here, rather than in each module's paths. */
function withUnsupportedBodyAnswers<T extends { paths: Record<string, Record<string, unknown>> }>(document: T): T {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as { requestBody?: unknown; responses?: Record<string, unknown> }[]) {
      if (operation?.requestBody && operation.responses && !operation.responses["415"]) operation.responses["415"] = unsupportedBody;
    }
  }
  return document;
}

export function openApiDocument() {
  return withUnsupportedBodyAnswers({
    openapi: "3.1.0",
    info: {
      title: "SEND Oversight API",
      version: "1",
      description:
        "Improvement plans and the statutory deadline calculator. Plan endpoints need a signed-in session; changes need the session's CSRF token in the x-csrf-token header.",
    },
    paths: {
      ...measuresPaths,
      ...qualityPaths,
      ...sen2Paths(),
      ...evidencePaths(),
      ...commentsPaths(),
      ...notificationsPaths,
      "/api/deadlines": {
        post: {
          summary: "Work out every EHC deadline from the dates given (the input and output of `send-oversight deadlines`)",
          requestBody: body({ type: "object" }),
          responses: {
            200: json({ type: "object", properties: { deadlines: { type: "array" }, warnings: { type: "array" } } }),
            400: json(problem, "Bad input"),
          },
        },
      },
      "/api/plans": {
        get: {
          summary: "One page of the council's plans with their summaries, newest approved first",
          parameters: [
            asOf,
            { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
            { name: "pageSize", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
          ],
          responses: {
            200: json({
              type: "object",
              required: ["items", "page", "pageSize", "total"],
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["id", "externalId", "title", "type", "owner", "approvedOn", "state", "summary"],
                    properties: {
                      id: { type: "string", format: "uuid" },
                      externalId: { type: "string" },
                      title: { type: "string" },
                      type: { type: "string" },
                      owner: { type: "string" },
                      approvedOn: date,
                      state: { type: "string", enum: ["active", "closed"] },
                      summary: {
                        type: "object",
                        properties: {
                          total: { type: "integer", description: "Actions in the plan" },
                          sentence: { type: "string", description: "The committee sentence, e.g. 37% (20) of the actions implemented in full, ..." },
                          statuses: {
                            type: "array",
                            items: {
                              type: "object",
                              properties: {
                                code: { type: "string" },
                                label: { type: "string" },
                                count: { type: "integer" },
                                percent: { type: "integer" },
                              },
                            },
                          },
                          flags: { type: "integer", description: "How many checks for the lead" },
                        },
                      },
                    },
                  },
                },
                page: { type: "integer", description: "This page, from 1" },
                pageSize: { type: "integer", description: "Plans to a page (at most 100)" },
                total: { type: "integer", description: "Plans in all pages" },
              },
            }),
            400: json(problem, "page or pageSize is not a whole number in range"),
          },
        },
        ...setupPaths()["/api/plans"],
      },
      "/api/plans/{planId}": {
        ...setupPaths()["/api/plans/{planId}"],
        get: {
          summary: "A plan's sections and actions with statuses as at a date and direction of travel since compareTo",
          parameters: [id("planId"), asOf, { name: "compareTo", in: "query", required: false, schema: date }],
          responses: { 200: json({ type: "object" }), 404: json({ type: "object" }, "No such plan") },
        },
      },
      "/api/plans/{planId}/summary": {
        get: {
          summary: "Counts and percentages by status, and the flags (as `plans summary --json`)",
          parameters: [id("planId"), asOf],
          responses: {
            200: json({
              type: "object",
              required: ["planId", "asOf", "total", "statuses", "flags"],
              properties: {
                planId: { type: "string" },
                asOf: date,
                total: { type: "integer" },
                statuses: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { code: { type: "string" }, label: { type: "string" }, count: { type: "integer" }, percent: { type: "integer" } },
                  },
                },
                flags: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { action: { type: "string" }, actionId: { type: "string" }, code: { type: "string" }, reason: { type: "string" } },
                  },
                },
              },
            }),
          },
        },
      },
      "/api/plans/{planId}/scheme": {
        put: {
          summary: "Give the plan its own status scheme (every status used in its history must remain)",
          parameters: [id("planId")],
          requestBody: body({
            type: "object",
            required: ["code", "name", "statuses"],
            properties: {
              code: { type: "string" },
              name: { type: "string" },
              statuses: {
                type: "array",
                items: {
                  type: "object",
                  required: ["code", "label", "colour", "definition"],
                  properties: {
                    code: { type: "string" },
                    label: { type: "string" },
                    colour: { type: "string", enum: ["blue", "green", "light-green", "amber", "red", "grey", "none"] },
                    definition: { type: "string" },
                    rank: { type: ["integer", "null"] },
                    complete: { type: "boolean" },
                    cancelled: { type: "boolean" },
                    unrated: { type: "boolean" },
                  },
                },
              },
            },
          }),
          responses: { 200: json({ type: "object" }), 400: json(problem, "Bad input") },
        },
      },
      "/api/actions/{actionId}": {
        get: {
          summary: "An action with its full history of updates: the same fields as the set-up endpoints give, in camelCase",
          parameters: [id("actionId")],
          responses: { 200: json(actionWithUpdates), 404: json(message, "No such action, or not this council's") },
        },
        put: {
          summary: "Change an action (optimistic locking: send the version you read). camelCase in and out; a field not listed is refused (400)",
          parameters: [id("actionId")],
          requestBody: body({
            type: "object",
            required: ["number", "text", "timescale", "version"],
            additionalProperties: false,
            properties: {
              number: { type: "string" },
              text: { type: "string" },
              successMeasures: { type: "string" },
              leadName: { type: "string" },
              leadRole: { type: "string" },
              timescale: { type: "string", example: "March 2026" },
              externalDependency: { type: "string" },
              startDate: { type: "string", format: "date" },
              weight: { type: ["number", "null"], minimum: 0, maximum: 1000 },
              progress: { type: ["integer", "null"], minimum: 0, maximum: 100, description: "Percent complete; left out: kept as it is" },
              impact: {
                type: "string",
                enum: ["evidenced", "emerging", "too-early", "not-assessed"],
                description: "The impact judgement; left out: kept as it is",
              },
              evidenceLinks: { type: "array", items: { type: "string", format: "uri" }, maxItems: 20 },
              version: { type: "integer", minimum: 1 },
            },
          }),
          responses: {
            200: json(actionSchema, "The action as changed, as GET /api/actions/{actionId} gives it (without its updates)"),
            400: json(problem, "Bad input, or a field the operation does not have"),
            409: json(
              {
                type: "object",
                required: ["errors", "current"],
                properties: { errors: problem.properties.errors, current: actionSchema },
              },
              "Someone else changed the action first: their version",
            ),
          },
        },
      },
      ...Object.fromEntries(Object.entries(setupPaths()).filter(([path]) => path !== "/api/plans" && path !== "/api/plans/{planId}")),
      "/api/actions/{actionId}/updates": {
        post: {
          summary: "Add a dated update (append-only; a change of status needs commentary)",
          parameters: [id("actionId")],
          requestBody: body({
            type: "object",
            required: ["date", "status"],
            properties: {
              date,
              status: { type: "string", description: "A status code of the plan's scheme" },
              commentary: { type: "string" },
              progress: { type: "integer", minimum: 0, maximum: 100 },
              correctsUpdateId: { type: "string", format: "uuid" },
              submissionId: {
                type: "string",
                format: "uuid",
                description: "A one-time key: sending the same one again saves nothing and answers 200 with {duplicate: true}",
              },
            },
          }),
          responses: {
            201: json({ type: "object" }, "Created"),
            200: json({ type: "object", properties: { duplicate: { type: "boolean", const: true } } }, "Already saved with this submissionId"),
            400: json(problem, "Bad input"),
          },
        },
      },
      "/api/plans/{planId}/close": {
        get: {
          summary:
            "What closing the plan needs: its open actions, and for each plan they could be carried into with another status scheme, the statuses to map",
          parameters: [id("planId")],
          responses: {
            200: json({
              type: "object",
              required: ["planId", "state", "open", "targets"],
              properties: {
                planId: { type: "string", format: "uuid" },
                state: { type: "string", enum: ["active", "closed"] },
                open: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      actionId: { type: "string", format: "uuid" },
                      number: { type: "string" },
                      text: { type: "string" },
                      status: { type: ["string", "null"] },
                    },
                  },
                },
                targets: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      planId: { type: "string", format: "uuid" },
                      title: { type: "string" },
                      statusQuestions: {
                        type: "array",
                        description: "Empty when the plan uses the same statuses: nothing to map",
                        items: {
                          type: "object",
                          properties: { code: { type: "string" }, label: { type: "string" }, suggested: { type: ["string", "null"] } },
                        },
                      },
                      statuses: { type: "array", items: { type: "object", properties: { code: { type: "string" }, label: { type: "string" } } } },
                    },
                  },
                },
              },
            }),
          },
        },
        post: {
          summary:
            "Close the plan: a disposition for every open action; carrying into a plan with another scheme needs a status map for it (SPEC A12)",
          parameters: [id("planId")],
          requestBody: body({
            type: "object",
            required: ["dispositions"],
            properties: {
              dispositions: {
                type: "array",
                items: {
                  type: "object",
                  required: ["actionId", "disposition"],
                  properties: {
                    actionId: { type: "string", format: "uuid" },
                    disposition: { type: "string", enum: ["completed", "business-as-usual", "carried", "owner"] },
                    targetPlanId: { type: "string", format: "uuid" },
                    owner: { type: "string" },
                    note: { type: "string" },
                  },
                },
              },
              statusMaps: {
                type: "object",
                description: "By target plan id: this plan's status code to the target scheme's status code",
                additionalProperties: { type: "object", additionalProperties: { type: "string" } },
              },
            },
          }),
          responses: {
            200: json({
              type: "object",
              required: ["closed", "dispositions", "carried"],
              properties: { closed: { type: "string", format: "uuid" }, dispositions: { type: "integer" }, carried: { type: "integer" } },
            }),
            400: json(problem, "Bad input, a missing or unknown status map, or the plan is already closed: nothing was saved"),
          },
        },
      },
      "/api/imports/{uploadId}/retry": {
        post: {
          summary: "Try again a check or import left stuck by a crash (queued or running, its job gone or silent for 10 minutes)",
          parameters: [id("uploadId")],
          responses: {
            202: json(
              {
                type: "object",
                required: ["uploadId", "state", "progressUrl"],
                properties: { uploadId: { type: "string", format: "uuid" }, state: { const: "queued" }, progressUrl: { type: "string" } },
              },
              "Queued again",
            ),
            404: json(message, "No such upload, or no longer held"),
            409: json(
              { ...message, properties: { ...message.properties, state: { type: "string" } } },
              "Not stuck: still being worked on, or finished",
            ),
          },
        },
      },
    },
  });
}
