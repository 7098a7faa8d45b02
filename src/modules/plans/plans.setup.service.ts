// Setting up a plan in the product (issue 13, SPEC A1, A4): create it, change its details, and
// give it a built-in or custom status scheme. Each change is one transaction with one audit row
// (before and after), and the plan's version goes up, so two people cannot overwrite each other.
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { findScheme } from "../../domain/plans/schemes.ts";
import { statusesDropped } from "../../domain/plans/structure.ts";
import type { StatusScheme } from "../../domain/plans/types.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import { PLAN_TYPE_LABELS } from "./plans.presenter.ts";
import * as repository from "./plans.repository.ts";
import { type PlanDetails, parsePlanDetails, referenceFor } from "./plans.setup.schemas.ts";
import * as structure from "./plans.structure.repository.ts";

export type Editor = Pick<CurrentUser, "id" | "councilId" | "roles">;
/** The command line acts as the system for a council: no person, every permission. */
export type SystemEditor = { id: null; councilId: string; roles: "system" };

type PlanRow = NonNullable<Awaited<ReturnType<typeof repository.findPlan>>>;

/** Someone else changed the plan or section since the form was opened. */
export class VersionConflict extends Error {
  constructor(what: string) {
    super(`Someone else changed this ${what} while you were editing it. Reload it and make your change again.`);
  }
}

/** A plan as the API and command line give it: camelCase, the scheme in full. */
export function planJson(plan: PlanRow) {
  return {
    id: plan.id,
    externalId: plan.external_id,
    title: plan.title,
    type: plan.type,
    typeLabel: PLAN_TYPE_LABELS[plan.type] ?? plan.type,
    respondsTo: { title: plan.source_title, date: plan.source_date, url: plan.source_url },
    owner: plan.owner,
    approvedOn: plan.approved_on,
    cadence: plan.cadence,
    scheme: plan.status_scheme as StatusScheme,
    continuesPlanId: plan.continues_plan_id,
    state: plan.state,
    version: plan.version,
  };
}

export class PlanSetupService {
  constructor(private readonly db: Kysely<DB>) {}

