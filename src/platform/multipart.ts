// Reading a multipart/form-data upload into memory (busboy), for the few routes that take a file.
// The pipeline lets multipart reach only those routes, after the CSRF check (middleware/csrf.ts
// reads the token from the form action's query or a header), so nothing of a forged upload is read.
import busboy from "busboy";
import type { Request } from "express";

export interface Upload {
  fields: Record<string, string>;
  /** The file, and the name of the form field it came in (a form has one: `file`). */
  file?: { name: string; bytes: Buffer; field: string };
  /** What was wrong with the upload, in words for the person. */
  problem?: string;
  /** The file was larger than allowed: its name ("" when refused by the declared length, unread). */
  tooLarge?: { name: string };
}

export interface UploadLimits {
  maxBytes: number;
  /** Said when the file is larger, like "The selected file must be smaller than 50 MB". */
  tooLargeMessage: string;
  maxFields?: number;
  /** Said when the form has too many fields. */
  tooManyFieldsMessage?: string;
}

/** What a form's fields and multipart boundaries may add to its file's size. */
const FORM_ALLOWANCE = 1024 * 1024;

/** Reads a multipart form into memory: one file up to `maxBytes`, at most 20 fields (by default). */
export function parseMultipart(req: Request, limits: UploadLimits): Promise<Upload> {
  // A body that says it is larger than any allowed form is refused before a byte is read (a 1 GB
  // upload costs the server nothing); one sent without its length is cut off at the limit below.
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.maxBytes + FORM_ALLOWANCE)
    return Promise.resolve({ fields: Object.create(null), problem: limits.tooLargeMessage, tooLarge: { name: "" } });
  return new Promise((resolve) => {
    // No prototype: a field named `constructor` or `__proto__` is only a field (issue 12).
    const out: Upload = { fields: Object.create(null) };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: limits.maxBytes, fields: limits.maxFields ?? 20, files: 1, fieldSize: 100_000 } });
    } catch {
      resolve({ fields: {}, problem: "The upload could not be read: send the form again" });
      return;
    }
    parser.on("field", (name, value) => {
      out.fields[name] = value;
    });
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        out.problem = limits.tooLargeMessage;
        out.tooLarge = { name: info.filename ?? "" };
        // What was held of it is let go; the rest is read and dropped.
        chunks.length = 0;
      });
      stream.on("end", () => {
        if (info.filename && !out.problem) out.file = { name: info.filename, bytes: Buffer.concat(chunks), field };
      });
    });
    parser.on("fieldsLimit", () => {
      out.problem = limits.tooManyFieldsMessage ?? "The form has too many fields: send it again from its page";
    });
    parser.on("filesLimit", () => {
      out.problem = "Select one file";
    });
    parser.on("error", () => resolve({ fields: {}, problem: "The upload could not be read: send the form again" }));
    parser.on("close", () => resolve(out));
    req.pipe(parser);
  });
}
