// Plans as at a date, as people read them: each action's status then (in words and colour),
// its direction of travel since a comparison date, its flags, and the plan's summaries.
// Pure: everything is worked out from the loaded rows and the dates given.
import { addMonths, formatDate } from "../../domain/dates.ts";
import { checkAction } from "../../domain/plans/checks.ts";
import { directionOfTravel, statusAsAt } from "../../domain/plans/history.ts";
import { IMPACT_LABELS, type ImpactJudgement, isImpactJudgement, percentAsAt, type RollUp, rollUp } from "../../domain/plans/progress.ts";
import { schemeShortName, statusOf } from "../../domain/plans/schemes.ts";
import { inPlanAsAt, type SectionMove, sectionAsAt } from "../../domain/plans/structure.ts";
import { committeeSentence, type StatusSummary, summarise, wsoaTable } from "../../domain/plans/summaries.ts";
import type { ActionUpdate, DirectionOfTravel, DueDate, DuePrecision, StatusColour, StatusScheme } from "../../domain/plans/types.ts";
import type * as repository from "./plans.repository.ts";

export interface LoadedPlan {
  plan: Awaited<ReturnType<typeof repository.listPlans>>[number] & { scheme: StatusScheme };
  sections: Awaited<ReturnType<typeof repository.listSections>>;
  actions: repository.ActionRow[];
  forumsByAction: Map<string, string[]>;
  updatesByAction: Map<string, (ActionUpdate & { id: string; correctsUpdateId: string | null })[]>;
  meetingsByForum: Map<string, string[]>;
  forumById: Map<string, { id: string; code: string; name: string }>;
  /** Each moved action's moves between sections, oldest first (issue 13). */
  movesByAction?: Map<string, SectionMove[]>;
  /** What meetings decided about each action, oldest first (issue 13). */
  decisionsByAction?: Map<string, MeetingDecision[]>;
  /** Partners' comments the improvement lead approved, oldest first (issue 13 part 6). */
  partnerCommentsByAction?: Map<string, PartnerSaid[]>;
}

/** An update of an action as the API gives it (GET /api/actions/{id}): every field present, null when not given. */
export function updateJson(u: ActionUpdate & { id: string; correctsUpdateId: string | null }) {
  return {
    id: u.id,
    date: u.date,
    status: u.status,
    commentary: u.commentary,
    progress: u.progress ?? null,
    author: u.author ?? null,
    sequence: u.sequence ?? 0,
    correctsUpdateId: u.correctsUpdateId,
  };
}

export interface PartnerSaid {
  author: string;
  organisation: string;
  comment: string;
  /** The day in England it was made. */
  date: string;
}

export interface MeetingDecision {
  forumId: string;
  forumName: string;
  meetingDate: string;
  decision: string;
}

/** The section an action sat in on a date: a moved action is shown where it was then. */
export function sectionIdAsAt(loaded: LoadedPlan, action: repository.ActionRow, asAt: string): string {
  return sectionAsAt(action.section_id, loaded.movesByAction?.get(action.id) ?? [], asAt);
}

export interface PlanFilters {
  status?: string;
  lead?: string;
  forum?: string;
  overdue?: boolean;
  plan?: string;
}

const TAG_CLASS: Record<StatusColour, string> = {
  blue: "govuk-tag--blue",
  green: "govuk-tag--green",
  "light-green": "govuk-tag--turquoise",
  amber: "govuk-tag--orange",
  red: "govuk-tag--red",
  grey: "govuk-tag--grey",
  none: "govuk-tag--grey",
};

const DIRECTION_TEXT: Record<DirectionOfTravel, string> = { improved: "Improved", worse: "Worse", unchanged: "Unchanged", new: "New rating" };

export const PLAN_TYPE_LABELS: Record<string, string> = {
  wsoa: "Written statement of action",
  "accelerated-progress-plan": "Accelerated progress plan",
  "priority-action-plan": "Priority action plan",
  "peer-review": "LGA peer review implementation plan",
  "scrutiny-review": "Scrutiny review",
  strategy: "Strategy action plan",
  other: "Other plan",
};

