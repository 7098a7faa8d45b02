// Improvement plans: use cases. Each change is one transaction with one audit row; reads are
// under the council's row-level security; every use case checks the person's role first.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { formatDate, laterOf } from "../../domain/dates.ts";
import type { ImportedSection } from "../../domain/imports/mapping.ts";
import { ActionMatcher, sameWords } from "../../domain/imports/matching.ts";
import { carriedStatus, checkStatusMap, type StatusMap, sameStatuses, suggestStatus } from "../../domain/plans/carry.ts";
import { statusAsAt } from "../../domain/plans/history.ts";
import { planSizeProblem } from "../../domain/plans/limits.ts";
import { findScheme, NOT_YET_RATED, validateCustomScheme } from "../../domain/plans/schemes.ts";
import { parseTimescale } from "../../domain/plans/timescales.ts";
import type { ActionSeed, ActionUpdate, DueDate, ForumSeed, PlanSeed, SectionSeed, StatusScheme } from "../../domain/plans/types.ts";
import { can } from "../../domain/roles.ts";
import { londonToday } from "../../platform/clock.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";

export { NotFound };

import { type Paging, pageOf } from "../../platform/pagination.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import * as commentsRepository from "../comments/comments.repository.ts";
import * as forumsRepository from "./plans.forums.repository.ts";
import { buildPlanSummary, buildPlanView, crossPlanActions, forumView, type LoadedPlan, type PlanFilters } from "./plans.presenter.ts";
import * as repository from "./plans.repository.ts";
import { type ActionEdit, type NewUpdate, parseActionEdit, parseNewUpdate } from "./plans.schemas.ts";
import * as structure from "./plans.structure.repository.ts";

/** Someone else changed the action since the form was opened. */
export class EditConflict extends Error {
  constructor(readonly current: repository.ActionRow) {
    super("Someone else changed this action while you were editing it.");
  }
}

/** Told as an import's actions are saved, a batch at a time: how many so far, of how many. */
export type ActionProgress = (done: number, total: number) => void;

interface SectionTree {
  actions: readonly unknown[];
  sections?: readonly SectionTree[];
}

function countActions(sections: readonly SectionTree[]): number {
  return sections.reduce((sum, s) => sum + s.actions.length + countActions(s.sections ?? []), 0);
}

/** A section's own columns from a plan table (new plans and re-imports alike). */
function sectionFields(section: Pick<SectionSeed, "number" | "title" | "kind" | "aim" | "kpis">) {
  return { number: section.number, title: section.title, kind: section.kind, aim: section.aim ?? null, kpis: section.kpis ?? null };
}

/** An action's own columns from a plan table's row, with its due date already worked out. */
function actionFields(action: ActionSeed, due: DueDate) {
  return {
    number: action.number,
    text: action.text,
    successMeasures: action.successMeasures ?? null,
    leadName: action.leadName ?? null,
    leadRole: action.leadRole ?? null,
    startDate: action.startDate ?? null,
    dueText: due.text,
    duePrecision: due.precision,
    dueDate: due.date,
    externalDependency: action.externalDependency ?? null,
    progress: null,
  };
}

/**
 * New actions, their forum links and updates, written a couple of hundred at a time rather than a
 * statement each: a 1,000-action import makes about fifteen statements, not three thousand. The
 * actions' ids are made here, so their links and updates can name them before they are written.
 * After each write it tells how many actions have been handled.
 */
class ActionBatch {
  private readonly actions: (repository.NewActionRow & { id: string })[] = [];
  private readonly links: { councilId: string; actionId: string; forumId: string }[] = [];
  private readonly updates: repository.NewUpdateRow[] = [];

  constructor(
    private readonly trx: Trx,
    private readonly written: (actionsHandled: number) => void,
  ) {}

  addAction(row: repository.NewActionRow, forumIds: string[]): string {
    const id = randomUUID();
    this.actions.push({ ...row, id });
    for (const forumId of forumIds) this.links.push({ councilId: row.councilId, actionId: id, forumId });
    return id;
  }

  addUpdate(row: repository.NewUpdateRow): void {
    this.updates.push(row);
  }

