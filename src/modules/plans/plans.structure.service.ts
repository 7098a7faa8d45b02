// Reshaping a plan (issue 13, SPEC A2, A10): add, change, reorder and nest sections; add actions,
// move one to another section, retire one with a reason. Nothing is deleted: a move is kept as a
// dated row, so a past date shows the section the action was in then, and a retired action stays
// with its history in every as-at view before its retirement. One transaction and audit row each.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { isSelfOrDescendant, moveAmongSiblings, nestUnder, readingOrder } from "../../domain/plans/structure.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import * as forums from "./plans.forums.repository.ts";
import * as repository from "./plans.repository.ts";
import { parseActionEdit } from "./plans.schemas.ts";
import { parseMove, parseRetirement, parseSection, readDate, SECTION_KINDS } from "./plans.setup.schemas.ts";
import { type Editor, VersionConflict } from "./plans.setup.service.ts";
import * as structure from "./plans.structure.repository.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The forums chosen on the form or in the API: one id, or a list; unknown ids are refused later. */
function forumIdsOf(body: Record<string, unknown>): string[] {
  const raw = body.forumIds;
  return [...new Set((Array.isArray(raw) ? raw : typeof raw === "string" && raw ? [raw] : []).map((v) => String(v)))];
}

type SectionRow = Awaited<ReturnType<typeof repository.listSections>>[number];

/** A section as the API gives it. */
export function sectionJson(s: SectionRow | structure.SectionRow) {
  return {
    id: s.id,
    planId: s.plan_id,
    parentId: s.parent_id,
    position: s.position,
    number: s.number,
    title: s.title,
    kind: s.kind,
    aim: s.aim,
    kpis: s.kpis,
    version: s.version,
  };
}

/** An action's own fields as the API gives them. */
export function actionJson(a: repository.ActionRow) {
  return {
    id: a.id,
    planId: a.plan_id,
    sectionId: a.section_id,
    number: a.number,
    externalId: a.external_id,
    text: a.text,
    successMeasures: a.success_measures,
    leadName: a.lead_name,
    leadRole: a.lead_role,
    startDate: a.start_date,
    timescale: a.due_text,
    dueDate: a.due_date,
    externalDependency: a.external_dependency,
    weight: a.weight === null ? null : Number(a.weight),
    progress: a.progress,
    impact: a.impact,
    evidenceLinks: a.evidence_links,
    addedOn: a.added_on,
    retiredOn: a.retired_on,
    retiredReason: a.retired_reason,
    version: a.version,
  };
}