export function statusTag(scheme: StatusScheme, code: string | undefined): { text: string; classes: string } {
  if (code === undefined) return { text: "Not yet rated", classes: "govuk-tag--grey" };
  const status = statusOf(scheme, code);
  return status ? { text: status.label, classes: TAG_CLASS[status.colour] } : { text: `Unknown status "${code}"`, classes: "govuk-tag--grey" };
}

// The impact judgement as a tag with words (never colour alone), apart from the status tag.
const IMPACT_TAG_CLASS: Record<ImpactJudgement, string> = {
  evidenced: "govuk-tag--green",
  emerging: "govuk-tag--turquoise",
  "too-early": "govuk-tag--yellow",
  "not-assessed": "govuk-tag--grey",
};

export function impactTag(code: string): { code: ImpactJudgement; text: string; classes: string } {
  const judgement = isImpactJudgement(code) ? code : "not-assessed";
  return { code: judgement, text: IMPACT_LABELS[judgement], classes: IMPACT_TAG_CLASS[judgement] };
}

export function statusKey(scheme: StatusScheme) {
  return scheme.statuses.map((s) => ({ code: s.code, tag: statusTag(scheme, s.code), definition: s.definition }));
}

function dueOf(action: repository.ActionRow): DueDate {
  return { precision: action.due_precision as DuePrecision, date: action.due_date, text: action.due_text };
}

/** One action as at a date, compared with an earlier date. */
export function actionState(loaded: LoadedPlan, action: repository.ActionRow, asAt: string, compareTo: string) {
  const scheme = loaded.plan.scheme;
  const updates = loaded.updatesByAction.get(action.id) ?? [];
  const current = statusAsAt(updates, asAt);
  const earlier = statusAsAt(updates, compareTo);
  const forumIds = loaded.forumsByAction.get(action.id) ?? [];
  const forumLastMeetings = forumIds.flatMap((id) => loaded.meetingsByForum.get(id) ?? []);
  const direction = directionOfTravel(scheme, earlier?.status, current?.status);
  return {
    id: action.id,
    planId: loaded.plan.id,
    planTitle: loaded.plan.title,
    number: action.number,
    text: action.text,
    lead: [action.lead_name, action.lead_role].filter(Boolean).join(", "),
    due: dueOf(action),
    dueText: action.due_text,
    forums: forumIds.map((id) => loaded.forumById.get(id)).filter((f): f is { id: string; code: string; name: string } => !!f),
    status: current?.status,
    tag: statusTag(scheme, current?.status),
    complete: statusOf(scheme, current?.status)?.complete === true,
    latest: current,
    direction,
    directionText: DIRECTION_TEXT[direction],
    flags: checkAction({ due: dueOf(action), updates, forumLastMeetings }, scheme, asAt),
    percent: percentAsAt(action.progress, updates, asAt),
    weight: action.weight === null ? null : Number(action.weight),
    impact: impactTag(action.impact),
  };
}

export type ActionState = ReturnType<typeof actionState>;

/** The actions in the plan on the date: joined by then, and not yet retired. */
function visibleActions(loaded: LoadedPlan, asAt: string): repository.ActionRow[] {
  return loaded.actions.filter((a) => inPlanAsAt(a, asAt));
}

function summaryView(summary: StatusSummary, scheme: StatusScheme) {
  return {
    total: summary.total,
    rows: summary.rows.map((row) => ({ ...row, tag: statusTag(scheme, scheme.statuses.some((s) => s.code === row.code) ? row.code : undefined) })),
    sentence: summary.total ? committeeSentence(summary) : "",
    roundingNote: summary.roundingNote,
  };
}

