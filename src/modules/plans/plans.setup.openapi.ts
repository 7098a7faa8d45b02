// The set-up and structure endpoints of the JSON API (issue 13), merged into /api/openapi.json.
// Every response has its schema, in the camelCase the API speaks.
import { body, date as dateOf, pathId as id, json, nullableDate, nullableText, problem } from "../../platform/openapi-parts.ts";

const date = dateOf("2026-08-20");
const planTypes = ["wsoa", "accelerated-progress-plan", "peer-review", "scrutiny-review", "strategy", "other"];

const status = {
  type: "object",
  properties: {
    code: { type: "string" },
    label: { type: "string" },
    colour: { type: "string" },
    definition: { type: "string" },
    rank: { type: ["integer", "null"] },
    complete: { type: "boolean" },
    cancelled: { type: "boolean" },
    unrated: { type: "boolean" },
  },
};

export const planSchema = {
  type: "object",
  required: ["id", "externalId", "title", "type", "owner", "approvedOn", "scheme", "state", "version"],
  properties: {
    id: { type: "string", format: "uuid" },
    externalId: { type: "string", description: "The plan's reference, the key of re-imports" },
    title: { type: "string" },
    type: { type: "string", enum: [...planTypes, "priority-action-plan"] },
    typeLabel: { type: "string" },
    respondsTo: { type: "object", properties: { title: nullableText, date: nullableDate, url: nullableText } },
    owner: { type: "string" },
    approvedOn: date,
    cadence: nullableText,
    scheme: { type: "object", properties: { code: { type: "string" }, name: { type: "string" }, statuses: { type: "array", items: status } } },
    continuesPlanId: { type: ["string", "null"], format: "uuid" },
    state: { type: "string", enum: ["active", "closed"] },
    version: { type: "integer" },
  },
};

const planInput = (required: string[]) => ({
  type: "object",
  required,
  properties: {
    title: { type: "string", maxLength: 300 },
    type: { type: "string", enum: planTypes },
    sourceTitle: { type: "string", description: "The inspection or review the plan responds to" },
    sourceDate: date,
    sourceUrl: { type: "string", format: "uri" },
    owner: { type: "string" },
    approvedOn: date,
    cadence: { type: "string", example: "Monthly to the SEND Improvement Board" },
    scheme: { type: "string", description: "A built-in scheme (four-state, five-level, rag-blue), or the plan's current scheme code to keep it" },
    continuesPlanId: { type: "string", format: "uuid" },
    externalId: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,99}$", description: "Made from the title when not given" },
    version: { type: "integer", description: "The version you read: a change to a newer plan is refused (409)" },
  },
});

const sectionSchema = {
  type: "object",
  required: ["id", "planId", "number", "title", "kind", "version"],
  properties: {
    id: { type: "string", format: "uuid" },
    planId: { type: "string", format: "uuid" },
    parentId: { type: ["string", "null"], format: "uuid" },
    position: { type: "integer" },
    number: { type: "string" },
    title: { type: "string" },
    kind: { type: "string" },
    aim: nullableText,
    kpis: nullableText,
    version: { type: "integer" },
  },
};

const sectionInput = {
  type: "object",
  required: ["number", "title", "kind"],
  properties: {
    number: { type: "string", example: "2.3" },
    title: { type: "string" },
    kind: { type: "string", enum: ["significant-weakness", "recommendation", "priority", "theme", "improvement-area"] },
    aim: { type: "string" },
    kpis: { type: "string", description: "One per line" },
    parentId: { type: "string", format: "uuid", description: "The section it sits under; absent for a top-level section" },
    version: { type: "integer", description: "Needed to change a section" },
  },
};

