// A GOV.UK Notify fake for tests that holds each request to Notify's published contract, so a
// client that passes here sends what Notify would accept (docs: integrations notes §1, copied from
// alphagov/notifications-api, MIT licence, Crown copyright (Government Digital Service)):
// - auth (app/authentication/auth.py): Bearer JWT, HS256, `iss` = the service id (a UUID), `iat`
//   within 30 seconds of the fake's clock, signed with the API key's secret; checked in Notify's order
//   and answered with Notify's messages;
// - POST /v2/notifications/email against the draft-07 schema of
//   app/v2/notifications/notification_schemas.py (additionalProperties false, reference at most 1000
//   characters, email_address and template_id required), with Notify's wording of the errors;
// - templates with ((placeholders)): "Missing personalisation: a, b", "Template not found";
// - 429 RateLimitError when over a (configurable) rate; a failure can be scheduled for the next request.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Ajv, type ErrorObject } from "ajv";
import express from "express";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Notify's email check (notifications-utils recipients.py), simplified: one @, a dotted domain, no spaces.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@([^.@\s][^@\s]*\.)+[a-z]{2,}$/i;

/** POST /v2/notifications/email, as notification_schemas.py `post_email_request` has it. */
export const POST_EMAIL_REQUEST = {
  $schema: "http://json-schema.org/draft-07/schema#",
  description: "POST email notification schema",
  type: "object",
  title: "POST v2/notifications/email",
  properties: {
    reference: { type: ["string", "null"], maxLength: 1000 },
    email_address: { type: "string", format: "email_address" },
    template_id: { type: "string", format: "validate_uuid" },
    personalisation: { type: "object" },
    scheduled_for: { type: ["string", "null"] },
    email_reply_to_id: { type: "string", format: "validate_uuid" },
    one_click_unsubscribe_url: { type: "string", pattern: "^https://" },
    sanitise_content_for: { type: "array", items: { type: "string" } },
  },
  required: ["email_address", "template_id"],
  additionalProperties: false,
} as const;

export interface FakeTemplate {
  subject: string;
  body: string;
}

export interface FakeMessage {
  id: string;
  email_address: string;
  template_id: string;
  personalisation: Record<string, unknown>;
  reference: string | null;
  subject: string;
  body: string;
}

function notifyWording(error: ErrorObject): string {
  const field = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
  if (error.keyword === "required") return `${(error.params as { missingProperty: string }).missingProperty} is a required property`;
  if (error.keyword === "additionalProperties")
    return `Additional properties are not allowed (${(error.params as { additionalProperty: string }).additionalProperty} was unexpected)`;
  if (error.keyword === "format" && (error.params as { format: string }).format === "email_address") return `${field} Not a valid email address`;
  if (error.keyword === "format" && (error.params as { format: string }).format === "validate_uuid") return `${field} is not a valid UUID`;
  if (error.keyword === "maxLength") return `${field} ${"is too long"}`;
  return `${field} ${error.message ?? "is not valid"}`;
}