/** The plan overview: sections in order with their actions, summaries and flags, as at a date. */
export function buildPlanView(loaded: LoadedPlan, asAt: string, compareTo = addMonths(asAt, -3)) {
  const scheme = loaded.plan.scheme;
  const visible = visibleActions(loaded, asAt);
  const states = new Map(visible.map((a) => [a.id, actionState(loaded, a, asAt, compareTo)]));
  const all = [...states.values()];
  const sectionOfAction = new Map(visible.map((a) => [a.id, sectionIdAsAt(loaded, a, asAt)]));
  const sections = loaded.sections.map((section) => {
    const actions = loaded.actions
      .filter((a) => states.has(a.id) && sectionOfAction.get(a.id) === section.id)
      .map((a) => states.get(a.id) as ActionState);
    // A section's percent complete counts the actions of the sections under it too.
    const within = descendantsOf(loaded, section.id);
    return {
      ...section,
      depth: depthOf(loaded, section.id),
      actions,
      progress: progressOf(all.filter((a) => within.has(sectionOfAction.get(a.id) ?? ""))),
      direction: directionCounts(actions),
      summary: summaryView(
        summarise(
          scheme,
          actions.map((a) => a.status),
        ),
        scheme,
      ),
    };
  });
  const firstStatus = (actionId: string) => (loaded.updatesByAction.get(actionId) ?? [])[0]?.status;
  const wsoa = wsoaTable(
    scheme,
    all.map((a) => ({
      initial: firstStatus(a.id),
      previous: statusAsAt(loaded.updatesByAction.get(a.id) ?? [], compareTo)?.status,
      current: a.status,
    })),
  );
  return {
    plan: { ...loaded.plan, typeLabel: PLAN_TYPE_LABELS[loaded.plan.type] ?? loaded.plan.type },
    asAt,
    compareTo,
    asAtText: formatDate(asAt),
    compareToText: formatDate(compareTo),
    summary: summaryView(
      summarise(
        scheme,
        all.map((a) => a.status),
      ),
      scheme,
    ),
    wsoa: {
      ...wsoa,
      rows: wsoa.rows.map((row) => ({ ...row, tag: statusTag(scheme, scheme.statuses.some((s) => s.code === row.code) ? row.code : undefined) })),
    },
    sections,
    progress: progressOf(all),
    impact: impactCounts(all),
    flagged: all.filter((a) => a.flags.length > 0),
    key: statusKey(scheme),
  };
}

/** The weighted percent complete of a set of actions (src/domain/plans/progress.ts says how). */
export function progressOf(actions: readonly Pick<ActionState, "percent" | "weight">[]): RollUp {
  return rollUp(actions.map((a) => ({ percent: a.percent, weight: a.weight })));
}

/** How many actions have each impact judgement, in the order of the judgements. */
function impactCounts(actions: readonly ActionState[]) {
  return (Object.keys(IMPACT_LABELS) as ImpactJudgement[]).map((code) => ({
    ...impactTag(code),
    count: actions.filter((a) => a.impact.code === code).length,
  }));
}

/** A section and every section under it, at any depth. */
function descendantsOf(loaded: LoadedPlan, sectionId: string): Set<string> {
  const out = new Set([sectionId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of loaded.sections) {
      if (s.parent_id && out.has(s.parent_id) && !out.has(s.id)) {
        out.add(s.id);
        grew = true;
      }
    }
  }
  return out;
}

function directionCounts(actions: ActionState[]): Record<DirectionOfTravel, number> {
  const counts: Record<DirectionOfTravel, number> = { improved: 0, worse: 0, unchanged: 0, new: 0 };
  for (const action of actions) counts[action.direction]++;
  return counts;
}

function depthOf(loaded: LoadedPlan, sectionId: string): number {
  let depth = 0;
  let current = loaded.sections.find((s) => s.id === sectionId);
  while (current?.parent_id) {
    depth++;
    current = loaded.sections.find((s) => s.id === current?.parent_id);
  }
  return depth;
}

