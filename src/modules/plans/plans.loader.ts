// Loading plans for their as-at views, reports, closure and meeting packs: a plan's sections,
// actions, history, forums, moves, decisions and partners' comments, in a few queries for any
// number of plans. Shared by the plans' services (reading and changing, imports, closure).
import type { Kysely } from "kysely";
import type { ActionUpdate, StatusScheme } from "../../domain/plans/types.ts";
import { can } from "../../domain/roles.ts";
import { londonToday } from "../../platform/clock.ts";
import type { DB } from "../../platform/db-types.ts";
import { NotAllowed, NotFound } from "../../platform/errors.ts";
import { readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import * as commentsRepository from "../comments/comments.repository.ts";
import * as forumsRepository from "./plans.forums.repository.ts";
import type { LoadedPlan } from "./plans.presenter.ts";
import * as repository from "./plans.repository.ts";
import * as structure from "./plans.structure.repository.ts";

/** Whoever a use case acts for: their council and roles (and name, for an update's author). */
export type PlanReader = Pick<CurrentUser, "id" | "councilId" | "roles"> & { displayName?: string };

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function checkRole(user: { roles: readonly string[] }, permission: "readPlans" | "editPlans", what: string): void {
  if (!can(user.roles, permission)) throw new NotAllowed(what);
}

export async function mustFindPlan(trx: Trx, planId: string) {
  const plan = await repository.findPlan(trx, planId);
  if (!plan) throw new NotFound("No such plan.");
  return plan;
}

/** One plan by id, read as the person (a malformed id is "not found", like another council's). */
export async function loadOnePlan(db: Kysely<DB>, user: PlanReader, planId: string): Promise<LoadedPlan> {
  if (!isUuid(planId)) throw new NotFound("No such plan.");
  return readAs(db, actorOf(user as CurrentUser), async (trx) => (await loadPlans(trx, [await mustFindPlan(trx, planId)]))[0] as LoadedPlan);
}

/** Everything the as-at views need, in a few queries for any number of plans. */
export async function loadPlans(trx: Trx, plans: Awaited<ReturnType<typeof repository.listPlans>>): Promise<LoadedPlan[]> {
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

export type DomainUpdate = ActionUpdate & { id: string; correctsUpdateId: string | null; createdAt?: Date };

export function toDomainUpdate(row: repository.UpdateRow): DomainUpdate {
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
