// Forums and their meetings (issue 13, SPEC A9): create and change a forum (board, committee or
// operational group, its members' roles, its cycle), set its meeting dates, give each action its
// forums, and record what a meeting decided about the actions it discussed. Decisions are
// append-only: they become part of the action's history and of the forum's next meeting pack.
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { inPlanAsAt } from "../../domain/plans/structure.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import * as forums from "./plans.forums.repository.ts";
import * as repository from "./plans.repository.ts";
import { readDate, versionOf } from "./plans.setup.schemas.ts";
import { type Editor, VersionConflict } from "./plans.setup.service.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const FORUM_KINDS = { board: "Board", committee: "Committee", "operational-group": "Operational group" } as const;

const text = (value: unknown, max: number): string => (typeof value === "string" ? value.trim().slice(0, max + 1) : "");

export function forumJson(f: forums.ForumRow, meetings: string[] = []) {
  return { id: f.id, code: f.code, name: f.name, kind: f.kind, members: f.members, cycle: f.cycle, version: f.version, meetings };
}

function parseForum(body: Record<string, unknown>) {
  const problems: FieldProblem[] = [];
  const name = text(body.name, 200);
  if (!name) problems.push({ field: "name", message: "Enter the forum's name, like SEND Improvement Board" });
  else if (name.length > 200) problems.push({ field: "name", message: "Name must be 200 characters or fewer" });
  const kind = text(body.kind, 30);
  if (!Object.hasOwn(FORUM_KINDS, kind))
    problems.push({ field: "kind", message: "Select whether the forum is a board, a committee or an operational group" });
  const members = text(body.members, 2000);
  if (members.length > 2000) problems.push({ field: "members", message: "Members must be 2,000 characters or fewer" });
  const cycle = text(body.cycle, 200);
  if (cycle.length > 200) problems.push({ field: "cycle", message: "How often it meets must be 200 characters or fewer" });
  return { value: { name, kind, members: members || null, cycle: cycle || null }, problems };
}

export class ForumsService {
  constructor(private readonly db: Kysely<DB>) {}

