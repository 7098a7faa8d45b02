// Improvement plans: use cases. Each change is one transaction with one audit row; reads are
// under the council's row-level security; every use case checks the person's role first.
// Imports into plans (plans.importing.service.ts) and closing a plan (plans.closing.service.ts)
// are services of their own, reached through this one as before.
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { statusAsAt } from "../../domain/plans/history.ts";
import { validateCustomScheme } from "../../domain/plans/schemes.ts";
import type { ActionUpdate, StatusScheme } from "../../domain/plans/types.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { type Paging, pageOf } from "../../platform/pagination.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import { PlanClosingService } from "./plans.closing.service.ts";
import * as forumsRepository from "./plans.forums.repository.ts";
import { PlanImportingService } from "./plans.importing.service.ts";
import { checkRole, isUuid, loadOnePlan, loadPlans, mustFindPlan, type PlanReader, toDomainUpdate } from "./plans.loader.ts";
import { buildPlanSummary, buildPlanView, crossPlanActions, forumView, type LoadedPlan, type PlanFilters } from "./plans.presenter.ts";
import * as repository from "./plans.repository.ts";
import { type ActionEdit, type NewUpdate, parseActionEdit, parseNewUpdate } from "./plans.schemas.ts";

export { CLOSURE_DISPOSITIONS, type ClosureDisposition } from "./plans.closing.service.ts";
export type { ActionProgress } from "./plans.importing.service.ts";
export { type DomainUpdate, isUuid } from "./plans.loader.ts";
export { NotFound };

/** Someone else changed the action since the form was opened. */
export class EditConflict extends Error {
  constructor(readonly current: repository.ActionRow) {
    super("Someone else changed this action while you were editing it.");
  }
}

/** A form's one-time token was already used: its update is saved, so this one is not. */
class DuplicateSubmission extends Error {}

export class PlansService {
  private readonly importing: PlanImportingService;
  private readonly closing: PlanClosingService;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {
    this.importing = new PlanImportingService(db);
    this.closing = new PlanClosingService(db, today);
  }

  // ---- reading ----------------------------------------------------------------------------------

