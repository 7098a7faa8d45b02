// Closing a plan and carrying its open actions forward (SPEC A12): the actions still open and the
// plans they could go into, the closure itself (each open action's disposition, carried actions
// made in the other plan with their history), and the closing table, seed 001's way.
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { carriedStatus, checkStatusMap, type StatusMap, sameStatuses, suggestStatus } from "../../domain/plans/carry.ts";
import { statusAsAt } from "../../domain/plans/history.ts";
import { planSizeProblem } from "../../domain/plans/limits.ts";
import { NOT_YET_RATED } from "../../domain/plans/schemes.ts";
import type { StatusScheme } from "../../domain/plans/types.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import { checkRole, isUuid, loadOnePlan, loadPlans, mustFindPlan, type PlanReader } from "./plans.loader.ts";
import type { LoadedPlan } from "./plans.presenter.ts";
import * as repository from "./plans.repository.ts";

export const CLOSURE_DISPOSITIONS = ["completed", "business-as-usual", "carried", "owner"] as const;

export interface ClosureDisposition {
  actionId: string;
  disposition: (typeof CLOSURE_DISPOSITIONS)[number];
  targetPlanId?: string;
  owner?: string;
  note?: string;
}

export class PlanClosingService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  /** The plan's actions not complete today, and the active plans they could be carried into. */
  async closureCandidates(user: PlanReader, planId: string) {
    checkRole(user, "editPlans", "close improvement plans");
    const loaded = await loadOnePlan(this.db, user, planId);
    const today = this.today();
    const open = openActionsOf(loaded, today).map((a) => ({
      id: a.id,
      number: a.number,
      text: a.text,
      lead: a.lead_name ?? a.lead_role ?? "",
      due: a.due_text,
      status: statusAsAt(loaded.updatesByAction.get(a.id) ?? [], today)?.status,
    }));
    const targets = (await readAs(this.db, actorOf(user as CurrentUser), (trx) => repository.listPlans(trx))).filter(
      (p) => p.id !== planId && p.state === "active",
    );
    // Into a plan with another scheme, each status the open actions' histories use is asked about (issue 11).
    const from = loaded.plan.scheme;
    const used = usedStatuses(
      loaded,
      open.map((a) => a.id),
    );
    const schemes = await readAs(this.db, actorOf(user as CurrentUser), async (trx) =>
      Promise.all(targets.map(async (t) => ((await repository.findPlan(trx, t.id))?.status_scheme ?? undefined) as StatusScheme | undefined)),
    );
    return {
      plan: loaded.plan,
      open,
      targets: targets.map((p, i) => {
        const to = schemes[i];
        const asks = to && !sameStatuses(from, to);
        return {
          id: p.id,
          title: p.title,
          ...(to && asks
            ? {
                scheme: { code: to.code, name: to.name, statuses: to.statuses.map((s) => ({ code: s.code, label: s.label })) },
                statusQuestions: used.map((code) => {
                  const status = from.statuses.find((s) => s.code === code);
                  return { code, label: status?.label ?? code, suggested: status ? (suggestStatus(status, to)?.code ?? null) : null };
                }),
              }
            : {}),
        };
      }),
    };
  }

  /**
   * Closes a plan (SPEC A12): every open action needs a disposition (completed, business as usual,
   * carried into another active plan, or still to be done by a named owner); a completed action may
   * be given one too. A carried action is created in the other plan with its history of updates
   * and linked back. Into a plan with another status scheme, `statusMaps` (by target plan) says
   * what each status used becomes there; without it nothing is saved. One transaction, one audit row.
   */
  async closePlan(
    user: PlanReader,
    planId: string,
    dispositions: ClosureDisposition[],
    statusMaps: Record<string, StatusMap> = {},
    options: { on?: string } = {},
  ) {
    checkRole(user, "editPlans", "close improvement plans");
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    // The demo closes Southend's plan on the date of its closing table (June 2023); people close today.
    const today = options.on ?? this.today();
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await mustFindPlan(trx, planId);
      if (plan.state === "closed") throw new InvalidInput([{ field: "plan", message: "This plan is already closed" }]);
      const loaded = (await loadPlans(trx, [plan]))[0] as LoadedPlan;
      const byAction = new Map(dispositions.map((d) => [d.actionId, d]));
      // Every open action needs a disposition; a completed one may be given one too (seed 001 lists
      // completed work that carries on as business as usual under that heading).
      const openIds = new Set(openActionsOf(loaded, today).map((a) => a.id));
      const open = loaded.actions.filter((a) => !a.retired_on && (openIds.has(a.id) || byAction.has(a.id)));
      const problems: { field: string; message: string }[] = [];
      for (const action of open) {
        const d = byAction.get(action.id);
        const field = `disposition-${action.id}`;
        if (!d || !CLOSURE_DISPOSITIONS.includes(d.disposition)) {
          problems.push({ field, message: `Choose what happens to action ${action.number}` });
        } else if (d.disposition === "carried") {
          const target = d.targetPlanId && isUuid(d.targetPlanId) ? await repository.findPlan(trx, d.targetPlanId) : undefined;
          if (!target || target.id === planId || target.state !== "active")
            problems.push({ field: `target-${action.id}`, message: `Choose the plan action ${action.number} is carried into` });
        } else if (d.disposition === "owner" && !d.owner?.trim()) {
          problems.push({ field: `owner-${action.id}`, message: `Enter who will still do action ${action.number}` });
        }
      }
      const carrying = new Map<string, number>();
      for (const action of open) {
        const d = byAction.get(action.id);
        if (d?.disposition === "carried" && d.targetPlanId && isUuid(d.targetPlanId))
          carrying.set(d.targetPlanId, (carrying.get(d.targetPlanId) ?? 0) + 1);
      }
      const maps = new Map<string, StatusMap | undefined>();
      for (const [targetId, carried] of carrying) {
        const tooBig = planSizeProblem((await repository.listActions(trx, [targetId])).length + carried);
        if (tooBig) problems.push({ field: "plan", message: tooBig.replace("This plan", "The plan they are carried into") });
        const target = await repository.findPlan(trx, targetId);
        const to = target?.status_scheme as StatusScheme | undefined;
        if (!target || !to || sameStatuses(loaded.plan.scheme, to)) continue;
        const map = statusMaps[targetId];
        const into = open.filter((a) => byAction.get(a.id)?.disposition === "carried" && byAction.get(a.id)?.targetPlanId === targetId);
        for (const p of checkStatusMap(
          loaded.plan.scheme,
          to,
          usedStatuses(
            loaded,
            into.map((a) => a.id),
          ),
          map,
        ))
          problems.push({ field: `statusMap-${targetId}-${p.code}`, message: `${p.message} in ${target.title}` });
        maps.set(targetId, map);
      }
      if (problems.length) throw new InvalidInput(problems);

      const carriedSections = new Map<string, string>();
      const outcome = { closed: planId, dispositions: 0, carried: 0 };
      for (const action of open) {
        const d = byAction.get(action.id) as ClosureDisposition;
        let carriedActionId: string | null = null;
        if (d.disposition === "carried" && d.targetPlanId) {
          const targetId = d.targetPlanId;
          let sectionId = carriedSections.get(targetId);
          if (!sectionId) {
            const existing = (await repository.listSections(trx, [targetId])).find((s) => s.title === `Carried forward from ${plan.title}`);
            const position = (await repository.listSections(trx, [targetId])).length + (await repository.listActions(trx, [targetId])).length;
            sectionId =
              existing?.id ??
              (
                await repository.insertSection(trx, {
                  councilId: user.councilId,
                  planId: targetId,
                  parentId: null,
                  position,
                  number: `C${position + 1}`,
                  title: `Carried forward from ${plan.title}`,
                  kind: "theme",
                  aim: null,
                  kpis: null,
                })
              ).id;
            carriedSections.set(targetId, sectionId);
          }
          const position = (await repository.listActions(trx, [targetId])).length + 1000;
          const created = await repository.insertAction(trx, {
            councilId: user.councilId,
            planId: targetId,
            sectionId,
            position,
            externalId: `carried-${plan.external_id}-${action.external_id}`.slice(0, 200),
            addedOn: today,
            number: action.number,
            text: action.text,
            successMeasures: action.success_measures,
            leadName: action.lead_name,
            leadRole: action.lead_role,
            startDate: action.start_date,
            dueText: action.due_text,
            duePrecision: action.due_precision,
            dueDate: action.due_date,
            externalDependency: action.external_dependency,
            progress: action.progress,
          });
          carriedActionId = created.id;
          await repository.linkActionForums(trx, user.councilId, created.id, loaded.forumsByAction.get(action.id) ?? []);
          for (const update of await repository.listUpdatesForAction(trx, action.id)) {
            await repository.insertUpdate(trx, {
              councilId: user.councilId,
              actionId: created.id,
              date: update.update_date,
              sequence: update.sequence,
              status: carriedStatus(update.status, maps.get(targetId)),
              commentary: update.commentary,
              progress: update.progress,
              authorUserId: null,
              authorName: update.author_name,
            });
          }
          outcome.carried++;
        }
        await repository.insertClosureDisposition(trx, {
          councilId: user.councilId,
          actionId: action.id,
          disposition: d.disposition,
          carriedToPlanId: d.disposition === "carried" ? (d.targetPlanId ?? null) : null,
          carriedActionId,
          owner: d.disposition === "owner" ? (d.owner?.trim() ?? null) : null,
          note: d.note?.trim() ?? "",
          decidedOn: today,
        });
        outcome.dispositions++;
      }
      await repository.closePlanRow(trx, planId);
      return {
        result: outcome,
        audit: {
          action: "plan.closed",
          subjectType: "plan",
          subjectId: planId,
          before: { state: plan.state },
          after: { ...outcome, dispositions, ...(maps.size ? { statusMaps: Object.fromEntries(maps) } : {}) },
        },
      };
    });
  }

  /** The closing table of Southend's in-depth scrutiny final report (June 2023): each action and where it went when the plan closed. */
  async closure(user: PlanReader, planId: string) {
    checkRole(user, "readPlans", "improvement plans");
    const loaded = await loadOnePlan(this.db, user, planId);
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const decided = new Map((await repository.listClosureDispositions(trx, planId)).map((d) => [d.action_id, d]));
      const plans = new Map((await repository.listPlans(trx)).map((p) => [p.id, p.title]));
      const rows = loaded.actions.map((a) => {
        const d = decided.get(a.id);
        const section = loaded.sections.find((s) => s.id === a.section_id);
        let position: string;
        if (!d && a.retired_on) position = `Retired on ${formatDate(a.retired_on)}: ${a.retired_reason ?? ""}`;
        else if (!d) position = "Completed";
        else if (d.disposition === "completed") position = "Completed";
        else if (d.disposition === "business-as-usual") position = "Business as usual";
        else if (d.disposition === "carried") position = `Carried into ${plans.get(d.carried_to_plan_id ?? "") ?? "another plan"}`;
        else position = `Still to be done by ${d.owner ?? "a named owner"}`;
        return {
          actionId: a.id,
          number: a.number,
          section: section ? `${section.number} ${section.title}` : "",
          text: a.text,
          disposition: d?.disposition ?? (a.retired_on ? "retired" : "completed"),
          position,
          carriedToPlanId: d?.carried_to_plan_id ?? null,
          carriedActionId: d?.carried_action_id ?? null,
          note: d?.note ?? "",
          decidedOn: d?.decided_on ?? null,
        };
      });
      return { plan: loaded.plan, rows };
    });
  }
}

/** The status codes the actions' histories use, in the scheme's order (then any the scheme lacks). */
function usedStatuses(loaded: LoadedPlan, actionIds: readonly string[]): string[] {
  const used = new Set(actionIds.flatMap((id) => (loaded.updatesByAction.get(id) ?? []).map((u) => u.status)));
  used.delete(NOT_YET_RATED);
  const order = loaded.plan.scheme.statuses.map((s) => s.code);
  return [...order.filter((c) => used.has(c)), ...[...used].filter((c) => !order.includes(c))];
}

/** Actions whose latest status as at the date is not a complete one of the plan's scheme. */
function openActionsOf(loaded: LoadedPlan, asAt: string) {
  return loaded.actions.filter((a) => {
    if (a.retired_on) return false;
    const latest = statusAsAt(loaded.updatesByAction.get(a.id) ?? [], asAt);
    return !loaded.plan.scheme.statuses.find((s) => s.code === latest?.status)?.complete;
  });
}
