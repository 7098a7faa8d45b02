// A professional's advice returned as a file through the link (issue 15, What to build 3): PDF or
// Word up to 20 MB, its type judged from its content, and scanned by ClamAV before anything is
// saved. With no scanner configured, production refuses files rather than keep one unscanned; a
// trial installation keeps it marked "not scanned". A scanner that cannot answer saves nothing.
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { checkAdviceFile } from "../../domain/notifications/advice-file.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { logger } from "../../platform/logging.ts";
import type { VirusScanner } from "../../platform/virus-scan.ts";

export interface AdviceUpload {
  name: string;
  bytes: Buffer;
}

export interface AdviceUploadPolicy {
  scanner?: VirusScanner;
  /** No scanner: refuse files (production) rather than keep them "not scanned". */
  requireScan: boolean;
}

export interface CheckedAdviceFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: string;
  scan: "clean" | "not-scanned";
  scannedWith: string | null;
}

const FIELD = "adviceFile";

/** Checks a file's name, size and content type, then scans it; any problem is an InvalidInput naming the file, and nothing is saved. */
export async function checkUpload(upload: AdviceUpload, policy: AdviceUploadPolicy, linkId: string): Promise<CheckedAdviceFile> {
  const fileName = upload.name.trim().replace(/^.*[\\/]/, "");
  const refuse = (message: string): never => {
    throw new InvalidInput([{ field: FIELD, message }]);
  };
  if (!fileName) refuse("Select the file of your advice again: it had no name");
  if (!policy.scanner && policy.requireScan)
    refuse("Files cannot be taken here at the moment because the council's virus scanner is not set up: type your advice in the box instead");
  // Scanned before the type is judged, so a harmful file is named as such whatever it claims to be.
  let scan: CheckedAdviceFile["scan"] = "not-scanned";
  let scannedWith: string | null = null;
  if (policy.scanner) {
    const result = await policy.scanner.scan(upload.bytes);
    if (result.verdict === "infected") {
      // Ids and the signature only: a file's name and content stay out of the logs.
      logger.warn("Advice file refused by the virus scanner", { linkId, signature: result.signature });
      refuse(
        `"${fileName}" was refused because the virus scanner found something harmful in it (${result.signature}). Nothing was saved: check the file and send a clean copy`,
      );
    }
    if (result.verdict === "error") {
      logger.error("Advice file not scanned: the virus scanner did not answer", { linkId, reason: result.reason, where: policy.scanner.where });
      refuse(
        `"${fileName}" could not be checked for viruses just now, so nothing was saved: try again in a few minutes, or type your advice instead`,
      );
    }
    if (result.verdict === "clean") {
      scan = "clean";
      scannedWith = result.engine;
    }
  }
  const checked = checkAdviceFile(fileName, upload.bytes.length, await fileTypeFromBuffer(upload.bytes));
  if (!checked.ok) refuse(checked.message);
  return {
    fileName,
    mediaType: (checked as { mediaType: string }).mediaType,
    bytes: upload.bytes,
    sha256: createHash("sha256").update(upload.bytes).digest("hex"),
    scan,
    scannedWith,
  };
}