  get full(): boolean {
    return this.actions.length + this.updates.length >= 200;
  }

  async write(actionsHandled: number): Promise<void> {
    await repository.insertActions(this.trx, this.actions.splice(0));
    await repository.insertActionForumLinks(this.trx, this.links.splice(0));
    await repository.insertUpdates(this.trx, this.updates.splice(0));
    this.written(actionsHandled);
  }
}

/** Ends a dry run's transaction, so nothing it did is kept. */
class DryRunFinished extends Error {}

/** A form's one-time token was already used: its update is saved, so this one is not. */
class DuplicateSubmission extends Error {}

type Reader = Pick<CurrentUser, "id" | "councilId" | "roles"> & { displayName?: string };

export class PlansService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  // ---- reading ----------------------------------------------------------------------------------

  async listPlans(user: Reader, asAt = this.today()) {
    this.check(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plans = await repository.listPlans(trx);
      const loaded = await this.load(trx, plans);
      return loaded.map((plan) => ({ ...plan.plan, summary: buildPlanSummary(plan, asAt) }));
    });
  }

  /**
   * One page of the council's plans with their summaries: only that page's plans are loaded, so
   * a council with a very large plan does not slow its list, nor other councils (issue 12).
   */
  async listPlansPage(user: Reader, asAt: string, paging: Paging) {
    this.check(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const page = pageOf(await repository.listPlans(trx), paging);
      const loaded = await this.load(trx, page.items);
      return { ...page, items: loaded.map((plan) => ({ ...plan.plan, summary: buildPlanSummary(plan, asAt) })) };
    });
  }

  async planView(user: Reader, planId: string, options: { asAt?: string; compareTo?: string } = {}) {
    this.check(user, "readPlans", "improvement plans");
    const plan = await this.loadOne(user, planId);
    return buildPlanView(plan, options.asAt ?? this.today(), options.compareTo);
  }

  /** A plan with everything its as-at views and reports need, by id or external id. */
  async loadPlan(actor: Actor, roles: readonly string[] | "system", planRef: string): Promise<LoadedPlan> {
    if (roles !== "system") this.check({ roles }, "readPlans", "improvement plans");
    return readAs(this.db, actor, async (trx) => {
      const row = isUuid(planRef) ? await repository.findPlan(trx, planRef) : await repository.findPlanByExternalId(trx, planRef);
      if (!row) throw new NotFound(`No plan "${planRef}" in this council.`);
      return (await this.load(trx, [row]))[0] as LoadedPlan;
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
  async actionsAcrossPlans(user: Reader, filters: PlanFilters, asAt = this.today(), paging?: Paging) {
    this.check(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const loaded = await this.load(trx, await repository.listPlans(trx));
      const forums = await repository.listForums(trx);
      const result = crossPlanActions(loaded, filters, asAt);
      const page = pageOf(result.actions, paging ?? { page: 1, pageSize: Math.max(1, result.actions.length) });
      return { ...result, actions: page.items, matching: page.total, page: page.page, pageSize: page.pageSize, forums };
    });
  }

  async forum(user: Reader, forumId: string, asAt = this.today()) {
    this.check(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const forum = await repository.findForum(trx, forumId);
      if (!forum) throw new NotFound("No such forum.");
      const loaded = await this.load(trx, await repository.listPlans(trx));
      return forumView(forum, loaded, asAt);
    });
  }

  async listForums(user: Reader) {
    this.check(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), (trx) => repository.listForums(trx));
  }

  /** An action with its plan (for the action, update and edit pages). */
  async action(user: Reader, actionId: string) {
    this.check(user, "readPlans", "improvement plans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const action = await repository.findAction(trx, actionId);
      if (!action) throw new NotFound("No such action.");
      const plan = (await this.load(trx, [await this.mustFindPlan(trx, action.plan_id)]))[0] as LoadedPlan;
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
  async addUpdate(user: Reader & { displayName: string }, actionId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans", "update improvement plans");
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

  private async appendUpdate(user: Reader & { displayName: string }, actionId: string, body: Record<string, unknown>, submissionId: string | null) {
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      // Two posts at once: the second waits for the first's token, then finds it used.
      if (submissionId && !(await forumsRepository.useSubmission(trx, user.councilId, submissionId))) throw new DuplicateSubmission();
      const action = await repository.findAction(trx, actionId);
      if (!action) throw new NotFound("No such action.");
      const plan = await this.mustFindPlan(trx, action.plan_id);
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
  async editAction(user: Reader, actionId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans", "change improvement plans");
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const before = await repository.findAction(trx, actionId);
      if (!before) throw new NotFound("No such action.");
      const plan = await this.mustFindPlan(trx, before.plan_id);
      const { value, problems } = parseActionEdit(body, plan.approved_on);
      if (before.retired_on)
        problems.push({ field: "text", message: `Action ${before.number} was retired on ${formatDate(before.retired_on)}, so it cannot be changed` });
      if (problems.length) throw new InvalidInput(problems);
      const changed = await repository.updateAction(trx, actionId, value.version, toActionFields(value, before));
      if (!changed) throw new EditConflict(before);
      const after = await repository.findAction(trx, actionId);
      return { result: after, audit: { action: "plan.action.edited", subjectType: "plan_action", subjectId: actionId, before, after } };
    });
  }

  /**
   * Gives a plan its own status scheme (SPEC A4). Every status already used in the plan's history
   * must still exist, so no past rating loses its meaning.
   */
  async setScheme(user: Reader, planId: string, input: unknown) {
    this.check(user, "editPlans", "change improvement plans");
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    const validated = validateCustomScheme(input);
    if (!validated.ok) throw new InvalidInput(validated.problems);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await this.mustFindPlan(trx, planId);
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

  /** What an import into an existing plan needs to know of it. */
  async importTarget(actor: Actor, planId: string) {
    if (!isUuid(planId)) throw new NotFound(`No plan "${planId}" in this council.`);
    return readAs(this.db, actor, async (trx) => {
      const plan = await repository.findPlan(trx, planId);
      if (!plan) throw new NotFound(`No plan "${planId}" in this council.`);
      const forums = (await repository.listForums(trx)).map((f) => ({ code: f.code, name: f.name, meetings: [] }));
      // Numbers the plan itself uses twice in one section (actions carried in from several
      // sections of a closed plan keep their numbers): its own export repeats them too.
      const repeatedNumbers = new Set<string>();
      const seen = new Set<string>();
      for (const action of await repository.listActions(trx, [planId])) {
        const number = action.number.trim().toLowerCase();
        const key = `${action.section_id} ${number}`;
        if (seen.has(key)) repeatedNumbers.add(number);
        seen.add(key);
      }
      return { scheme: plan.status_scheme as StatusScheme, approvedOn: plan.approved_on, forums, repeatedNumbers };
    });
  }

  /**
   * Re-imports a council's table into an existing plan, keyed on the actions' external ids: new
   * actions are added, changed wording is saved, and a status or commentary that differs from
   * the history becomes one new dated update. Nothing is overwritten. A dry run does the same
   * work in a transaction that is then rolled back, so its counts are exactly what would happen.
   */
  async applyImport(
    actor: Actor,
    planId: string,
    sections_: ImportedSection[],
    newForums: ForumSeed[],
    options: { dryRun: boolean; updateDate: string; onAction?: ActionProgress },
  ) {
    const outcome = { created: { sections: 0, actions: 0, updates: 0 }, changed: { actions: 0, updates: 0 } };
    const total = countActions(sections_);
    let handled = 0;
    try {
      await changeAs(this.db, actor, async (trx) => {
        const plan = await this.mustFindPlan(trx, planId);
        const forumIds = new Map<string, string>();
        for (const forum of [...(await repository.listForums(trx)), ...newForums]) {
          const row = await repository.upsertForum(trx, { councilId: actor.councilId, code: forum.code, name: forum.name });
          forumIds.set(forum.code, row.id);
        }
        const known = await repository.listActions(trx, [planId]);
        const sections = await repository.listSections(trx, [planId]);
        const sectionById = new Map(sections.map((s) => [s.id, s]));
        const pathOf = (sectionId: string | null) => {
          const out: { number: string; title: string }[] = [];
          for (let s = sectionId ? sectionById.get(sectionId) : undefined; s; s = s.parent_id ? sectionById.get(s.parent_id) : undefined)
            out.push({ number: s.number, title: s.title });
          return out;
        };
        const actionById = new Map(known.map((a) => [a.id, a]));
        const matcher = new ActionMatcher(
          known.map((a) => ({ id: a.id, externalId: a.external_id, number: a.number, text: a.text, sections: pathOf(a.section_id) })),
        );
        const externalIds = new Set(known.map((a) => a.external_id));
        let position = known.length + sections.length;
        const historyByAction = new Map<string, repository.UpdateRow[]>();
        for (const u of await repository.listUpdates(trx, [planId])) {
          const list = historyByAction.get(u.action_id);
          if (list) list.push(u);
          else historyByAction.set(u.action_id, [u]);
        }
        const batch = new ActionBatch(trx, (written) => options.onAction?.(written, total));

        // A section of the file is found in the plan (same parent and number, else the same number
        // and title anywhere) or made, and only when an action has to be added to it.
        const sectionFinder = (section: ImportedSection, parent: () => Promise<string | null>) => {
          let id: string | undefined;
          return async () => {
            if (id) return id;
            const parentId = await parent();
            const same = sections.filter((s) => s.number === section.number && sameWords(s.title, section.title));
            const found = sections.find((s) => s.parent_id === parentId && s.number === section.number) ?? (same.length === 1 ? same[0] : undefined);
            if (found) id = found.id;
            else {
              const row = await repository.insertSection(trx, {
                councilId: actor.councilId,
                planId,
                parentId,
                position: position++,
                ...sectionFields(section),
              });
              sections.push({
                ...row,
                plan_id: planId,
                parent_id: parentId,
                number: section.number,
                title: section.title,
              } as (typeof sections)[number]);
              id = row.id;
              outcome.created.sections++;
            }
            return id;
          };
        };

        const visit = async (section: ImportedSection, parent: () => Promise<string | null>) => {
          const sectionId = sectionFinder(section, parent);
          for (const imported of section.actions) {
            const fields = actionFields(imported, imported.due);
            const matched = matcher.match({
              externalId: imported.externalId,
              number: imported.number,
              text: imported.text,
              section: { number: section.number, title: section.title },
              path: imported.path,
            });
            const current = matched ? actionById.get(matched.id) : undefined;
            let actionId: string;
            if (current) {
              actionId = current.id;
              // What the file does not give (no timescale, no success measures, no lead) stays as it is.
              const dueText = imported.timescale === "" ? current.due_text : fields.dueText;
              const same =
                sameWords(current.number, fields.number) &&
                sameWords(current.text, fields.text) &&
                (fields.successMeasures === null || sameWords(current.success_measures, fields.successMeasures)) &&
                (fields.leadRole === null || sameWords(current.lead_role ?? current.lead_name, fields.leadRole)) &&
                sameWords(current.due_text, dueText);
              if (!same) {
                const keepDue = imported.timescale === "";
                await repository.updateAction(trx, current.id, current.version, {
                  ...fields,
                  successMeasures: fields.successMeasures ?? current.success_measures,
                  ...(keepDue ? { dueText: current.due_text, duePrecision: current.due_precision, dueDate: current.due_date } : {}),
                  leadName: current.lead_name,
                  leadRole: fields.leadRole ?? current.lead_role,
                  startDate: current.start_date,
                  externalDependency: current.external_dependency,
                  progress: current.progress,
                });
                outcome.changed.actions++;
              }
            } else {
              let externalId = imported.externalId;
              for (let n = 2; externalIds.has(externalId); n++) externalId = `${imported.externalId} (${n})`;
              externalIds.add(externalId);
              actionId = batch.addAction(
                {
                  ...fields,
                  councilId: actor.councilId,
                  planId,
                  sectionId: await sectionId(),
                  position: position++,
                  externalId,
                  addedOn: laterOf(options.updateDate, plan.approved_on),
                },
                imported.forums.map((code) => forumIds.get(code)).filter((f): f is string => !!f),
              );
              outcome.created.actions++;
            }
            // Only the file's latest word on the action is compared with the history.
            const latest = imported.updates.at(-1);
            if (latest) {
              const earlier = (historyByAction.get(actionId) ?? []).map((u) => ({
                date: u.update_date,
                status: u.status,
                commentary: u.commentary,
                sequence: u.sequence,
              }));
              const before = statusAsAt(earlier, latest.date);
              const sameCommentary = latest.commentary === "" || sameWords(before?.commentary, latest.commentary);
              if (!before || before.status !== latest.status || !sameCommentary) {
                batch.addUpdate({
                  councilId: actor.councilId,
                  actionId,
                  date: latest.date,
                  // After any update already on that day: the file's word is the latest.
                  sequence: Math.max(-1, ...earlier.filter((u) => u.date === latest.date).map((u) => u.sequence)) + 1,
                  status: latest.status,
                  commentary: latest.commentary || "Status as given in the imported file.",
                  progress: latest.progress ?? null,
                  authorUserId: actor.userId,
                  authorName: null,
                });
                if (current) outcome.changed.updates++;
                else outcome.created.updates++;
              }
            }
            handled++;
            if (batch.full) await batch.write(handled);
          }
          for (const child of section.sections ?? []) await visit(child, sectionId);
        };
        for (const section of sections_) await visit(section, async () => null);
        // The plan's actions with the file's new ones (issue 12): too many, and the transaction is
        // rolled back, so nothing is saved, in the check and the import alike.
        const tooBig = planSizeProblem(known.length + outcome.created.actions);
        if (tooBig) throw new InvalidInput([{ field: "actions", message: tooBig }]);
        await batch.write(handled);
        if (options.dryRun) throw new DryRunFinished();
        return { result: outcome, audit: { action: "plan.imported", subjectType: "plan", subjectId: planId, after: outcome } };
      });
    } catch (error) {
      if (!(error instanceof DryRunFinished)) throw error;
    }
    return outcome;
  }

  /** Creates a whole plan from a council's table (the demo plans, and imports into a new plan). */
  async createPlanFromSeed(actor: Actor, seed: PlanSeed, options: { onAction?: ActionProgress; scheme?: StatusScheme } = {}) {
    const total = countActions(seed.sections);
    const tooBig = planSizeProblem(total);
    if (tooBig) throw new InvalidInput([{ field: "actions", message: tooBig }]);
    // The plan's own scheme (made from an imported file's statuses), checked as any custom scheme is.
    let own: StatusScheme | undefined;
    if (options.scheme) {
      const validated = validateCustomScheme(options.scheme);
      if (!validated.ok) throw new InvalidInput(validated.problems);
      own = validated.scheme;
    }
    const scheme = own ?? findScheme(seed.scheme);
    if (!scheme) throw new InvalidInput([{ field: "scheme", message: `Unknown status scheme "${seed.scheme}"` }]);
    return changeAs(this.db, actor, async (trx) => {
      const forumIds = new Map<string, string>();
      for (const forum of seed.forums) {
        const row = await repository.upsertForum(trx, { councilId: actor.councilId, code: forum.code, name: forum.name });
        await repository.insertMeetings(trx, actor.councilId, row.id, forum.meetings);
        forumIds.set(forum.code, row.id);
      }
      const plan = await repository.insertPlan(trx, {
        councilId: actor.councilId,
        externalId: seed.externalId,
        title: seed.title,
        type: seed.type,
        sourceTitle: seed.source.title,
        sourceDate: seed.source.date,
        sourceUrl: seed.source.url ?? null,
        owner: seed.owner,
        statusScheme: scheme,
        cadence: seed.cadence,
        approvedOn: seed.approvedOn,
      });
      const counts = { sections: 0, actions: 0, updates: 0 };
      const batch = new ActionBatch(trx, (written) => options.onAction?.(written, total));
      let position = 0;
      const addSection = async (section: SectionSeed, parentId: string | null) => {
        const { id } = await repository.insertSection(trx, {
          councilId: actor.councilId,
          planId: plan.id,
          parentId,
          position: position++,
          ...sectionFields(section),
        });
        counts.sections++;
        for (const action of section.actions) {
          // A timescale the council wrote that is not a date ("Quarterly report from September")
          // is kept as written and treated as to be confirmed: never a guess presented as a date.
          const parsed = parseTimescale(action.timescale, { planStart: seed.approvedOn });
          const due = parsed.ok ? parsed : { due: { precision: "tbc" as const, date: null, text: action.timescale } };
          const actionId = batch.addAction(
            {
              councilId: actor.councilId,
              planId: plan.id,
              sectionId: id,
              position: position++,
              externalId: action.externalId,
              addedOn: seed.approvedOn,
              ...actionFields(action, due.due),
            },
            action.forums.map((code) => forumIds.get(code)).filter((f): f is string => !!f),
          );
          counts.actions++;
          for (const [index, update] of action.updates.entries()) {
            batch.addUpdate({
              councilId: actor.councilId,
              actionId,
              date: update.date,
              sequence: update.sequence ?? index,
              status: update.status,
              commentary: update.commentary,
              progress: update.progress ?? null,
              authorUserId: null,
              authorName: update.author ?? null,
            });
            counts.updates++;
          }
          if (batch.full) await batch.write(counts.actions);
        }
        for (const child of section.sections ?? []) await addSection(child, id);
      };
      for (const section of seed.sections) await addSection(section, null);
      await batch.write(counts.actions);
      return {
        result: { id: plan.id, ...counts },
        audit: {
          action: "plan.created",
          subjectType: "plan",
          subjectId: plan.id,
          after: { externalId: seed.externalId, title: seed.title, ...counts },
        },
      };
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private check(user: { roles: readonly string[] }, permission: "readPlans" | "editPlans", what: string): void {
    if (!can(user.roles, permission)) throw new NotAllowed(what);
  }

  private async mustFindPlan(trx: Trx, planId: string) {
    const plan = await repository.findPlan(trx, planId);
    if (!plan) throw new NotFound("No such plan.");
    return plan;
  }

  private async loadOne(user: Reader, planId: string): Promise<LoadedPlan> {
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    return readAs(
      this.db,
      actorOf(user as CurrentUser),
      async (trx) => (await this.load(trx, [await this.mustFindPlan(trx, planId)]))[0] as LoadedPlan,
    );
  }

  /** Everything the as-at views need, in a few queries for any number of plans. */
  private async load(trx: Trx, plans: Awaited<ReturnType<typeof repository.listPlans>>): Promise<LoadedPlan[]> {
    const ids = plans.map((p) => p.id);
    const [sections, actions, links, updates, forums, meetings, moves, decisions, partnerComments] = await Promise.all([
      repository.listSections(trx, ids),
      repository.listActions(trx, ids),
      repository.listActionForums(trx, ids),
      repository.listUpdates(trx, ids),
      repository.listForums(trx),
      repository.listMeetings(trx),
      structure.listMoves(trx, ids),
      forumsRepository.listDecisions(trx, ids),
      commentsRepository.listApprovedForPlans(trx, ids),
    ]);
    const partnerCommentsByAction = groupBy(
      partnerComments,
      (c) => c.action_id,
      (c) => ({ author: c.author_name, organisation: c.organisation, comment: c.body, date: londonToday(new Date(c.created_at)) }),
    );
    const decisionsByAction = groupBy(
      decisions,
      (d) => d.action_id,
      (d) => ({ forumId: d.forum_id, forumName: d.forum_name, meetingDate: d.meeting_date, decision: d.decision }),
    );
    const movesByAction = groupBy(
      moves,
      (m) => m.action_id,
      (m) => ({ fromSectionId: m.from_section_id, toSectionId: m.to_section_id, movedOn: m.moved_on }),
    );
    const forumsByAction = groupBy(
      links,
      (l) => l.action_id,
      (l) => l.forum_id,
    );
    const updatesByAction = groupBy(updates, (u) => u.action_id, toDomainUpdate);
    const meetingsByForum = groupBy(
      meetings,
      (m) => m.forum_id,
      (m) => m.meeting_date,
    );
    const forumById = new Map(forums.map((f) => [f.id, f]));
    return plans.map((plan) => ({
      plan: { ...plan, scheme: plan.status_scheme as StatusScheme },
      sections: sections.filter((s) => s.plan_id === plan.id),
      actions: actions.filter((a) => a.plan_id === plan.id),
      forumsByAction,
      updatesByAction,
      meetingsByForum,
      forumById,
      movesByAction,
      decisionsByAction,
      partnerCommentsByAction,
    }));
  }

  // ---- imports: the mapping confirmed for each plan (SPEC A11) ---------------------------------

  /** The mapping last confirmed for imports into this plan, if any. */
  async importMapping(actor: Actor, planId: string): Promise<unknown> {
    if (!isUuid(planId)) return undefined;
    return readAs(this.db, actor, async (trx) => (await repository.findImportMapping(trx, planId))?.mapping ?? undefined);
  }

  async saveImportMapping(actor: Actor, planId: string, mapping: unknown) {
    return changeAs(this.db, actor, async (trx) => {
      await this.mustFindPlan(trx, planId);
      const before = (await repository.findImportMapping(trx, planId))?.mapping;
      await repository.upsertImportMapping(trx, { councilId: actor.councilId, planId, mapping });
      return { result: undefined, audit: { action: "plan.import.mapping-saved", subjectType: "plan", subjectId: planId, before, after: mapping } };
    });
  }

  // ---- closure and carry-forward (SPEC A12) -----------------------------------------------------

  /** The plan's actions not complete today, and the active plans they could be carried into. */
  async closureCandidates(user: Reader, planId: string) {
    this.check(user, "editPlans", "close improvement plans");
    const loaded = await this.loadOne(user, planId);
    const today = this.today();
    const open = openActionsOf(loaded, today).map((a) => ({
      id: a.id,
      number: a.number,
      text: a.text,
      lead: a.lead_name ?? a.lead_role ?? "",
      due: a.due_text,
      status: statusAsAt(loaded.updatesByAction.get(a.id) ?? [], today)?.status,
    }));
    const targets = (await this.listPlansAs(actorOf(user as CurrentUser))).filter((p) => p.id !== planId && p.state === "active");
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
    user: Reader,
    planId: string,
    dispositions: ClosureDisposition[],
    statusMaps: Record<string, StatusMap> = {},
    options: { on?: string } = {},
  ) {
    this.check(user, "editPlans", "close improvement plans");
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    // The demo closes Southend's plan on the date of its closing table (June 2023); people close today.
    const today = options.on ?? this.today();
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const plan = await this.mustFindPlan(trx, planId);
      if (plan.state === "closed") throw new InvalidInput([{ field: "plan", message: "This plan is already closed" }]);
      const loaded = (await this.load(trx, [plan]))[0] as LoadedPlan;
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
  async closure(user: Reader, planId: string) {
    this.check(user, "readPlans", "improvement plans");
    const loaded = await this.loadOne(user, planId);
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

  // ---- meeting packs (SPEC A9) --------------------------------------------------------------------

  /** A forum (by id or code) and the plans for its meeting pack: the council's, or the one named. */
  async loadForumPlans(actor: Actor, roles: readonly string[] | "system", forumRef: string, planRef?: string) {
    if (roles !== "system") this.check({ roles }, "readPlans", "improvement plans");
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
      return { forum, plans: await this.load(trx, plans), meetings };
    });
  }
}

export type DomainUpdate = ActionUpdate & { id: string; correctsUpdateId: string | null; createdAt?: Date };

function toDomainUpdate(row: repository.UpdateRow): DomainUpdate {
  return {
    id: row.id,
    date: row.update_date,
    status: row.status,
    commentary: row.commentary,
    sequence: row.sequence,
    ...(row.progress === null ? {} : { progress: row.progress }),
    ...(row.author_name ? { author: row.author_name } : {}),
    correctsUpdateId: row.corrects_update_id,
  };
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

function groupBy<T, V>(items: readonly T[], key: (item: T) => string, value: (item: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(value(item));
    else groups.set(k, [value(item)]);
  }
  return groups;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export const CLOSURE_DISPOSITIONS = ["completed", "business-as-usual", "carried", "owner"] as const;

export interface ClosureDisposition {
  actionId: string;
  disposition: (typeof CLOSURE_DISPOSITIONS)[number];
  targetPlanId?: string;
  owner?: string;
  note?: string;
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
