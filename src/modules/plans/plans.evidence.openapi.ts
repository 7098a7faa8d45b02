// Evidence files in the OpenAPI document (issue 13): list, upload (multipart) and download.
import { pathId as id, json, problemFieldsOptional as problem } from "../../platform/openapi-parts.ts";

const evidenceSchema = {
  type: "object",
  required: [
    "id",
    "actionId",
    "updateId",
    "updateDate",
    "fileName",
    "mediaType",
    "typeText",
    "sizeBytes",
    "sizeText",
    "uploadedBy",
    "uploadedAt",
    "href",
  ],
  properties: {
    id: { type: "string", format: "uuid" },
    actionId: { type: "string", format: "uuid" },
    updateId: { type: ["string", "null"], format: "uuid", description: "The update the file backs; null for the action as a whole" },
    updateDate: { type: ["string", "null"], format: "date" },
    fileName: { type: "string", example: "Board minutes March 2026.pdf" },
    mediaType: { type: "string", description: "Worked out from the file's content", example: "application/pdf" },
    typeText: { type: "string", example: "PDF" },
    sizeBytes: { type: "integer" },
    sizeText: { type: "string", example: "845 KB" },
    uploadedBy: { type: ["string", "null"] },
    uploadedAt: { type: "string", format: "date-time" },
    href: { type: "string", description: "Where to download it (each download is audited)" },
  },
};

const download = {
  summary: "Download an evidence file (audited: who downloaded which file). Sent as an attachment with nosniff and no-store",
  parameters: [id("evidenceId")],
  responses: {
    200: {
      description: "The file, with Content-Disposition: attachment",
      content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
    },
    404: json({ type: "object", properties: { error: { type: "string" } } }, "No such file in this council"),
  },
};

export function evidencePaths() {
  return {
    "/api/actions/{actionId}/evidence": {
      get: {
        summary: "An action's evidence files, oldest first (never their content)",
        parameters: [id("actionId")],
        responses: { 200: json({ type: "object", required: ["items"], properties: { items: { type: "array", items: evidenceSchema } } }) },
      },
      post: {
        summary:
          "Attach a file (PDF, Word .docx/.doc, Excel .xlsx/.xls, PNG, JPEG or GIF, up to 20 MB) to an action or one of its updates. Its type is checked from its content; a file whose name and content disagree is refused and nothing is saved",
        parameters: [id("actionId")],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: { type: "string", format: "binary" },
                  updateId: { type: "string", format: "uuid", description: "One of the action's updates, if the file backs it" },
                },
              },
            },
          },
        },
        responses: {
          201: json(evidenceSchema, "Attached"),
          400: json(problem, "Bad input: nothing was saved"),
          413: json(problem, "Larger than 20 MB: nothing was saved"),
          415: json(problem, "Not multipart/form-data"),
        },
      },
    },
    "/api/evidence/{evidenceId}": { get: download },
  };
}
