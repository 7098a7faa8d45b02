// Which evidence files an action may carry (issue 13, What to build 4): PDF, Word, Excel and
// images, up to 20 MB each. The type is judged from the content (its magic numbers, read by the
// caller), never from the name alone; the name's extension must agree with it, so a file that
// says it is a PDF but is not is refused, naming the file. Pure: no I/O.

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** What the content was found to be (file-type's answer), or undefined when it is not recognised. */
export interface DetectedType {
  ext: string;
  mime: string;
}

interface Kind {
  /** The extensions a file of this kind may be named with. */
  extensions: readonly string[];
  /** What content it must have: file-type's extension for it. */
  content: string;
  mediaType: string;
  words: string;
}

// .doc and .xls are both OLE compound files ("cfb"), told apart only by their name.
const KINDS: readonly Kind[] = [
  { extensions: ["pdf"], content: "pdf", mediaType: "application/pdf", words: "a PDF" },
  {
    extensions: ["docx"],
    content: "docx",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    words: "a Word document",
  },
  { extensions: ["doc"], content: "cfb", mediaType: "application/msword", words: "a Word document" },
  {
    extensions: ["xlsx"],
    content: "xlsx",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    words: "an Excel workbook",
  },
  { extensions: ["xls"], content: "cfb", mediaType: "application/vnd.ms-excel", words: "an Excel workbook" },
  { extensions: ["png"], content: "png", mediaType: "image/png", words: "a PNG image" },
  { extensions: ["jpg", "jpeg"], content: "jpg", mediaType: "image/jpeg", words: "a JPEG image" },
  { extensions: ["gif"], content: "gif", mediaType: "image/gif", words: "a GIF image" },
];

const ALLOWED = "a PDF, a Word document (.docx or .doc), an Excel workbook (.xlsx or .xls) or an image (PNG, JPEG or GIF)";

export type EvidenceCheck = { ok: true; mediaType: string; words: string } | { ok: false; message: string };

/** Whether a file may be kept as evidence, and its media type (from its content) if so. */
export function checkEvidenceFile(fileName: string, size: number, detected: DetectedType | undefined): EvidenceCheck {
  const name = `"${fileName}"`;
  if (size === 0) return { ok: false, message: `${name} is empty: select the file again` };
  if (size > MAX_EVIDENCE_BYTES) return { ok: false, message: `${name} is larger than 20 MB: attach a smaller file` };
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase();
  const named = KINDS.find((k) => extension !== undefined && k.extensions.includes(extension));
  if (!named) return { ok: false, message: `${name} is not a file that can be attached: attach ${ALLOWED}` };
  if (detected?.ext !== named.content) {
    const found = KINDS.find((k) => k.content === detected?.ext && k.content !== "cfb");
    const what = found ? `its content is ${found.words}` : "its content is not";
    return { ok: false, message: `${name} says it is ${named.words} but ${what}: attach the real file, named as what it is` };
  }
  return { ok: true, mediaType: named.mediaType, words: named.words };
}

/** A size as people read it: "845 KB", "3.2 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The type in words for the evidence list, from the media type kept. */
export function typeWords(mediaType: string): string {
  const kind = KINDS.find((k) => k.mediaType === mediaType);
  return kind ? kind.words.replace(/^an? /, "").replace(/^./, (c) => c.toUpperCase()) : mediaType;
}