  async listPlans(user: PlanReader, asAt = this.today()) {
    checkRole(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plans = await repository.listPlans(trx);
      const loaded = await loadPlans(trx, plans);
      return loaded.map((plan) => ({ ...plan.plan, summary: buildPlanSummary(plan, asAt) }));
    });
  }

  /**
   * One page of the council's plans with their summaries: only that page's plans are loaded, so
   * a council with a very large plan does not slow its list, nor other councils (issue 12).
   */
  async listPlansPage(user: PlanReader, asAt: string, paging: Paging) {
    checkRole(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const page = pageOf(await repository.listPlans(trx), paging);
      const loaded = await loadPlans(trx, page.items);
      return { ...page, items: loaded.map((plan) => ({ ...plan.plan, summary: buildPlanSummary(plan, asAt) })) };
    });
  }

  async planView(user: PlanReader, planId: string, options: { asAt?: string; compareTo?: string } = {}) {
    checkRole(user, "readPlans", "improvement plans");
    const plan = await loadOnePlan(this.db, user, planId);
    return buildPlanView(plan, options.asAt ?? this.today(), options.compareTo);
  }

  /** A plan with everything its as-at views and reports need, by id or external id. */
  async loadPlan(actor: Actor, roles: readonly string[] | "system", planRef: string): Promise<LoadedPlan> {
    if (roles !== "system") checkRole({ roles }, "readPlans", "improvement plans");
    return readAs(this.db, actor, async (trx) => {
      const row = isUuid(planRef) ? await repository.findPlan(trx, planRef) : await repository.findPlanByExternalId(trx, planRef);
      if (!row) throw new NotFound(`No plan "${planRef}" in this council.`);
      return (await loadPlans(trx, [row]))[0] as LoadedPlan;
    });
  }

  /** The summary that `plans summary --json` prints: a contract other tools rely on. */
  async summary(actor: Actor, roles: readonly string[] | "system", planRef: string, asAt = this.today()) {
    return buildPlanSummary(await this.loadPlan(actor, roles, planRef), asAt);
  }

  async listPlansAs(actor: Actor) {
    return readAs(this.db, actor, (trx) => repository.listPlans(trx));
  }

  /** Actions across the council's plans, filtered; with `paging`, one page of them (`matching` counts them all). */
  async actionsAcrossPlans(user: PlanReader, filters: PlanFilters, asAt = this.today(), paging?: Paging) {
    checkRole(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const loaded = await loadPlans(trx, await repository.listPlans(trx));
      const forums = await repository.listForums(trx);
      const result = crossPlanActions(loaded, filters, asAt);
      const page = pageOf(result.actions, paging ?? { page: 1, pageSize: Math.max(1, result.actions.length) });
      return { ...result, actions: page.items, matching: page.total, page: page.page, pageSize: page.pageSize, forums };
    });
  }

  async forum(user: PlanReader, forumId: string, asAt = this.today()) {
    checkRole(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const forum = await repository.findForum(trx, forumId);
      if (!forum) throw new NotFound("No such forum.");
      const loaded = await loadPlans(trx, await repository.listPlans(trx));
      return forumView(forum, loaded, asAt);
    });
  }

  async listForums(user: PlanReader) {
    checkRole(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), (trx) => repository.listForums(trx));
  }

  /** An action with its plan (for the action, update and edit pages). */
  async action(user: PlanReader, actionId: string) {
    checkRole(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const action = await repository.findAction(trx, actionId);
      if (!action) throw new NotFound("No such action.");
      const plan = (await loadPlans(trx, [await mustFindPlan(trx, action.plan_id)]))[0] as LoadedPlan;
      // Carried forward (SPEC A12): the action it came from, and the one it was carried into.
      const carry = await repository.findCarryLinks(trx, actionId);
      return { plan, action, carry };
    });
  }

  // ---- changing ---------------------------------------------------------------------------------

  /**
   * Adds a dated update (SPEC A5). A change of status needs commentary; nothing is overwritten.
   * A form's one-time `submissionId` makes a second post of the same form (Back and submit again,
   * a double click) save nothing: the result then says `duplicate`, and the first update stands.
   */
  async addUpdate(user: PlanReader & { displayName: string }, actionId: string, body: Record<string, unknown>) {
    checkRole(user, "editPlans", "update improvement plans");
    const submissionId = typeof body.submissionId === "string" && isUuid(body.submissionId) ? body.submissionId : null;
    if (submissionId && (await readAs(this.db, actorOf(user as CurrentUser), (trx) => forumsRepository.submissionUsed(trx, submissionId)))) {
      return { duplicate: true as const };
    }
    try {
      return await this.appendUpdate(user, actionId, body, submissionId);
    } catch (error) {
      if (error instanceof DuplicateSubmission) return { duplicate: true as const };
      throw error;
    }
  }

  private async appendUpdate(
    user: PlanReader & { displayName: string },
    actionId: string,
    body: Record<string, unknown>,
    submissionId: string | null,
  ) {
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      // Two posts at once: the second waits for the first's token, then finds it used.
      if (submissionId && !(await forumsRepository.useSubmission(trx, user.councilId, submissionId))) throw new DuplicateSubmission();
      const action = await repository.findAction(trx, actionId);
      if (!action) throw new NotFound("No such action.");
      const plan = await mustFindPlan(trx, action.plan_id);
      const scheme = plan.status_scheme as StatusScheme;
      const { value, problems } = parseNewUpdate(body, scheme, this.today());
      const history = (await repository.listUpdatesForAction(trx, actionId)).map(toDomainUpdate);
      if (!problems.length) problems.push(...updateRules(value, history, action.added_on));
      if (action.retired_on && value.date >= action.retired_on) {
        problems.push({
          field: "date",
          message: `Action ${action.number} was retired on ${formatDate(action.retired_on)}: an update must be dated before that`,
        });
      }
      if (value.correctsUpdateId && !history.some((u) => u.id === value.correctsUpdateId)) {
        problems.push({ field: "correctsUpdateId", message: "Choose an earlier update of this action" });
      }
      if (problems.length) throw new InvalidInput(problems);
      const update = await repository.insertUpdate(trx, {
        councilId: user.councilId,
        actionId,
        date: value.date,
        sequence: await repository.nextSequence(trx, actionId, value.date),
        status: value.status,
        commentary: value.commentary,
        progress: value.progress,
        authorUserId: user.id,
        authorName: user.displayName,
        correctsUpdateId: value.correctsUpdateId,
      });
      return { result: update, audit: { action: "plan.update.added", subjectType: "plan_action", subjectId: actionId, after: update } };
    });
  }

  /** Changes an action's fields, only if nobody else has since the form was opened. */
  async editAction(user: PlanReader, actionId: string, body: Record<string, unknown>) {
    checkRole(user, "editPlans", "change improvement plans");
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const before = await repository.findAction(trx, actionId);
      if (!before) throw new NotFound("No such action.");
      const plan = await mustFindPlan(trx, before.plan_id);
      const { value, problems } = parseActionEdit(body, plan.approved_on);
      if (before.retired_on)
        problems.push({ field: "text", message: `Action ${before.number} was retired on ${formatDate(before.retired_on)}, so it cannot be changed` });
      if (problems.length) throw new InvalidInput(problems);
      const changed = await repository.updateAction(trx, actionId, value.version, toActionFields(value, before));
      if (!changed) throw new EditConflict(before);
      const after = await repository.findAction(trx, actionId);
      if (!after) throw new NotFound("No such action.");
      return { result: after, audit: { action: "plan.action.edited", subjectType: "plan_action", subjectId: actionId, before, after } };
    });
  }

  /**
   * Gives a plan its own status scheme (SPEC A4). Every status already used in the plan's history
   * must still exist, so no past rating loses its meaning.
   */
  async setScheme(user: PlanReader, planId: string, input: unknown) {
    checkRole(user, "editPlans", "change improvement plans");
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    const validated = validateCustomScheme(input);
    if (!validated.ok) throw new InvalidInput(validated.problems);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await mustFindPlan(trx, planId);
      const used = new Set((await repository.listUpdates(trx, [planId])).map((u) => u.status));
      const missing = [...used].filter((code) => !validated.scheme.statuses.some((s) => s.code === code));
      if (missing.length) {
        throw new InvalidInput([
          { field: "statuses", message: `The plan's history uses ${missing.map((c) => `"${c}"`).join(", ")}: keep those statuses in the scheme` },
        ]);
      }
      await repository.updatePlanScheme(trx, planId, validated.scheme);
      return {
        result: validated.scheme,
        audit: { action: "plan.scheme.changed", subjectType: "plan", subjectId: planId, before: plan.status_scheme, after: validated.scheme },
      };
    });
  }

  // ---- meeting packs (SPEC A9) --------------------------------------------------------------------

  /** A forum (by id or code) and the plans for its meeting pack: the council's, or the one named. */
  async loadForumPlans(actor: Actor, roles: readonly string[] | "system", forumRef: string, planRef?: string) {
    if (roles !== "system") checkRole({ roles }, "readPlans", "improvement plans");
    return readAs(this.db, actor, async (trx) => {
      const forum = (await repository.listForums(trx)).find((f) => f.id === forumRef || f.code === forumRef);
      if (!forum) throw new NotFound(`No forum "${forumRef}" in this council.`);
      let plans = await repository.listPlans(trx);
      if (planRef !== undefined) {
        const row = isUuid(planRef) ? await repository.findPlan(trx, planRef) : await repository.findPlanByExternalId(trx, planRef);
        if (!row) throw new NotFound(`No plan "${planRef}" in this council.`);
        plans = plans.filter((p) => p.id === row.id);
      }
      const meetings = (await repository.listMeetings(trx, [forum.id])).map((m) => m.meeting_date);
      return { forum, plans: await loadPlans(trx, plans), meetings };
    });
  }

  // ---- imports (SPEC A11) and closure (SPEC A12): their own services ------------------------------

  importTarget(...args: Parameters<PlanImportingService["importTarget"]>) {
    return this.importing.importTarget(...args);
  }

  applyImport(...args: Parameters<PlanImportingService["applyImport"]>) {
    return this.importing.applyImport(...args);
  }

  createPlanFromSeed(...args: Parameters<PlanImportingService["createPlanFromSeed"]>) {
    return this.importing.createPlanFromSeed(...args);
  }

  importMapping(...args: Parameters<PlanImportingService["importMapping"]>) {
    return this.importing.importMapping(...args);
  }

  saveImportMapping(...args: Parameters<PlanImportingService["saveImportMapping"]>) {
    return this.importing.saveImportMapping(...args);
  }

  closureCandidates(...args: Parameters<PlanClosingService["closureCandidates"]>) {
    return this.closing.closureCandidates(...args);
  }

  closePlan(...args: Parameters<PlanClosingService["closePlan"]>) {
    return this.closing.closePlan(...args);
  }

  closure(...args: Parameters<PlanClosingService["closure"]>) {
    return this.closing.closure(...args);
  }
}

