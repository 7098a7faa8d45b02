// The partners' comments endpoints of the JSON API (issue 13 part 6), merged into /api/openapi.json.
import { body, pathId as id, json, problem } from "../../platform/openapi-parts.ts";

export const commentSchema = {
  type: "object",
  required: ["id", "actionId", "author", "organisation", "comment", "createdAt", "date", "dateText", "moderation", "moderationLabel", "hiddenReason"],
  properties: {
    id: { type: "string", format: "uuid" },
    actionId: { type: "string", format: "uuid" },
    author: { type: "string", description: "The partner's name" },
    organisation: { type: "string", description: "The organisation they speak for" },
    comment: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    date: { type: "string", format: "date", description: "The day in England it was made" },
    dateText: { type: "string", example: "7 December 2026" },
    moderation: { type: "string", enum: ["pending", "approved", "hidden"] },
    moderationLabel: { type: "string", example: "Waiting for the improvement lead" },
    hiddenReason: { type: ["string", "null"], description: "Why the lead did not show it (hidden comments only)" },
  },
};

export function commentsPaths() {
  return {
    "/api/actions/{actionId}/comments": {
      get: {
        summary:
          "Partners' comments on an action: approved ones for every reader, a partner's own whatever their state, every comment for those who moderate",
        parameters: [id("actionId")],
        responses: {
          200: json({
            type: "object",
            required: ["actionId", "comments"],
            properties: { actionId: { type: "string", format: "uuid" }, comments: { type: "array", items: commentSchema } },
          }),
          404: json({ type: "object" }, "No such action in this council"),
        },
      },
      post: {
        summary: "A partner comments on an action (role partner); it waits for the improvement lead's approval",
        parameters: [id("actionId")],
        requestBody: body({
          type: "object",
          required: ["organisation", "comment"],
          properties: { organisation: { type: "string", maxLength: 200 }, comment: { type: "string", maxLength: 2000 } },
        }),
        responses: { 201: json(commentSchema, "Saved, waiting for approval"), 400: json(problem, "Bad input: nothing was saved") },
      },
    },
    "/api/comments/{commentId}/moderation": {
      post: {
        summary: "The improvement lead shows a comment, or hides it with a reason its author sees; a comment is decided once",
        parameters: [id("commentId")],
        requestBody: body({
          type: "object",
          required: ["decision"],
          properties: { decision: { type: "string", enum: ["approve", "hide"] }, reason: { type: "string", maxLength: 500 } },
        }),
        responses: { 200: json(commentSchema), 400: json(problem, "Bad input, or already decided: nothing was saved") },
      },
    },
  };
}
