// Closure, the seed 001 way (issue 13 part 8; SPEC A12): a closed plan's actions grouped under
// their dispositions, as Southend's in-depth scrutiny final report (June 2023) set out the LGA peer
// review plan: completed, business as usual, carried into another plan (there, the Area SEND
// Strategic Action Plan) and actions still to be undertaken by the council; with a narrative under
// each group. Shown as a page and drawn in Word and Excel by the report renderers.
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import * as plansRepository from "../plans/plans.repository.ts";
import { isUuid, type PlansService } from "../plans/plans.service.ts";
import type { ReportDocument } from "../reports/render/document.ts";
import * as repository from "./closure.repository.ts";

type Reader = Pick<CurrentUser, "id" | "councilId" | "roles">;

/** The groups, in the order of seed 001's closing table; retired actions come last. */
export const CLOSURE_GROUPS = ["completed", "business-as-usual", "carried", "owner", "retired"] as const;
export type ClosureGroupCode = (typeof CLOSURE_GROUPS)[number];
export const NARRATIVE_MAX = 5000;

type ClosureRow = Awaited<ReturnType<PlansService["closure"]>>["rows"][number];

export interface ClosureGroup {
  code: ClosureGroupCode;
  title: string;
  narrative: string;
  rows: ClosureRow[];
}

/** The headings; a carried group names the plan the actions went into when there is one. */
export function groupTitle(code: ClosureGroupCode, carriedInto: string[]): string {
  switch (code) {
    case "completed":
      return "Completed actions";
    case "business-as-usual":
      return "Business as usual (BAU): ongoing work";
    case "carried":
      return carriedInto.length === 1 ? `Actions carried into the ${carriedInto[0]}` : "Actions carried into other plans";
    case "owner":
      return "Actions to be undertaken by the council";
    case "retired":
      return "Actions retired before the plan closed";
  }
}

const DEFAULT_NARRATIVES: Record<ClosureGroupCode, string> = {
  completed: "These actions have been completed.",
  "business-as-usual": "These actions are now business as usual: the service's existing performance monitoring oversees them.",
  carried: "These actions are taken forward in another plan, whose updates and reports oversee them from now on.",
  owner: "These outstanding actions are still to be undertaken by the council, by the owner named.",
  retired: "These actions left the plan before it closed, for the reasons given.",
};

/** Pure: the closure rows grouped, with each group's narrative (the lead's, or a plain default). */
export function closureGroups(rows: ClosureRow[], narratives: Map<string, string>, planTitles: Map<string, string>): ClosureGroup[] {
  return CLOSURE_GROUPS.map((code) => {
    const inGroup = rows.filter((r) => r.disposition === code);
    const carriedInto = [...new Set(inGroup.flatMap((r) => (r.carriedToPlanId ? [planTitles.get(r.carriedToPlanId) ?? "another plan"] : [])))];
    return { code, title: groupTitle(code, carriedInto), narrative: narratives.get(code) ?? DEFAULT_NARRATIVES[code], rows: inGroup };
  }).filter((g) => g.rows.length > 0);
}

export class ClosureService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly plans: PlansService,
  ) {}

  /** The closure table of a plan, grouped; refused while the plan is open. */
  async closureTable(user: Reader, planId: string) {
    if (!can(user.roles, "readPlans")) throw new NotAllowed("improvement plans");
    const closure = await this.plans.closure(user, planId);
    const { narratives, titles } = await readAs(this.db, actorOf(user), async (trx) => ({
      narratives: new Map((await repository.listNarratives(trx, planId)).map((n) => [n.disposition, n.narrative])),
      titles: new Map((await plansRepository.listPlans(trx)).map((p) => [p.id, p.title])),
    }));
    const closedOn = closure.rows.map((r) => r.decidedOn).find(Boolean) ?? null;
    return {
      plan: closure.plan,
      closed: closure.plan.state === "closed",
      closedOn,
      closedOnText: closedOn ? formatDate(closedOn) : null,
      groups: closure.plan.state === "closed" ? closureGroups(closure.rows, narratives, titles) : [],
    };
  }

  /** The lead's narrative under each group: one audited change. */
  async saveNarratives(user: Reader, planId: string, body: Record<string, unknown>) {
    if (!can(user.roles, "editPlans")) throw new NotAllowed("change the closure table");
    if (!isUuid(planId)) throw new NotFound("No such plan.");
    const table = await this.closureTable(user, planId);
    if (!table.closed) throw new InvalidInput([{ field: "plan", message: "This plan is still open: close it first" }]);
    const problems: FieldProblem[] = [];
    const wanted = new Map<string, string>();
    for (const key of Object.keys(body)) {
      if (key === "_csrf") continue;
      const code = key.replace(/^narrative-/, "");
      if (!key.startsWith("narrative-") || !table.groups.some((g) => g.code === code)) {
        problems.push({
          field: "main-content",
          message: `The form sent a field it does not have: ${key.slice(0, 40)}. Reload the page and enter it again`,
        });
        continue;
      }
      const value = typeof body[key] === "string" ? (body[key] as string).replace(/\r\n/g, "\n").trim() : "";
      if (!value) problems.push({ field: key, message: "Enter the narrative for this group, or reload the page to keep the one it had" });
      else if (value.length > NARRATIVE_MAX)
        problems.push({ field: key, message: `Narrative must be ${NARRATIVE_MAX.toLocaleString("en-GB")} characters or fewer` });
      else wanted.set(code, value);
    }
    if (problems.length) throw new InvalidInput(problems);
    const before = Object.fromEntries(table.groups.map((g) => [g.code, g.narrative]));
    await changeAs(this.db, actorOf(user), async (trx) => {
      for (const [disposition, narrative] of wanted)
        await repository.saveNarrative(trx, { councilId: user.councilId, planId, disposition, narrative });
      return {
        result: undefined,
        audit: { action: "plan.closure.narratives-changed", subjectType: "plan", subjectId: planId, before, after: Object.fromEntries(wanted) },
      };
    });
  }

  /** The grouped closure table as the report renderers draw it (Word, Excel). */
  async closureDocument(user: Reader, planId: string): Promise<{ document: ReportDocument; filename: string }> {
    const table = await this.closureTable(user, planId);
    if (!table.closed) throw new NotFound("This plan is still open: it has no closure table yet.");
    return { document: closureDocument(table), filename: `${(table.plan.external_id || table.plan.id).replace(/[^A-Za-z0-9._-]+/g, "-")}-closure` };
  }
}

/** Pure: one heading, narrative and table per group. */
export function closureDocument(table: Awaited<ReturnType<ClosureService["closureTable"]>>): ReportDocument {
  return {
    title: `${table.plan.title}: how each action closed`,
    asAtLine: table.closedOnText ? `Closed on ${table.closedOnText}` : "Closed",
    blocks: table.groups.flatMap((group) => [
      { type: "heading" as const, text: group.title },
      { type: "paragraph" as const, text: group.narrative },
      {
        type: "table" as const,
        table: {
          title: group.title,
          columns: [
            { header: "No.", width: 1 },
            { header: "Action", width: 8 },
            { header: "Position at closure", width: 8 },
          ],
          rows: group.rows.map((r) => [{ text: r.number }, { text: r.text }, { text: r.note ? `${r.position}. ${r.note}` : r.position }]),
          primary: group.code === "completed",
        },
      },
    ]),
  };
}

function actorOf(user: Reader): Actor {
  return { councilId: user.councilId, userId: user.id };
}