/** SPEC A5: a change of status needs commentary; an update must say something. */
function updateRules(value: NewUpdate, history: ActionUpdate[], addedOn: string) {
  const problems: { field: string; message: string }[] = [];
  if (value.date < addedOn) problems.push({ field: "date", message: "Date of the update must be on or after the day the action joined the plan" });
  const before = statusAsAt(history, value.date);
  if (before?.status !== value.status && !value.commentary) {
    problems.push({ field: "commentary", message: "Enter commentary to explain the change of status" });
  } else if (!value.commentary && value.progress === null) {
    problems.push({ field: "commentary", message: "Enter commentary or a progress percentage" });
  }
  return problems;
}

function toActionFields(value: ActionEdit, before: repository.ActionRow): repository.ActionFields {
  return {
    number: value.number,
    text: value.text,
    successMeasures: value.successMeasures,
    leadName: value.leadName,
    leadRole: value.leadRole,
    startDate: value.startDate,
    dueText: value.due.text,
    duePrecision: value.due.precision,
    dueDate: value.due.date,
    externalDependency: value.externalDependency,
    progress: value.progress === undefined ? before.progress : value.progress,
    weight: value.weight,
    evidenceLinks: value.evidenceLinks,
    ...(value.impact === undefined ? {} : { impact: value.impact }),
  };
}
