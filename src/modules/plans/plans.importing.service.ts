// Plans from councils' own tables (SPEC A11): a whole plan made from a table (the demo plans, and
// an import into a new plan), a re-import into an existing plan (new actions added, changed wording
// saved, a different status or commentary as one new dated update; a dry run rolled back), and the
// column mapping confirmed for each plan.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { laterOf } from "../../domain/dates.ts";
import type { ImportedSection } from "../../domain/imports/mapping.ts";
import { ActionMatcher, sameWords } from "../../domain/imports/matching.ts";
import { statusAsAt } from "../../domain/plans/history.ts";
import { planSizeProblem } from "../../domain/plans/limits.ts";
import { findScheme, validateCustomScheme } from "../../domain/plans/schemes.ts";
import { parseTimescale } from "../../domain/plans/timescales.ts";
import type { ActionSeed, DueDate, ForumSeed, PlanSeed, SectionSeed, StatusScheme } from "../../domain/plans/types.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { isUuid, mustFindPlan } from "./plans.loader.ts";
import * as repository from "./plans.repository.ts";

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

export class PlanImportingService {
  constructor(private readonly db: Kysely<DB>) {}

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
        const plan = await mustFindPlan(trx, planId);
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

  /** The mapping last confirmed for imports into this plan, if any. */
  async importMapping(actor: Actor, planId: string): Promise<unknown> {
    if (!isUuid(planId)) return undefined;
    return readAs(this.db, actor, async (trx) => (await repository.findImportMapping(trx, planId))?.mapping ?? undefined);
  }

  async saveImportMapping(actor: Actor, planId: string, mapping: unknown) {
    return changeAs(this.db, actor, async (trx) => {
      await mustFindPlan(trx, planId);
      const before = (await repository.findImportMapping(trx, planId))?.mapping;
      await repository.upsertImportMapping(trx, { councilId: actor.councilId, planId, mapping });
      return { result: undefined, audit: { action: "plan.import.mapping-saved", subjectType: "plan", subjectId: planId, before, after: mapping } };
    });
  }
}