export class PlanStructureService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  /** The plan's sections in reading order with their depth, and its actions (retired ones apart). */
  async outline(user: Editor, planId: string) {
    this.check(user, "readPlans");
    if (!UUID.test(planId)) throw new NotFound("No such plan.");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await repository.findPlan(trx, planId);
      if (!plan) throw new NotFound("No such plan.");
      const sections = await repository.listSections(trx, [planId]);
      const actions = await repository.listActions(trx, [planId]);
      const ordered = readingOrder(sections.map((s) => ({ ...s, parentId: s.parent_id })));
      const depth = (s: SectionRow): number => {
        let d = 0;
        let parent = s.parent_id;
        while (parent && d < 20) {
          d++;
          parent = sections.find((p) => p.id === parent)?.parent_id ?? null;
        }
        return d;
      };
      return {
        plan,
        sections: ordered.map((s) => ({
          ...s,
          depth: depth(s),
          parentNumber: sections.find((p) => p.id === s.parent_id)?.number ?? null,
          kindLabel: SECTION_KINDS[s.kind as keyof typeof SECTION_KINDS] ?? s.kind,
          actions: actions.filter((a) => a.section_id === s.id && !a.retired_on),
        })),
        retired: actions.filter((a) => a.retired_on),
        hasUpdates: (await structure.countUpdates(trx, planId)) > 0,
      };
    });
  }

  async section(user: Editor, sectionId: string) {
    this.check(user, "readPlans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const section = await this.mustFindSection(trx, sectionId);
      return { section, plan: (await repository.findPlan(trx, section.plan_id)) as NonNullable<Awaited<ReturnType<typeof repository.findPlan>>> };
    });
  }

  async addSection(user: Editor, planId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const { value, problems } = parseSection(body, { needsVersion: false });
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await this.mustFindPlan(trx, planId);
      const sections = await repository.listSections(trx, [plan.id]);
      if (value.parentId && !sections.some((s) => s.id === value.parentId)) {
        throw new InvalidInput([{ field: "parentId", message: "Select a section of this plan to put it under, or none" }]);
      }
      const { id } = await repository.insertSection(trx, {
        councilId: user.councilId,
        planId: plan.id,
        parentId: value.parentId,
        position: await structure.nextSectionPosition(trx, plan.id),
        number: value.number,
        title: value.title,
        kind: value.kind,
        aim: value.aim,
        kpis: value.kpis,
      });
      await this.renumber(trx, plan.id);
      const after = (await structure.findSection(trx, id)) as structure.SectionRow;
      return {
        result: sectionJson(after),
        audit: { action: "plan.section.added", subjectType: "plan_section", subjectId: id, after: sectionJson(after) },
      };
    });
  }

  /** Renames a section, changes its aim and KPIs, and may put it under another section. */
  async editSection(user: Editor, sectionId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const { value, problems } = parseSection(body, { needsVersion: true });
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const before = await this.mustFindSection(trx, sectionId);
      const sections = (await repository.listSections(trx, [before.plan_id])).map((s) => ({ ...s, parentId: s.parent_id }));
      if (value.parentId && (!sections.some((s) => s.id === value.parentId) || isSelfOrDescendant(sections, before.id, value.parentId))) {
        throw new InvalidInput([
          { field: "parentId", message: "A section cannot go under itself or one of its own sections: select another, or none" },
        ]);
      }
      const changed = await structure.updateSection(trx, before.id, value.version, {
        number: value.number,
        title: value.title,
        kind: value.kind,
        aim: value.aim,
        kpis: value.kpis,
      });
      if (!changed) throw new VersionConflict("section");
      if (value.parentId !== before.parent_id) {
        await structure.placeSections(
          trx,
          nestUnder(sections, before.id, value.parentId).map((s) => ({ id: s.id, parentId: s.parentId, position: s.position })),
        );
      }
      const after = (await structure.findSection(trx, before.id)) as structure.SectionRow;
      return {
        result: sectionJson(after),
        audit: {
          action: "plan.section.changed",
          subjectType: "plan_section",
          subjectId: before.id,
          before: sectionJson(before),
          after: sectionJson(after),
        },
      };
    });
  }

  /** Moves a section above or below its neighbour, its own sections and actions with it. */
  async reorderSection(user: Editor, sectionId: string, direction: unknown) {
    this.check(user, "editPlans");
    if (direction !== "up" && direction !== "down")
      throw new InvalidInput([{ field: "direction", message: 'Say whether to move the section "up" or "down"' }]);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const section = await this.mustFindSection(trx, sectionId);
      const sections = (await repository.listSections(trx, [section.plan_id])).map((s) => ({ ...s, parentId: s.parent_id }));
      const moved = moveAmongSiblings(sections, section.id, direction);
      if (!moved) {
        throw new InvalidInput([
          { field: "direction", message: `Section ${section.number} is already the ${direction === "up" ? "first" : "last"} at its level` },
        ]);
      }
      await structure.placeSections(
        trx,
        moved.map((s) => ({ id: s.id, parentId: s.parentId, position: s.position })),
      );
      const after = (await structure.findSection(trx, section.id)) as structure.SectionRow;
      return {
        result: sectionJson(after),
        audit: {
          action: "plan.section.reordered",
          subjectType: "plan_section",
          subjectId: section.id,
          before: { position: section.position },
          after: { position: after.position, direction },
        },
      };
    });
  }

  /**
   * Adds an action to a section. It joins the plan on the date given (by default today), which
   * must be on or after the plan's approval: as-at views before that date do not show it.
   */
  async addAction(user: Editor, planId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await this.mustFindPlan(trx, planId);
      const { value, problems } = parseActionEdit({ ...body, version: "1" }, plan.approved_on);
      const sectionId = typeof body.sectionId === "string" ? body.sectionId.trim() : "";
      const sections = await repository.listSections(trx, [plan.id]);
      if (!sections.some((s) => s.id === sectionId)) problems.push({ field: "sectionId", message: "Select the section the action belongs to" });
      const addedOn = readDate(body, "addedOn", "Date the action joined the plan", problems, false) ?? this.today();
      if (addedOn < plan.approved_on)
        problems.push({
          field: "addedOn-day",
          message: `Date the action joined the plan must be on or after ${formatDate(plan.approved_on)}, when the plan was approved`,
        });
      else if (addedOn > this.today())
        problems.push({ field: "addedOn-day", message: "Date the action joined the plan must be today or in the past" });
      const forumIds = forumIdsOf(body);
      const known = new Set((await repository.listForums(trx)).map((f) => f.id));
      if (forumIds.some((id) => !known.has(id))) problems.push({ field: "forumIds", message: "Select forums of this council only" });
      if (problems.length) throw new InvalidInput(problems);
      const created = await repository.insertAction(trx, {
        councilId: user.councilId,
        planId: plan.id,
        sectionId,
        position: await structure.nextActionPosition(trx, plan.id),
        externalId: `added-${randomUUID()}`,
        addedOn,
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
        progress: value.progress ?? null,
        weight: value.weight,
        evidenceLinks: value.evidenceLinks,
        ...(value.impact === undefined ? {} : { impact: value.impact }),
      });
      if (forumIds.length) await forums.replaceActionForums(trx, user.councilId, created.id, forumIds);
      const after = (await repository.findAction(trx, created.id)) as repository.ActionRow;
      return {
        result: actionJson(after),
        audit: { action: "plan.action.added", subjectType: "plan_action", subjectId: after.id, after: { ...actionJson(after), forumIds } },
      };
    });
  }

  /** Moves an action to another section of its plan, from today; its history goes with it. */
  async moveAction(user: Editor, actionId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const { value, problems } = parseMove(body);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const action = await this.mustFindAction(trx, actionId);
      if (action.retired_on)
        problems.push({
          field: "sectionId",
          message: `Action ${action.number} was retired on ${formatDate(action.retired_on)}, so it cannot be moved`,
        });
      else if (!problems.length) {
        const target = await structure.findSection(trx, value.sectionId);
        if (!target || target.plan_id !== action.plan_id) problems.push({ field: "sectionId", message: "Select a section of the same plan" });
        else if (target.id === action.section_id)
          problems.push({ field: "sectionId", message: "Select a different section: the action is already in this one" });
      }
      if (problems.length) throw new InvalidInput(problems);
      await structure.moveAction(trx, {
        councilId: user.councilId,
        actionId: action.id,
        fromSectionId: action.section_id,
        toSectionId: value.sectionId,
        movedOn: this.today(),
        movedBy: user.id,
      });
      const after = (await repository.findAction(trx, action.id)) as repository.ActionRow;
      return {
        result: actionJson(after),
        audit: {
          action: "plan.action.moved",
          subjectType: "plan_action",
          subjectId: action.id,
          before: { sectionId: action.section_id },
          after: { sectionId: after.section_id, movedOn: this.today() },
        },
      };
    });
  }

  /** Retires an action with a reason (SPEC A10): never deleted, it leaves the plan from that date. */
  async retireAction(user: Editor, actionId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const { value, problems } = parseRetirement(body);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const action = await this.mustFindAction(trx, actionId);
      const date = value.date ?? this.today();
      if (action.retired_on)
        problems.push({ field: "reason", message: `Action ${action.number} was already retired on ${formatDate(action.retired_on)}` });
      else if (value.date && date < action.added_on)
        problems.push({
          field: "date-day",
          message: `Date of retirement must be on or after ${formatDate(action.added_on)}, when the action joined the plan`,
        });
      else if (value.date && date > this.today()) problems.push({ field: "date-day", message: "Date of retirement must be today or in the past" });
      if (problems.length) throw new InvalidInput(problems);
      const retired = await structure.retireAction(trx, action.id, value.version, date, value.reason);
      if (!retired) throw new VersionConflict("action");
      const after = (await repository.findAction(trx, action.id)) as repository.ActionRow;
      return {
        result: actionJson(after),
        audit: {
          action: "plan.action.retired",
          subjectType: "plan_action",
          subjectId: action.id,
          before: actionJson(action),
          after: actionJson(after),
        },
      };
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private check(user: Editor, permission: "readPlans" | "editPlans"): void {
    if (!can(user.roles, permission)) throw new NotAllowed(permission === "editPlans" ? "change improvement plans" : "improvement plans");
  }

  private async mustFindPlan(trx: Trx, planId: string) {
    const plan = UUID.test(planId) ? await repository.findPlan(trx, planId) : undefined;
    if (!plan) throw new NotFound("No such plan.");
    if (plan.state === "closed") throw new InvalidInput([{ field: "plan", message: "This plan is closed: its shape can no longer change" }]);
    return plan;
  }

  private async mustFindSection(trx: Trx, sectionId: string) {
    const section = UUID.test(sectionId) ? await structure.findSection(trx, sectionId) : undefined;
    if (!section) throw new NotFound("No such section.");
    return section;
  }

  private async mustFindAction(trx: Trx, actionId: string) {
    const action = UUID.test(actionId) ? await repository.findAction(trx, actionId) : undefined;
    if (!action) throw new NotFound("No such action.");
    return action;
  }

  /** Keeps positions in reading order after a section is added. */
  private async renumber(trx: Trx, planId: string) {
    const sections = (await repository.listSections(trx, [planId])).map((s) => ({ ...s, parentId: s.parent_id }));
    await structure.placeSections(
      trx,
      readingOrder(sections).map((s, position) => ({ id: s.id, parentId: s.parentId, position })),
    );
  }
}
