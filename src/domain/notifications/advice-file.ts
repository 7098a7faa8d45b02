// Which files a professional may return as advice through the link (issue 15, What to build 3):
// PDF or Word, up to 20 MB. The type is judged from the content (its magic numbers, read by the
// caller with file-type), and the name's extension must agree with it. Pure: no I/O.
import type { DetectedType } from "../plans/evidence.ts";

export const MAX_ADVICE_FILE_BYTES = 20 * 1024 * 1024;

const KINDS = [
  { extension: "pdf", content: "pdf", mediaType: "application/pdf", words: "a PDF" },
  {
    extension: "docx",
    content: "docx",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    words: "a Word document",
  },
  // .doc is an OLE compound file ("cfb"); only Word's name tells it from other OLE files.
  { extension: "doc", content: "cfb", mediaType: "application/msword", words: "a Word document" },
] as const;

export type AdviceFileCheck = { ok: true; mediaType: string } | { ok: false; message: string };

/** Whether a file may be returned as advice, and its media type (from its content) if so. */
export function checkAdviceFile(fileName: string, size: number, detected: DetectedType | undefined): AdviceFileCheck {
  const name = `"${fileName}"`;
  if (size === 0) return { ok: false, message: `${name} is empty: select the file again` };
  if (size > MAX_ADVICE_FILE_BYTES) return { ok: false, message: `${name} is larger than 20 MB: send a smaller file` };
  if (fileName.length > 255) return { ok: false, message: "The file's name must be 255 characters or fewer: rename it and send it again" };
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase();
  const named = KINDS.find((k) => k.extension === extension);
  if (!named) return { ok: false, message: `${name} is not a PDF or Word document: send your advice as a PDF, .docx or .doc file` };
  if (detected?.ext !== named.content)
    return { ok: false, message: `${name} says it is ${named.words} but its content is not: send the real file, named as what it is` };
  return { ok: true, mediaType: named.mediaType };
}
