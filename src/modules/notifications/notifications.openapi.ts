// Messages' part of the OpenAPI document (served at /api/openapi.json): GOV.UK Notify's delivery
// receipt callback. Its request is Notify's own (snake_case, as Notify sends it); our answers are camelCase.
const problem = {
  type: "object",
  required: ["errors"],
  properties: {
    errors: {
      type: "array",
      items: { type: "object", required: ["field", "message"], properties: { field: { type: "string" }, message: { type: "string" } } },
    },
  },
};
const json = (schema: object, description: string) => ({ description, content: { "application/json": { schema } } });

export const notificationsPaths = {
  "/api/notify/delivery-receipts": {
    post: {
      summary:
        "GOV.UK Notify's delivery receipt for a message we sent (set this address and NOTIFY_CALLBACK_TOKEN in Notify's callback settings). Idempotent; an older receipt never overwrites a newer one; a permanent failure is recorded as bounced",
      description: "No session: the request must carry `Authorization: Bearer <NOTIFY_CALLBACK_TOKEN>`, compared in constant time.",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["id", "status"],
              properties: {
                id: { type: "string", format: "uuid", description: "Notify's id of the message" },
                reference: { type: ["string", "null"] },
                to: { type: "string" },
                status: {
                  type: "string",
                  enum: ["delivered", "permanent-failure", "temporary-failure", "technical-failure", "created", "sending", "pending", "sent"],
                },
                created_at: { type: "string", format: "date-time" },
                completed_at: { type: ["string", "null"], format: "date-time" },
                sent_at: { type: ["string", "null"], format: "date-time" },
                notification_type: { type: "string" },
                template_id: { type: "string" },
                template_version: { type: "integer" },
              },
            },
          },
        },
      },
      responses: {
        200: json(
          {
            type: "object",
            required: ["recorded"],
            properties: {
              recorded: { type: "boolean", description: "false when the receipt changed nothing (a repeat, an older or a non-final status)" },
            },
          },
          "Taken",
        ),
        400: json(problem, "The receipt is not one of Notify's (a field is missing or wrong)"),
        401: json(problem, "The bearer token is missing or not the one set"),
        404: json(problem, "No message with that id (Notify tries again later), or receipts are not taken on this installation"),
      },
    },
  },
};