/** An action's own fields, as every action endpoint gives them (actionJson). */
export const actionSchema = {
  type: "object",
  required: ["id", "planId", "sectionId", "number", "text", "timescale", "addedOn", "version"],
  properties: {
    id: { type: "string", format: "uuid" },
    planId: { type: "string", format: "uuid" },
    sectionId: { type: "string", format: "uuid" },
    number: { type: "string" },
    externalId: { type: "string" },
    text: { type: "string" },
    successMeasures: nullableText,
    leadName: nullableText,
    leadRole: nullableText,
    startDate: nullableDate,
    timescale: { type: "string", example: "March 2027" },
    dueDate: nullableDate,
    externalDependency: nullableText,
    weight: { type: ["number", "null"], description: "How much the action counts in its section's and plan's percent complete (none: 1)" },
    progress: { type: ["integer", "null"], minimum: 0, maximum: 100, description: "Percent complete, if given" },
    impact: {
      type: "string",
      enum: ["evidenced", "emerging", "too-early", "not-assessed"],
      description: "The impact judgement, apart from the delivery status",
    },
    evidenceLinks: { type: "array", items: { type: "string" } },
    addedOn: date,
    retiredOn: nullableDate,
    retiredReason: nullableText,
    version: { type: "integer" },
  },
};

const forumSchema = {
  type: "object",
  required: ["id", "code", "name", "kind", "version", "meetings"],
  properties: {
    id: { type: "string", format: "uuid" },
    code: { type: "string" },
    name: { type: "string" },
    kind: { type: "string", enum: ["board", "committee", "operational-group"] },
    members: { ...nullableText, description: "Members' roles, one per line" },
    cycle: nullableText,
    version: { type: "integer" },
    meetings: { type: "array", items: date },
  },
};
const forumInput = (required: string[]) => ({
  type: "object",
  required,
  properties: {
    name: { type: "string", maxLength: 200 },
    kind: { type: "string", enum: ["board", "committee", "operational-group"] },
    members: { type: "string" },
    cycle: { type: "string", example: "Every six weeks" },
    version: { type: "integer" },
  },
});