/** The summary `plans summary --json` prints (a stable contract) and the plan list shows. */
export function buildPlanSummary(loaded: LoadedPlan, asAt: string) {
  const scheme = loaded.plan.scheme;
  const states = visibleActions(loaded, asAt).map((a) => actionState(loaded, a, asAt, asAt));
  const summary = summarise(
    scheme,
    states.map((s) => s.status),
  );
  return {
    planId: loaded.plan.id,
    externalId: loaded.plan.external_id,
    title: loaded.plan.title,
    asOf: asAt,
    total: summary.total,
    statuses: summary.rows.map((row) => ({ code: row.code, label: row.label, count: row.count, percent: row.percent })),
    sentence: summary.total ? committeeSentence(summary) : "",
    flags: states.flatMap((s) => s.flags.map((flag) => ({ action: s.number, actionId: s.id, code: flag.code, reason: flag.reason }))),
  };
}

/**
 * Counts by status for any set of actions (a lead's, a forum's): one table per status scheme,
 * since plans with different schemes cannot be added together.
 */
function summariesByScheme(plans: LoadedPlan[], actions: ActionState[]) {
  const schemes = new Map(plans.map((p) => [p.plan.id, p.plan.scheme]));
  const groups = new Map<string, { scheme: StatusScheme; actions: ActionState[] }>();
  for (const action of actions) {
    const scheme = schemes.get(action.planId) as StatusScheme;
    const group = groups.get(scheme.code) ?? { scheme, actions: [] };
    group.actions.push(action);
    groups.set(scheme.code, group);
  }
  return [...groups.values()].map(({ scheme, actions: list }) => ({
    title: `${list.length} actions by status (${schemeShortName(scheme)} scheme)`,
    summary: summaryView(
      summarise(
        scheme,
        list.map((a) => a.status),
      ),
      scheme,
    ),
  }));
}

/** Every action of every plan, filtered (the cross-plan view of SPEC A1). */
export function crossPlanActions(plans: LoadedPlan[], filters: PlanFilters, asAt: string) {
  const all = plans.flatMap((loaded) => visibleActions(loaded, asAt).map((a) => actionState(loaded, a, asAt, addMonths(asAt, -3))));
  // A lead is a person, a role or both, as the plan records it.
  const leads = [...new Set(all.map((a) => a.lead).filter(Boolean))].sort();
  const statuses = [...new Map(plans.flatMap((p) => p.plan.scheme.statuses.map((s) => [s.label, s] as const))).keys()];
  const actions = all.filter(
    (a) =>
      (!filters.plan || a.planId === filters.plan) &&
      (!filters.status || a.tag.text === filters.status) &&
      (!filters.lead || a.lead === filters.lead) &&
      (!filters.forum || a.forums.some((f) => f.id === filters.forum)) &&
      (!filters.overdue || a.flags.some((f) => f.code === "overdue")),
  );
  return {
    actions,
    summaries: summariesByScheme(plans, actions),
    leads,
    statuses,
    plans: plans.map((p) => ({ id: p.plan.id, title: p.plan.title })),
    total: all.length,
  };
}

/** A forum's page: its meetings, the actions reporting to it, and what changed since its last meeting. */
export function forumView(forum: { id: string; code: string; name: string }, plans: LoadedPlan[], asAt: string) {
  const meetings = plans[0]?.meetingsByForum.get(forum.id) ?? [];
  const lastMeeting = [...meetings].filter((m) => m <= asAt).pop();
  const since = lastMeeting ?? addMonths(asAt, -3);
  const actions = plans.flatMap((loaded) =>
    visibleActions(loaded, asAt)
      .filter((a) => (loaded.forumsByAction.get(a.id) ?? []).includes(forum.id))
      .map((a) => {
        const state = actionState(loaded, a, asAt, since);
        const changes = (loaded.updatesByAction.get(a.id) ?? []).filter((u) => u.date > since && u.date <= asAt);
        return { ...state, changes, scheme: loaded.plan.scheme };
      }),
  );
  return {
    forum,
    asAt,
    meetings: meetings.map((m) => ({ date: m, text: formatDate(m), past: m <= asAt })),
    lastMeeting,
    sinceText: formatDate(since),
    actions,
    summaries: summariesByScheme(plans, actions),
    changed: actions.filter((a) => a.changes.length > 0),
  };
}