  /** Creates an empty plan: its sections, actions and forums are added next (the set-up task list). */
  async createPlan(user: Editor | SystemEditor, body: Record<string, unknown>) {
    this.check(user);
    const { value, problems } = parsePlanDetails(body);
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, this.actor(user), async (trx) => {
      await this.checkContinues(trx, value.continuesPlanId, null);
      let externalId = value.externalId ?? referenceFor(value.title, value.approvedOn);
      if (value.externalId && (await structure.externalIdTaken(trx, externalId))) {
        throw new InvalidInput([{ field: "externalId", message: `The council already has a plan with the reference "${externalId}"` }]);
      }
      // A made-up reference that is taken gets a number: two plans may share a title.
      for (let n = 2; await structure.externalIdTaken(trx, externalId); n++) externalId = `${referenceFor(value.title, value.approvedOn)}-${n}`;
      const created = await repository.insertPlan(trx, {
        councilId: user.councilId,
        externalId,
        title: value.title,
        type: value.type,
        sourceTitle: value.sourceTitle,
        sourceDate: value.sourceDate,
        sourceUrl: value.sourceUrl,
        owner: value.owner,
        statusScheme: findScheme(value.scheme) as StatusScheme,
        cadence: value.cadence,
        approvedOn: value.approvedOn,
      });
      if (value.continuesPlanId) await structure.setContinuesPlan(trx, created.id, value.continuesPlanId);
      const plan = (await repository.findPlan(trx, created.id)) as PlanRow;
      return { result: planJson(plan), audit: { action: "plan.created", subjectType: "plan", subjectId: plan.id, after: planJson(plan) } };
    });
  }

  /**
   * Changes a plan's details. A different built-in scheme is allowed only if it keeps every status
   * the plan's history uses (SPEC A4); the approved date cannot move after an action joined the plan.
   */
  async editPlan(user: Editor | SystemEditor, planRef: string, body: Record<string, unknown>) {
    this.check(user);
    return changeAs(this.db, this.actor(user), async (trx) => {
      const before = await this.findPlan(trx, planRef);
      const merged = { ...detailsBody(before), ...definedOnly(body) };
      const { value, problems } = parsePlanDetails(merged, { currentScheme: (before.status_scheme as StatusScheme).code });
      const version = Number(body.version ?? before.version);
      if (!Number.isInteger(version) || version < 1) problems.push({ field: "version", message: "Reload the plan and make your change again" });
      if (problems.length) throw new InvalidInput(problems);
      await this.checkContinues(trx, value.continuesPlanId, before.id);
      const scheme = await this.schemeFor(trx, before, value);
      const firstAdded = (await repository.listActions(trx, [before.id])).reduce<string | null>(
        (min, a) => (min === null || a.added_on < min ? a.added_on : min),
        null,
      );
      if (firstAdded && value.approvedOn > firstAdded) {
        throw new InvalidInput([
          {
            field: "approvedOn-day",
            message: `Date the plan was approved must be on or before ${formatDate(firstAdded)}, when its first action joined it`,
          },
        ]);
      }
      const changed = await structure.updatePlanDetails(trx, before.id, version, { ...value, statusScheme: scheme });
      if (!changed) throw new VersionConflict("plan");
      const after = (await repository.findPlan(trx, before.id)) as PlanRow;
      return {
        result: planJson(after),
        audit: { action: "plan.details.changed", subjectType: "plan", subjectId: before.id, before: planJson(before), after: planJson(after) },
      };
    });
  }

  /** What the set-up task list shows: the plan and how far each part of it has got. */
  async setupStatus(user: Editor, planId: string) {
    if (!can(user.roles, "readPlans")) throw new NotAllowed("improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await this.findPlan(trx, planId);
      const [sections, actions, links, updates, plans] = await Promise.all([
        repository.listSections(trx, [plan.id]),
        repository.listActions(trx, [plan.id]),
        repository.listActionForums(trx, [plan.id]),
        structure.countUpdates(trx, plan.id),
        repository.listPlans(trx),
      ]);
      return {
        plan: planJson(plan),
        sections: sections.length,
        sectionsWithAim: sections.filter((s) => s.aim).length,
        actions: actions.filter((a) => !a.retired_on).length,
        actionsWithForum: actions.filter((a) => !a.retired_on && links.some((l) => l.action_id === a.id)).length,
        updates,
        published: await structure.isPublished(trx, plan.id),
        otherPlans: plans.filter((p) => p.id !== plan.id).map((p) => ({ id: p.id, title: p.title })),
      };
    });
  }

  /** The other plans of the council, for "the plan this follows from". */
  async otherPlans(user: Editor, exceptId?: string) {
    if (!can(user.roles, "readPlans")) throw new NotAllowed("improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) =>
      (await repository.listPlans(trx)).filter((p) => p.id !== exceptId).map((p) => ({ id: p.id, title: p.title })),
    );
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private check(user: Editor | SystemEditor): void {
    if (user.roles !== "system" && !can(user.roles, "editPlans")) throw new NotAllowed("change improvement plans");
  }

  private actor(user: Editor | SystemEditor) {
    return { councilId: user.councilId, userId: user.id };
  }

  /** By id or external id; another council's plan is not found, as if it did not exist. */
  private async findPlan(trx: Trx, planRef: string): Promise<PlanRow> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(planRef);
    const plan = uuid ? await repository.findPlan(trx, planRef) : await repository.findPlanByExternalId(trx, planRef);
    if (!plan) throw new NotFound(`No plan "${planRef}" in this council.`);
    return plan;
  }

  private async checkContinues(trx: Trx, continuesPlanId: string | null, selfId: string | null) {
    if (!continuesPlanId) return;
    const earlier = await repository.findPlan(trx, continuesPlanId);
    if (!earlier || earlier.id === selfId) {
      throw new InvalidInput([{ field: "continuesPlanId", message: "Select another of the council's plans that this one follows from, or none" }]);
    }
  }

  /** The scheme after a change: the current one kept, or a built-in one that keeps every status in use. */
  private async schemeFor(trx: Trx, plan: PlanRow, value: PlanDetails): Promise<StatusScheme> {
    const current = plan.status_scheme as StatusScheme;
    if (value.scheme === current.code) return current;
    const next = findScheme(value.scheme) as StatusScheme;
    const dropped = statusesDropped(next, await structure.statusesUsed(trx, plan.id));
    if (dropped.length) throw new InvalidInput([schemeInUseProblem("scheme", current, dropped)]);
    return next;
  }
}

/** The message when a new scheme would drop statuses the plan's history uses. */
export function schemeInUseProblem(field: string, current: StatusScheme, dropped: string[]): FieldProblem {
  const labels = dropped.map((code) => `"${current.statuses.find((s) => s.code === code)?.label ?? code}"`);
  return {
    field,
    message: `The plan's updates already use ${labels.join(", ")}: choose a scheme that keeps ${dropped.length === 1 ? "that status" : "those statuses"}`,
  };
}

/** A plan's details as a form body, so a change can send only the fields it changes. */
function detailsBody(plan: PlanRow): Record<string, unknown> {
  return {
    title: plan.title,
    type: plan.type,
    sourceTitle: plan.source_title ?? "",
    sourceDate: plan.source_date ?? "",
    sourceUrl: plan.source_url ?? "",
    owner: plan.owner,
    approvedOn: plan.approved_on,
    cadence: plan.cadence ?? "",
    scheme: (plan.status_scheme as StatusScheme).code,
    continuesPlanId: plan.continues_plan_id ?? "",
  };
}

/**
 * The fields a change sent. A form's date parts replace the stored date; externalId cannot change
 * (it is the key of re-imports).
 */
function definedOnly(body: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || key === "externalId" || key === "version") continue;
    result[key] = value;
  }
  // A form sends the date as parts: the stored YYYY-MM-DD must not win over what was typed.
  for (const name of ["sourceDate", "approvedOn"]) if (`${name}-day` in body || `${name}-year` in body) result[name] = body[name] ?? "";
  return result;
}
