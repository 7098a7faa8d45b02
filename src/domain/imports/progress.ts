// How far an import job has got, in words and as a share of the work (SPEC A11: "long imports
// show progress"). The shares come from measuring a 5,000-row .xlsx: reading took about 5% of
// the time, checking the rows about 1%, and saving (or working out the changes) the rest, so the
// bar moves evenly rather than jumping.

export type ImportState = "held" | "queued" | "running" | "done" | "failed";
export type ImportPhase = "reading" | "checking" | "saving";

export interface ImportProgress {
  state: ImportState;
  phase: ImportPhase | null;
  /** Rows checked, or actions saved, so far; and of how many (0 when not yet known). */
  done: number;
  total: number;
  /** A check of the file (the preview), or the import itself. */
  dryRun: boolean;
}

const PHASE_SPAN: Record<ImportPhase, [number, number]> = {
  reading: [0, 5],
  checking: [5, 10],
  saving: [10, 100],
};

/** A whole percentage, never 100 until the job has finished. */
export function percentDone(progress: ImportProgress): number {
  if (progress.state === "done" || progress.state === "failed") return 100;
  if (progress.state !== "running" || !progress.phase) return 0;
  const [from, to] = PHASE_SPAN[progress.phase];
  const share = progress.total > 0 ? Math.min(progress.done, progress.total) / progress.total : 0;
  return Math.min(99, Math.floor(from + (to - from) * share));
}

const count = (n: number) => n.toLocaleString("en-GB");

/**
 * What the job is doing now, as a sentence for the progress page. Without counts it changes only
 * when the job moves to another step: that is what screen readers are told.
 */
export function progressWords(progress: ImportProgress, withCounts = true): string {
  if (progress.state === "held" || progress.state === "queued") return "Waiting to start";
  if (progress.state === "done") return progress.dryRun ? "The file has been checked" : "The plan has been imported";
  if (progress.state === "failed") return progress.dryRun ? "The file could not be checked" : "The plan could not be imported";
  const counted = withCounts && progress.total > 0;
  const of = `${count(Math.min(progress.done, progress.total))} of ${count(progress.total)}`;
  switch (progress.phase) {
    case "checking":
      return counted ? `Checking ${of} rows` : "Checking the rows";
    case "saving":
      if (progress.dryRun) return counted ? `Working out the changes: ${of} actions` : "Working out the changes";
      return counted ? `Saving ${of} actions` : "Saving the actions";
    default:
      return "Reading the file";
  }
}