  async forumWithMeetings(user: Editor, forumId: string) {
    this.check(user, "readPlans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const forum = await this.mustFindForum(trx, forumId);
      return forumJson(forum, await forums.meetingDates(trx, forum.id));
    });
  }

  async createForum(user: Editor, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const { value, problems } = parseForum(body);
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const base =
        value.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "")
          .slice(0, 50) || "forum";
      let code = base;
      for (let n = 2; await forums.codeTaken(trx, code); n++) code = `${base}-${n}`;
      const { id } = await forums.insertForum(trx, { ...value, councilId: user.councilId, code });
      const forum = forumJson((await forums.findForum(trx, id)) as forums.ForumRow);
      return { result: forum, audit: { action: "forum.created", subjectType: "forum", subjectId: id, after: forum } };
    });
  }

  async editForum(user: Editor, forumId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const { value, problems } = parseForum(body);
    const version = versionOf(body.version);
    if (!Number.isInteger(version) || version < 1) problems.push({ field: "version", message: "Reload the forum and make your change again" });
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const before = await this.mustFindForum(trx, forumId);
      if (problems.length) throw new InvalidInput(problems);
      if (!(await forums.updateForum(trx, before.id, version, value))) throw new VersionConflict("forum");
      const after = (await forums.findForum(trx, before.id)) as forums.ForumRow;
      return {
        result: forumJson(after),
        audit: { action: "forum.changed", subjectType: "forum", subjectId: before.id, before: forumJson(before), after: forumJson(after) },
      };
    });
  }

  /** Adds a meeting date to the forum's cycle. */
  async addMeeting(user: Editor, forumId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const problems: FieldProblem[] = [];
    const date = readDate(body, "date", "Date of the meeting", problems, true);
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const forum = await this.mustFindForum(trx, forumId);
      const dates = await forums.meetingDates(trx, forum.id);
      if (date && dates.includes(date)) problems.push({ field: "date-day", message: `${forum.name} already meets on ${formatDate(date)}` });
      if (problems.length || !date) throw new InvalidInput(problems);
      await forums.insertMeeting(trx, user.councilId, forum.id, date);
      const after = forumJson(forum, [...dates, date].sort());
      return { result: after, audit: { action: "forum.meeting.added", subjectType: "forum", subjectId: forum.id, after: { meetingDate: date } } };
    });
  }

  /** Which forums an action reports to: the forums given replace the ones it had. */
  async setActionForums(user: Editor, actionId: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    const raw = body.forumIds;
    const ids = (Array.isArray(raw) ? raw : typeof raw === "string" && raw ? [raw] : []).map((v) => String(v));
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const action = UUID.test(actionId) ? await repository.findAction(trx, actionId) : undefined;
      if (!action) throw new NotFound("No such action.");
      const known = new Set((await repository.listForums(trx)).map((f) => f.id));
      if (ids.some((id) => !known.has(id))) throw new InvalidInput([{ field: "forumIds", message: "Select forums of this council only" }]);
      const before = await forums.forumIdsOfAction(trx, action.id);
      const after = [...new Set(ids)];
      await forums.replaceActionForums(trx, user.councilId, action.id, after);
      return {
        result: { actionId: action.id, forumIds: after },
        audit: {
          action: "plan.action.forums-set",
          subjectType: "plan_action",
          subjectId: action.id,
          before: { forumIds: before },
          after: { forumIds: after },
        },
      };
    });
  }

  /** The forum's actions in the plan on the meeting's date, for the decisions form. */
  async meetingActions(user: Editor, forumId: string, meetingDate: string) {
    this.check(user, "readPlans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const forum = await this.mustFindForum(trx, forumId);
      await this.mustBeMeeting(trx, forum, meetingDate);
      const actions = (await forums.actionsOfForum(trx, forum.id)).filter((a) => inPlanAsAt(a, meetingDate));
      return { forum: forumJson(forum), meetingDate, actions };
    });
  }

  /**
   * Records what a meeting decided, one decision per action it discussed (`decision-<actionId>`
   * in a form, or `decisions: [{actionId, decision}]` from the API). Empty ones are left out.
   */
  async recordDecisions(user: Editor, forumId: string, meetingDate: string, body: Record<string, unknown>) {
    this.check(user, "editPlans");
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const forum = await this.mustFindForum(trx, forumId);
      await this.mustBeMeeting(trx, forum, meetingDate);
      const actions = (await forums.actionsOfForum(trx, forum.id)).filter((a) => inPlanAsAt(a, meetingDate));
      const given: { actionId: string; decision: string }[] = Array.isArray(body.decisions)
        ? (body.decisions as unknown[]).map((d) => ({
            actionId: String((d as Record<string, unknown>)?.actionId ?? ""),
            decision: text((d as Record<string, unknown>)?.decision, 2000),
          }))
        : Object.entries(body)
            .filter(([k]) => k.startsWith("decision-"))
            .map(([k, v]) => ({ actionId: k.slice("decision-".length), decision: text(v, 2000) }));
      const problems: FieldProblem[] = [];
      for (const d of given) {
        if (!actions.some((a) => a.id === d.actionId))
          problems.push({ field: `decision-${d.actionId}`.slice(0, 60), message: "Record decisions only on actions that report to this forum" });
        else if (d.decision.length > 2000)
          problems.push({ field: `decision-${d.actionId}`, message: "A decision must be 2,000 characters or fewer" });
      }
      const rows = given.filter((d) => d.decision);
      if (!problems.length && rows.length === 0)
        problems.push({ field: `decision-${actions[0]?.id ?? ""}`, message: "Enter what the meeting decided for at least one action" });
      if (problems.length) throw new InvalidInput(problems);
      await forums.insertDecisions(
        trx,
        rows.map((d) => ({
          councilId: user.councilId,
          forumId: forum.id,
          meetingDate,
          actionId: d.actionId,
          decision: d.decision,
          recordedBy: user.id,
        })),
      );
      return {
        result: { forumId: forum.id, meetingDate, decisions: rows },
        audit: { action: "forum.meeting.decisions-recorded", subjectType: "forum", subjectId: forum.id, after: { meetingDate, decisions: rows } },
      };
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private check(user: Editor, permission: "readPlans" | "editPlans"): void {
    if (!can(user.roles, permission)) throw new NotAllowed(permission === "editPlans" ? "change improvement plans" : "improvement plans");
  }

  private async mustFindForum(trx: Trx, forumId: string) {
    const forum = UUID.test(forumId) ? await forums.findForum(trx, forumId) : undefined;
    if (!forum) throw new NotFound("No such forum.");
    return forum;
  }

  private async mustBeMeeting(trx: Trx, forum: forums.ForumRow, date: string) {
    const dates = await forums.meetingDates(trx, forum.id);
    if (!dates.includes(date))
      throw new NotFound(`${forum.name} has no meeting on ${/^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDate(date) : "that date"}.`);
  }
}
