// The pieces every module's part of the OpenAPI document (/api/openapi.json) is built from, written
// once so that each endpoint describes a date, a path id or an error list the same way.

/** A `YYYY-MM-DD` date; `example` shows one in the document. */
export const date = (example?: string) => (example === undefined ? { type: "string", format: "date" } : { type: "string", format: "date", example });
export const nullableDate = { type: ["string", "null"], format: "date" };
export const nullableText = { type: ["string", "null"] };
export const nullableNumber = { type: ["number", "null"] };

/** A uuid in the path, e.g. `pathId("planId")` for /api/plans/{planId}. */
export const pathId = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
/** An optional text query parameter. */
export const query = (name: string, description: string) => ({ name, in: "query", required: false, schema: { type: "string" }, description });
/** A JSON response with its schema. */
export const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
/** A required JSON request body. */
export const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });

const fieldError = { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } };

/** What a 400 (or 409) answers: `{errors: [{field, message}]}`, every field said. */
export const problem = {
  type: "object",
  required: ["errors"],
  properties: { errors: { type: "array", items: { type: "object", required: ["field", "message"], properties: fieldError.properties } } },
};
// The same answer as the older endpoints first described it, with less marked required. Kept so
// the published document does not change under clients; tightening it is a contract change.
export const problemFieldsOptional = { type: "object", required: ["errors"], properties: { errors: { type: "array", items: fieldError } } };
export const problemUnmarked = { type: "object", properties: { errors: { type: "array", items: fieldError } } };

/** A single-message answer: `{error}`. */
export const message = { type: "object", required: ["error"], properties: { error: { type: "string" } } };