export function setupPaths() {
  return {
    "/api/forums": {
      post: {
        summary: "Add a forum: a board, committee or operational group",
        requestBody: body(forumInput(["name", "kind"])),
        responses: { 201: json(forumSchema, "Created"), 400: json(problem, "Bad input: nothing was saved") },
      },
    },
    "/api/forums/{forumId}": {
      put: {
        summary: "Change a forum",
        parameters: [id("forumId")],
        requestBody: body(forumInput(["name", "kind", "version"])),
        responses: {
          200: json(forumSchema),
          400: json(problem, "Bad input: nothing was saved"),
          409: json(problem, "Someone else changed the forum first"),
        },
      },
    },
    "/api/forums/{forumId}/meetings": {
      post: {
        summary: "Add a meeting date to the forum",
        parameters: [id("forumId")],
        requestBody: body({ type: "object", required: ["date"], properties: { date } }),
        responses: { 201: json(forumSchema, "Added"), 400: json(problem, "Bad input, or the forum already meets that day") },
      },
    },
    "/api/forums/{forumId}/meetings/{date}/decisions": {
      post: {
        summary: "Record what a meeting decided about the actions it discussed (append-only)",
        parameters: [id("forumId"), { name: "date", in: "path", required: true, schema: date }],
        requestBody: body({
          type: "object",
          required: ["decisions"],
          properties: {
            decisions: {
              type: "array",
              items: {
                type: "object",
                required: ["actionId", "decision"],
                properties: { actionId: { type: "string", format: "uuid" }, decision: { type: "string", maxLength: 2000 } },
              },
            },
          },
        }),
        responses: {
          201: json(
            {
              type: "object",
              properties: {
                forumId: { type: "string", format: "uuid" },
                meetingDate: date,
                decisions: { type: "array", items: { type: "object", properties: { actionId: { type: "string" }, decision: { type: "string" } } } },
              },
            },
            "Recorded",
          ),
          400: json(problem, "Bad input: nothing was saved"),
          404: json(problem, "No such forum, or no meeting of it on that date"),
        },
      },
    },
    "/api/actions/{actionId}/forums": {
      put: {
        summary: "Set the forums an action reports to (replaces the ones it had)",
        parameters: [id("actionId")],
        requestBody: body({
          type: "object",
          required: ["forumIds"],
          properties: { forumIds: { type: "array", items: { type: "string", format: "uuid" } } },
        }),
        responses: {
          200: json({
            type: "object",
            properties: { actionId: { type: "string", format: "uuid" }, forumIds: { type: "array", items: { type: "string", format: "uuid" } } },
          }),
          400: json(problem, "Bad input: nothing was saved"),
        },
      },
    },
    "/api/plans": {
      post: {
        summary: "Create a plan (its sections and actions are added next)",
        requestBody: body(planInput(["title", "type", "owner", "approvedOn", "scheme"])),
        responses: { 201: json(planSchema, "Created"), 400: json(problem, "Bad input: nothing was saved") },
      },
    },
    "/api/plans/{planId}": {
      put: {
        summary: "Change a plan's details; fields not sent are kept. A new scheme must keep every status the plan's history uses",
        parameters: [id("planId")],
        requestBody: body(planInput([])),
        responses: {
          200: json(planSchema),
          400: json(problem, "Bad input: nothing was saved"),
          404: json(problem, "No such plan in this council"),
          409: json(problem, "Someone else changed the plan first"),
        },
      },
    },
    "/api/plans/{planId}/sections": {
      post: {
        summary: "Add a section (at the top level, or under another section of the plan)",
        parameters: [id("planId")],
        requestBody: body(sectionInput),
        responses: { 201: json(sectionSchema, "Created"), 400: json(problem, "Bad input: nothing was saved") },
      },
    },
    "/api/sections/{sectionId}": {
      put: {
        summary: "Rename a section, change its aim and KPIs, or put it under another section",
        parameters: [id("sectionId")],
        requestBody: body({ ...sectionInput, required: ["number", "title", "kind", "version"] }),
        responses: {
          200: json(sectionSchema),
          400: json(problem, "Bad input: nothing was saved"),
          409: json(problem, "Someone else changed the section first"),
        },
      },
    },
    "/api/sections/{sectionId}/reorder": {
      post: {
        summary: "Move a section above or below its neighbour, with its own sections",
        parameters: [id("sectionId")],
        requestBody: body({ type: "object", required: ["direction"], properties: { direction: { type: "string", enum: ["up", "down"] } } }),
        responses: { 200: json(sectionSchema), 400: json(problem, "Already first or last") },
      },
    },
    "/api/plans/{planId}/actions": {
      post: {
        summary: "Add an action to a section; it joins the plan on addedOn (default today)",
        parameters: [id("planId")],
        requestBody: body({
          type: "object",
          required: ["sectionId", "number", "text", "timescale"],
          properties: {
            sectionId: { type: "string", format: "uuid" },
            number: { type: "string" },
            text: { type: "string" },
            successMeasures: { type: "string" },
            leadName: { type: "string" },
            leadRole: { type: "string" },
            timescale: { type: "string", example: "March 2027" },
            externalDependency: { type: "string" },
            startDate: date,
            addedOn: date,
            weight: { type: "number" },
            progress: { type: ["integer", "null"], minimum: 0, maximum: 100 },
            impact: { type: "string", enum: ["evidenced", "emerging", "too-early", "not-assessed"] },
            evidenceLinks: { type: "array", items: { type: "string", format: "uri" } },
            forumIds: { type: "array", items: { type: "string", format: "uuid" }, description: "The forums it reports to (this council's)" },
          },
        }),
        responses: { 201: json(actionSchema, "Created"), 400: json(problem, "Bad input: nothing was saved") },
      },
    },
    "/api/actions/{actionId}/move": {
      post: {
        summary: "Move an action to another section of its plan from today (as-at views before today show where it was)",
        parameters: [id("actionId")],
        requestBody: body({ type: "object", required: ["sectionId"], properties: { sectionId: { type: "string", format: "uuid" } } }),
        responses: { 200: json(actionSchema), 400: json(problem, "Bad input: nothing was saved") },
      },
    },
    "/api/actions/{actionId}/retire": {
      post: {
        summary: "Retire an action with a reason; never deleted, it leaves the plan from the date (default today)",
        parameters: [id("actionId")],
        requestBody: body({
          type: "object",
          required: ["reason", "version"],
          properties: { reason: { type: "string", maxLength: 2000 }, date, version: { type: "integer" } },
        }),
        responses: {
          200: json(actionSchema),
          400: json(problem, "Bad input: nothing was saved"),
          409: json(problem, "Someone else changed the action first"),
        },
      },
    },
  };
}
