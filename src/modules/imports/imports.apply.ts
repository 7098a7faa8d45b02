// Applying a checked file (SPEC A11), all or nothing: into an existing plan, keyed on the actions'
// external ids (the same file changes nothing; a changed status is one new dated update), or as a
// new plan. A dry run counts what would be created and changed, and saves nothing.
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { PlanSeed } from "../../domain/plans/types.ts";
import { InvalidInput } from "../../platform/errors.ts";
import type { Actor } from "../../platform/transaction.ts";
import type { PlansService } from "../plans/plans.service.ts";
import type { CheckedFile } from "./imports.check.ts";
import type { ImportReport, ImportRequest, OnProgress, RunResult } from "./imports.types.ts";

export async function applyCheckedFile(
  plans: PlansService,
  actor: Actor,
  request: ImportRequest,
  checked: CheckedFile,
  onProgress: OnProgress,
): Promise<RunResult> {
  const { result, existing, mapped, scheme, ownScheme } = checked;
  const report = result.report;
  const done = (outcome: ImportReport): RunResult => ({ ...result, report: outcome });
  const onAction = (handled: number, total: number) => onProgress("saving", handled, total);

  if (existing && request.planId) {
    try {
      const outcome = await plans.applyImport(actor, request.planId, mapped.sections, mapped.forums, {
        dryRun: request.dryRun,
        updateDate: checked.asOf ?? existing.approvedOn,
        onAction,
      });
      return done({ ...report, created: outcome.created, changed: outcome.changed });
    } catch (error) {
      if (error instanceof InvalidInput)
        return done({ ...report, problems: [{ row: 0, column: "", message: error.problems.map((p) => p.message).join("; ") }] });
      throw error;
    }
  }
  const approvedDate = checked.approved?.value ?? "";
  const seed: PlanSeed = {
    // Unique, and within the column's 100 characters, however often the same file is imported.
    externalId: `import-${path
      .basename(request.fileName)
      .replace(/\.[^.]+$/, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 60)}-${approvedDate}-${randomUUID().slice(0, 8)}`,
    title: (checked.title?.value ?? "").slice(0, 300),
    type: checked.type?.value ?? "other",
    source: { title: checked.respondsTo?.value ?? "Not recorded in the file", date: approvedDate },
    owner: "Not recorded",
    scheme: scheme.code,
    cadence: "",
    approvedOn: approvedDate,
    forums: mapped.forums,
    sections: mapped.sections,
  };
  const counted = { ...report, created: { ...mapped.counts } };
  if (request.dryRun) return done(counted);
  const plan = await plans.createPlanFromSeed(actor, seed, { onAction, ...(ownScheme ? { scheme: ownScheme } : {}) });
  return done({ ...counted, planId: plan.id, created: { sections: plan.sections, actions: plan.actions, updates: plan.updates } });
}