export async function startNotifyFake(options: {
  templates: Record<string, FakeTemplate>;
  now?: () => number;
  ratePerMinute?: number;
  /** Where Notify posts delivery receipts, with the bearer token set in its settings (tech-docs _callbacks.md). */
  callback?: { url: string; bearerToken: string };
}) {
  let callback = options.callback;
  const serviceId = randomUUID();
  const secret = randomUUID();
  const apiKey = `test_key-${serviceId}-${secret}`;
  const now = options.now ?? (() => Date.now());
  const messages: FakeMessage[] = [];
  const scheduled: { status: number; error: string; message: string }[] = [];
  const requests: number[] = [];
  /** Requests to take and never answer, as a Notify that has stopped responding would. */
  let hanging = 0;
  /** Every request the fake refused, with why: a test can assert there were none. */
  const refused: { status: number; error: string; message: string }[] = [];
  const ajv = new Ajv({ allErrors: false, strict: false });
  ajv.addFormat("email_address", EMAIL);
  ajv.addFormat("validate_uuid", UUID);
  const validate = ajv.compile(POST_EMAIL_REQUEST);

  const app = express();
  app.use(express.json({ limit: "3mb" }));
  const fail = (res: express.Response, status: number, error: string, message: string) => {
    refused.push({ status, error, message });
    res.status(status).json({ status_code: status, errors: [{ error, message }] });
  };

  const deny = (res: express.Response, status: number, error: string, message: string): false => {
    fail(res, status, error, message);
    return false;
  };

  /** Notify's token checks, in its order (auth.py); returns false after answering. */
  const authorised = (req: express.Request, res: express.Response): boolean => {
    const header = req.get("authorization");
    if (!header) return deny(res, 401, "AuthError", "Unauthorized: authentication token must be provided");
    if (!/^bearer /i.test(header)) return deny(res, 401, "AuthError", "Unauthorized: authentication bearer scheme must be used");
    const token = header.slice(7).trim();
    const parts = token.split(".");
    let head: { alg?: string; typ?: string };
    let claims: { iss?: unknown; iat?: unknown };
    try {
      if (parts.length !== 3) throw new Error("parts");
      head = JSON.parse(Buffer.from(parts[0] as string, "base64url").toString("utf8"));
      claims = JSON.parse(Buffer.from(parts[1] as string, "base64url").toString("utf8"));
    } catch {
      return deny(
        res,
        403,
        "AuthError",
        "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header",
      );
    }
    if (claims.iss === undefined) return deny(res, 403, "AuthError", "Invalid token: iss field not provided");
    if (typeof claims.iss !== "string" || !UUID.test(claims.iss))
      return deny(res, 403, "AuthError", "Invalid token: service id is not the right data type");
    if (claims.iss !== serviceId) return deny(res, 403, "AuthError", "Invalid token: service not found");
    if (typeof claims.iat !== "number" || Math.abs(now() / 1000 - claims.iat) > 30)
      return deny(res, 403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds");
    if (head.alg !== "HS256") return deny(res, 403, "AuthError", "Invalid token: algorithm used is not HS256");
    const expected = createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2] as string, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return deny(res, 403, "AuthError", "Invalid token: API key not found");
    return true;
  };

  app.post("/v2/notifications/email", (req, res) => {
    if (hanging > 0) {
      hanging--;
      return;
    }
    if (!authorised(req, res)) return;
    const t = now();
    while (requests.length && (requests[0] as number) < t - 60_000) requests.shift();
    requests.push(t);
    if (options.ratePerMinute !== undefined && requests.length > options.ratePerMinute)
      return fail(res, 429, "RateLimitError", `Exceeded rate limit for key type TEST of ${options.ratePerMinute} requests per 60 seconds`);
    const next = scheduled.shift();
    if (next) return fail(res, next.status, next.error, next.message);
    if (!validate(req.body)) {
      const first = (validate.errors ?? [])[0] as ErrorObject;
      return fail(res, 400, "ValidationError", notifyWording(first));
    }
    const body = req.body as { email_address: string; template_id: string; personalisation?: Record<string, unknown>; reference?: string | null };
    const template = options.templates[body.template_id];
    if (!template) return fail(res, 400, "BadRequestError", "Template not found");
    const personalisation = body.personalisation ?? {};
    const needed = [...new Set([...`${template.subject}\n${template.body}`.matchAll(/\(\(([^)]+)\)\)/g)].map((m) => m[1] as string))];
    const missing = needed.filter((name) => !(name in personalisation));
    if (missing.length) return fail(res, 400, "BadRequestError", `Missing personalisation: ${missing.join(", ")}`);
    const fill = (text: string) => text.replace(/\(\(([^)]+)\)\)/g, (_m, name: string) => String(personalisation[name]));
    const id = randomUUID();
    const message = {
      id,
      email_address: body.email_address,
      template_id: body.template_id,
      personalisation,
      reference: body.reference ?? null,
      subject: fill(template.subject),
      body: fill(template.body),
    };
    messages.push(message);
    res.status(201).json({
      id,
      reference: message.reference,
      content: {
        subject: message.subject,
        body: message.body,
        from_email: "send.oversight@notifications.service.gov.uk",
        one_click_unsubscribe_url: null,
      },
      uri: `${baseUrl}/v2/notifications/${id}`,
      template: { id: body.template_id, version: 1, uri: `${baseUrl}/v2/template/${body.template_id}` },
      scheduled_for: null,
    });
  });

  // GET /v2/notifications/{id}: with a test key the status is final at once, "delivered" unless the
  // address is one of Notify's simulated failures (tech-docs _testing.md).
  app.get("/v2/notifications/:id", (req, res) => {
    if (!authorised(req, res)) return;
    if (!UUID.test(req.params.id)) return fail(res, 400, "ValidationError", "notification_id is not a valid UUID");
    const m = messages.find((x) => x.id === req.params.id);
    if (!m) return fail(res, 404, "NoResultFound", "No result found");
    const status =
      m.email_address === "perm-fail@simulator.notify"
        ? "permanent-failure"
        : m.email_address === "temp-fail@simulator.notify"
          ? "temporary-failure"
          : "delivered";
    res.json({
      id: m.id,
      reference: m.reference,
      email_address: m.email_address,
      type: "email",
      status,
      template: { id: m.template_id, version: 1, uri: "" },
      body: m.body,
      subject: m.subject,
    });
  });

  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    apiKey,
    serviceId,
    secret,
    messages,
    /** The messages once each by their `reference` (a receiver that drops repeats); `messages` keeps every one. */
    distinctReferences: () => new Set(messages.map((m) => m.reference)),
    refused,
    /** Where receipts go, once the server that takes them has started. */
    setCallback(value: { url: string; bearerToken: string }) {
      callback = value;
    },
    /** The next `count` requests are taken and never answered. */
    hangNext(count = 1) {
      hanging += count;
    },
    /**
     * Posts a delivery receipt for a message to the callback URL, as Notify does: its fields, all
     * strings but template_version, with the bearer token. Returns the answer's status.
     */
    async sendReceipt(id: string, status: string, completedAt = new Date(now()).toISOString(), bearerToken = callback?.bearerToken) {
      if (!callback) throw new Error("The fake has no callback: call setCallback first");
      const m = messages.find((x) => x.id === id);
      if (!m) throw new Error(`No message ${id}`);
      const response = await fetch(callback.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}) },
        body: JSON.stringify({
          id: m.id,
          reference: m.reference,
          to: m.email_address,
          status,
          created_at: completedAt,
          completed_at: completedAt,
          sent_at: completedAt,
          notification_type: "email",
          template_id: m.template_id,
          template_version: 1,
        }),
      });
      return { status: response.status, body: await response.text() };
    },
    /** The next request is answered with this error instead (after the auth checks). */
    failNext(status: number, error: string, message: string) {
      scheduled.push({ status, error, message });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
