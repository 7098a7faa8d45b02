// Committee reports (SPEC A9) as data: the progress sheet, the exception report, the summary and
// "what changed since", for a plan as at a date. Pure: built from a loaded plan and the dates
// given, from the append-only history, so a report for a past meeting shows what it showed then.
// Reports hold no child-level data: only the plan, its actions, leads and commentary.
import { addMonths, formatDate, type IsoDate } from "../../domain/dates.ts";
import type { ActionFlagCode } from "../../domain/plans/checks.ts";
import { directionOfTravel, statusAsAt } from "../../domain/plans/history.ts";
import type { RollUp } from "../../domain/plans/progress.ts";
import { statusOf } from "../../domain/plans/schemes.ts";
import { inPlanAsAt } from "../../domain/plans/structure.ts";
import { committeeSentence, type StatusSummary, summarise, wsoaTable } from "../../domain/plans/summaries.ts";
import type { ActionUpdate, DirectionOfTravel, StatusColour, StatusScheme } from "../../domain/plans/types.ts";
import { type ActionState, actionState, type LoadedPlan, progressOf, sectionIdAsAt } from "../plans/plans.presenter.ts";
import type { ActionRow } from "../plans/plans.repository.ts";

export const REPORT_KINDS = ["progress", "exceptions", "summary", "changes", "meeting"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_TITLES: Record<ReportKind, string> = {
  progress: "Progress sheet",
  exceptions: "Exception report",
  summary: "Summary report",
  changes: "What changed",
  meeting: "Meeting pack",
};

export interface ReportOptions {
  asAt: IsoDate;
  /** The previous report: the start of "what changed", the comparison for direction of travel, and (progress) commentary since. */
  since?: IsoDate;
}

export interface StatusCell {
  code: string;
  label: string;
  colour: StatusColour;
}

export interface ReportPlan {
  id: string;
  externalId: string;
  title: string;
  owner: string;
  schemeName: string;
}

export interface ReportHeader {
  kind: ReportKind;
  title: string;
  plan: ReportPlan;
  asAt: IsoDate;
  asAtText: string;
  since: IsoDate | null;
  sinceText: string | null;
  /** The status key with its written definitions (SPEC A4): every report prints it. */
  key: { code: string; label: string; colour: StatusColour; definition: string }[];
}

export interface SummaryBlock {
  total: number;
  rows: { code: string; label: string; colour: StatusColour; count: number; percent: number; percentText: string; text: string }[];
  sentence: string;
  roundingNote: string | null;
}

const NOT_RATED: StatusCell = { code: "not-yet-rated", label: "Not yet rated", colour: "none" };

// ---- shared helpers -----------------------------------------------------------------------------

function header(loaded: LoadedPlan, kind: ReportKind, options: ReportOptions): ReportHeader {
  const { plan } = loaded;
  return {
    kind,
    title: `${plan.title}: ${REPORT_KIND_TITLES[kind].toLowerCase()}`,
    plan: { id: plan.id, externalId: plan.external_id, title: plan.title, owner: plan.owner, schemeName: plan.scheme.name },
    asAt: options.asAt,
    asAtText: formatDate(options.asAt),
    since: options.since ?? null,
    sinceText: options.since ? formatDate(options.since) : null,
    key: plan.scheme.statuses.map((s) => ({ code: s.code, label: s.label, colour: s.colour, definition: s.definition })),
  };
}

function statusCell(scheme: StatusScheme, code: string | undefined): StatusCell {
  if (code === undefined) return NOT_RATED;
  const status = statusOf(scheme, code);
  return status ? { code, label: status.label, colour: status.colour } : { code, label: `Unknown status "${code}"`, colour: "none" };
}

function summaryBlock(summary: StatusSummary): SummaryBlock {
  return {
    total: summary.total,
    rows: summary.rows.map((r) => ({
      code: r.code,
      label: r.label,
      colour: r.colour,
      count: r.count,
      percent: r.percent,
      percentText: r.percentText,
      text: `${r.percentText} (${r.count})`,
    })),
    sentence: summary.total ? committeeSentence(summary) : "There are no actions to summarise",
    roundingNote: summary.roundingNote ?? null,
  };
}

/** The actions in the plan on the date: joined by then, and not yet retired (issue 13). */
function visibleActions(loaded: LoadedPlan, asAt: IsoDate): ActionRow[] {
  return loaded.actions.filter((a) => inPlanAsAt(a, asAt));
}

/** The section the action sat in on the date (a moved action is shown where it was then). */
function sectionOf(loaded: LoadedPlan, action: ActionRow, asAt: IsoDate) {
  const sectionId = sectionIdAsAt(loaded, action, asAt);
  const section = loaded.sections.find((s) => s.id === sectionId);
  return section ? { number: section.number, title: section.title } : { number: "", title: "" };
}

function updatesOf(loaded: LoadedPlan, action: ActionRow): readonly ActionUpdate[] {
  return loaded.updatesByAction.get(action.id) ?? [];
}

/** Updates dated after `from` and on or before `to`, oldest first. */
function updatesBetween(updates: readonly ActionUpdate[], from: IsoDate, to: IsoDate): ActionUpdate[] {
  return updates.filter((u) => u.date > from && u.date <= to);
}

interface ActionColumns {
  actionId: string;
  number: string;
  section: { number: string; title: string };
  action: string;
  lead: string;
  due: string;
  status: StatusCell;
}

function actionColumns(loaded: LoadedPlan, action: ActionRow, state: ActionState, asAt: IsoDate): ActionColumns {
  return {
    actionId: action.id,
    number: action.number,
    section: sectionOf(loaded, action, asAt),
    action: action.text,
    lead: state.lead,
    due: action.due_text,
    status: statusCell(loaded.plan.scheme, state.status),
  };
}

function defaultSince(options: ReportOptions): IsoDate {
  return options.since ?? addMonths(options.asAt, -3);
}

// ---- progress sheet -----------------------------------------------------------------------------

export interface ProgressRow extends ActionColumns {
  /** Percent complete as at the date (the action's own figure, else its latest update's), or null. */
  percent: number | null;
  /** How much the action counts in the roll-up (null: 1). */
  weight: number | null;
  /** The impact judgement, kept apart from the status (issue 13). */
  impact: { code: string; label: string };
  latestCommentary: { date: IsoDate; dateText: string; text: string } | null;
  /** Every update since the previous report (only when a `since` date is given). */
  commentarySince: { date: IsoDate; dateText: string; status: StatusCell; text: string }[];
}

/**
 * A success measure bound to a measure (SPEC C3), as at the report's date: the figure, baseline,
 * target, milestone line, the proposed rating with its reason, the lead's rating then and whether
 * the figure supports it, any "rating kept" reason, and each month's figure for the small chart.
 * Figures only: no child. Filled in by the reports service (report-measures.ts).
 */
export interface ReportBoundMeasure {
  actionId: string;
  number: string;
  linkId: string;
  measureId: string;
  title: string;
  unit: "count" | "percent";
  asAt: IsoDate;
  /** The 12 months to the date (a flow measure) or the date itself (a snapshot). */
  period: { from: IsoDate; to: IsoDate };
  actual: number | null;
  numerator: number;
  denominator: number | null;
  /** Withheld on the public page: a figure resting on 1 to 4 children. */
  withheld: boolean;
  actualText: string;
  baseline: { value: number; date: IsoDate } | null;
  baselineText: string;
  target: { value: number; date: IsoDate };
  targetText: string;
  milestone: number;
  milestoneText: string;
  proposedRating: "met" | "on track" | "at risk" | "off track" | null;
  /** Why: the sentence of src/domain/measures/measure-links.ts. */
  reason: string;
  leadRating: string | null;
  supportsRating: boolean | null;
  ratingKept: { rating: string; reason: string; keptBy: string | null } | null;
  series: { label: string; to: IsoDate; value: number | null; milestone: number | null }[];
}

export interface ProgressReport extends ReportHeader {
  kind: "progress";
  summary: SummaryBlock;
  /** The plan's weighted percent complete (src/domain/plans/progress.ts). */
  progress: RollUp;
  rows: ProgressRow[];
  /** The actions' success measures bound to measures, as at the date (empty until the service adds them). */
  boundMeasures: ReportBoundMeasure[];
}

/** The committee progress sheet: one row per action, with the status key and the summary block. */
export function progressReport(loaded: LoadedPlan, options: ReportOptions): ProgressReport {
  const { asAt } = options;
  const scheme = loaded.plan.scheme;
  const rows = visibleActions(loaded, asAt).map((action) => {
    const state = actionState(loaded, action, asAt, asAt);
    const updates = updatesOf(loaded, action);
    const latest = state.latest;
    return {
      ...actionColumns(loaded, action, state, asAt),
      percent: state.percent,
      weight: state.weight,
      impact: { code: state.impact.code, label: state.impact.text },
      latestCommentary: latest ? { date: latest.date, dateText: formatDate(latest.date), text: latest.commentary } : null,
      commentarySince: options.since
        ? updatesBetween(updates, options.since, asAt).map((u) => ({
            date: u.date,
            dateText: formatDate(u.date),
            status: statusCell(scheme, u.status),
            text: u.commentary,
          }))
        : [],
    };
  });
  return {
    ...header(loaded, "progress", options),
    kind: "progress",
    progress: progressOf(rows),
    summary: summaryBlock(
      summarise(
        scheme,
        rows.map((r) => (r.status === NOT_RATED ? undefined : r.status.code)),
      ),
    ),
    rows,
    boundMeasures: [],
  };
}

// ---- exception report ---------------------------------------------------------------------------

export type ExceptionCode = "rated-below-on-track" | ActionFlagCode;

export const EXCEPTION_TITLES: Record<ExceptionCode, string> = {
  "rated-below-on-track": "Rated below on track",
  overdue: "Slipped: past its due date",
  "on-track-past-due": "Rated on track after its due date",
  "no-update-since-meeting": "Missing update",
  "due-tbc": "Due date to be confirmed",
};

export interface ExceptionRow extends ActionColumns {
  reasons: { code: ExceptionCode; reason: string }[];
}

export interface ExceptionReport extends ReportHeader {
  kind: "exceptions";
  counts: { code: ExceptionCode; title: string; count: number }[];
  rows: ExceptionRow[];
}

/**
 * The rank below which a rated status is an exception: the lowest "on track" rank of the scheme
 * (Southend's red, Thurrock's red and amber, the LGA's red and amber); without an on-track status,
 * anything rated below the lowest complete status.
 */
function exceptionThreshold(scheme: StatusScheme): number {
  const ranks = (pick: (s: StatusScheme["statuses"][number]) => boolean) =>
    scheme.statuses.filter((s) => pick(s) && s.rank !== null).map((s) => s.rank as number);
  const onTrack = ranks((s) => s.onTrack === true);
  if (onTrack.length) return Math.min(...onTrack);
  const complete = ranks((s) => s.complete);
  return complete.length ? Math.min(...complete) : Number.NEGATIVE_INFINITY;
}

/** Red and amber (or the scheme's equivalents), slipped and "to be confirmed" dates, missing updates: each with its reason. */
export function exceptionReport(loaded: LoadedPlan, options: ReportOptions): ExceptionReport {
  const { asAt } = options;
  const scheme = loaded.plan.scheme;
  const threshold = exceptionThreshold(scheme);
  const rows: ExceptionRow[] = [];
  for (const action of visibleActions(loaded, asAt)) {
    const state = actionState(loaded, action, asAt, asAt);
    const status = statusOf(scheme, state.status);
    const reasons: ExceptionRow["reasons"] = [];
    if (status && !status.unrated && !status.complete && !status.cancelled && status.rank !== null && status.rank < threshold) {
      const when = state.latest ? ` on ${formatDate(state.latest.date)}` : "";
      reasons.push({ code: "rated-below-on-track", reason: `Rated "${status.label}"${when}: ${status.definition}` });
    }
    for (const flag of state.flags) reasons.push({ code: flag.code, reason: flag.reason });
    if (reasons.length) rows.push({ ...actionColumns(loaded, action, state, asAt), reasons });
  }
  const codes = Object.keys(EXCEPTION_TITLES) as ExceptionCode[];
  return {
    ...header(loaded, "exceptions", options),
    kind: "exceptions",
    counts: codes.map((code) => ({ code, title: EXCEPTION_TITLES[code], count: rows.filter((r) => r.reasons.some((x) => x.code === code)).length })),
    rows,
  };
}

// ---- summary report -----------------------------------------------------------------------------

export interface WsoaBlock {
  rows: { code: string; label: string; colour: StatusColour; initial: number; previous: number; current: number; changeSincePrevious: number }[];
  totals: { initial: number; previous: number; current: number };
  direction: Record<DirectionOfTravel, number>;
}

export interface SummaryReport extends ReportHeader {
  kind: "summary";
  /** The date direction of travel is measured from: `since`, or three months before the as-at date. */
  previous: IsoDate;
  previousText: string;
  overall: { summary: SummaryBlock; wsoa: WsoaBlock };
  sections: { number: string; title: string; summary: SummaryBlock; wsoa: WsoaBlock }[];
}

function wsoaBlock(loaded: LoadedPlan, actions: ActionRow[], asAt: IsoDate, previous: IsoDate): WsoaBlock {
  const scheme = loaded.plan.scheme;
  const table = wsoaTable(
    scheme,
    actions.map((a) => {
      const updates = updatesOf(loaded, a);
      // The rating when the action was first rated (up to the as-at date).
      const first = updates
        .filter((u) => u.date <= asAt)
        .reduce<ActionUpdate | undefined>((x, u) => (x === undefined || u.date < x.date ? u : x), undefined);
      return { initial: first?.status, previous: statusAsAt(updates, previous)?.status, current: statusAsAt(updates, asAt)?.status };
    }),
  );
  return { rows: table.rows.map((r) => ({ ...r })), totals: table.totals, direction: table.direction };
}

/** The counts table and the WSOA initial / previous / current / direction table, per section and overall. */
export function summaryReport(loaded: LoadedPlan, options: ReportOptions): SummaryReport {
  const { asAt } = options;
  const previous = defaultSince(options);
  const scheme = loaded.plan.scheme;
  const visible = visibleActions(loaded, asAt);
  const statusesOf = (actions: ActionRow[]) => actions.map((a) => statusAsAt(updatesOf(loaded, a), asAt)?.status);
  const sections = loaded.sections
    .map((section) => ({ section, actions: visible.filter((a) => sectionIdAsAt(loaded, a, asAt) === section.id) }))
    .filter(({ actions }) => actions.length > 0)
    .map(({ section, actions }) => ({
      number: section.number,
      title: section.title,
      summary: summaryBlock(summarise(scheme, statusesOf(actions))),
      wsoa: wsoaBlock(loaded, actions, asAt, previous),
    }));
  return {
    ...header(loaded, "summary", { ...options, since: previous }),
    kind: "summary",
    previous,
    previousText: formatDate(previous),
    overall: { summary: summaryBlock(summarise(scheme, statusesOf(visible))), wsoa: wsoaBlock(loaded, visible, asAt, previous) },
    sections,
  };
}

// ---- what changed -------------------------------------------------------------------------------

export interface ChangesReport extends ReportHeader {
  kind: "changes";
  since: IsoDate;
  sinceText: string;
  newActions: ActionColumns[];
  statusMoves: (ActionColumns & { from: StatusCell; to: StatusCell; direction: DirectionOfTravel })[];
  newCommentary: (ActionColumns & { date: IsoDate; dateText: string; update: StatusCell; text: string })[];
  completed: (ActionColumns & { completedOn: IsoDate | null; completedOnText: string })[];
}

/** What changed after `since` up to and including the as-at date: new actions, status moves, new commentary, completions. */
export function changesReport(loaded: LoadedPlan, options: ReportOptions): ChangesReport {
  const { asAt } = options;
  const since = defaultSince(options);
  const scheme = loaded.plan.scheme;
  const result: ChangesReport = {
    ...header(loaded, "changes", { ...options, since }),
    kind: "changes",
    since,
    sinceText: formatDate(since),
    newActions: [],
    statusMoves: [],
    newCommentary: [],
    completed: [],
  };
  for (const action of visibleActions(loaded, asAt)) {
    const state = actionState(loaded, action, asAt, since);
    const columns = actionColumns(loaded, action, state, asAt);
    const updates = updatesOf(loaded, action);
    const before = action.added_on <= since ? statusAsAt(updates, since)?.status : undefined;
    if (action.added_on > since) result.newActions.push(columns);
    if (before !== state.status) {
      result.statusMoves.push({
        ...columns,
        from: statusCell(scheme, before),
        to: columns.status,
        direction: directionOfTravel(scheme, before, state.status),
      });
    }
    const changes = updatesBetween(updates, since, asAt);
    for (const u of changes) {
      if (u.commentary.trim())
        result.newCommentary.push({
          ...columns,
          date: u.date,
          dateText: formatDate(u.date),
          update: statusCell(scheme, u.status),
          text: u.commentary,
        });
    }
    const completeThen = statusOf(scheme, before)?.complete === true;
    if (state.complete && !completeThen) {
      const on = changes.find((u) => statusOf(scheme, u.status)?.complete === true)?.date ?? null;
      result.completed.push({ ...columns, completedOn: on, completedOnText: on ? formatDate(on) : "" });
    }
  }
  return result;
}

// ---- meeting pack -------------------------------------------------------------------------------

export interface ReportForum {
  id: string;
  code: string;
  name: string;
}

export interface MeetingPlanPart {
  plan: ReportPlan;
  progress: ProgressReport;
  exceptions: ExceptionReport;
  changes: ChangesReport;
}

export interface MeetingReport extends ReportHeader {
  kind: "meeting";
  forum: ReportForum;
  /** The meeting's date: the pack is as at this date. */
  meeting: IsoDate;
  meetingText: string;
  /** The forum's previous meeting before this one, if it has one; changes are measured from it. */
  previousMeeting: IsoDate | null;
  since: IsoDate;
  sinceText: string;
  /** One part per plan with actions reporting to the forum: progress, exceptions and changes. */
  plans: MeetingPlanPart[];
  /** What the forum's previous meeting decided about its actions (issue 13). */
  previousDecisions: { plan: string; actionId: string; number: string; action: string; decision: string }[];
  /** What partners said (issue 13 part 6): approved comments on the forum's actions since the previous meeting, up to this one. */
  partnersSaid: {
    plan: string;
    actionId: string;
    number: string;
    action: string;
    author: string;
    organisation: string;
    comment: string;
    date: IsoDate;
    dateText: string;
  }[];
}

/** The plan cut down to the actions that report to the forum. */
function forumActions(loaded: LoadedPlan, forumId: string): LoadedPlan {
  return { ...loaded, actions: loaded.actions.filter((a) => (loaded.forumsByAction.get(a.id) ?? []).includes(forumId)) };
}

/**
 * A forum's meeting pack: the actions reporting to it (across the plans given), their progress
 * sheet and exceptions as at the meeting, and what changed since the forum's previous meeting
 * (or three months before, for a first meeting).
 */
export function meetingReport(plans: LoadedPlan[], forum: ReportForum, meeting: IsoDate): MeetingReport {
  const meetings = plans[0]?.meetingsByForum.get(forum.id) ?? [];
  const previousMeeting =
    meetings
      .filter((m) => m < meeting)
      .sort()
      .pop() ?? null;
  const since = previousMeeting ?? addMonths(meeting, -3);
  const options: ReportOptions = { asAt: meeting, since };
  const parts = plans
    .map((loaded) => forumActions(loaded, forum.id))
    .filter((loaded) => visibleActions(loaded, meeting).length > 0)
    .map((loaded) => ({
      plan: header(loaded, "progress", options).plan,
      progress: progressReport(loaded, options),
      exceptions: exceptionReport(loaded, options),
      changes: changesReport(loaded, options),
    }));
  const only = plans.length === 1 ? plans[0] : undefined;
  const plan: ReportPlan = only
    ? header(only, "meeting", options).plan
    : { id: forum.id, externalId: forum.code, title: forum.name, owner: "", schemeName: "" };
  const keys = new Map(parts.flatMap((p) => p.progress.key).map((k) => [`${k.code}|${k.label}`, k]));
  return {
    kind: "meeting",
    title: `${forum.name}: meeting pack for ${formatDate(meeting)}`,
    plan,
    asAt: meeting,
    asAtText: formatDate(meeting),
    key: [...keys.values()],
    forum: { id: forum.id, code: forum.code, name: forum.name },
    meeting,
    meetingText: formatDate(meeting),
    previousMeeting,
    since,
    sinceText: formatDate(since),
    plans: parts,
    previousDecisions: previousMeeting
      ? plans.flatMap((loaded) =>
          loaded.actions.flatMap((a) =>
            (loaded.decisionsByAction?.get(a.id) ?? [])
              .filter((d) => d.forumId === forum.id && d.meetingDate === previousMeeting)
              .map((d) => ({ plan: loaded.plan.title, actionId: a.id, number: a.number, action: a.text, decision: d.decision })),
          ),
        )
      : [],
    partnersSaid: parts.flatMap((part) => {
      const loaded = plans.find((p) => p.plan.id === part.plan.id);
      if (!loaded) return [];
      return forumActions(loaded, forum.id).actions.flatMap((a) =>
        (loaded.partnerCommentsByAction?.get(a.id) ?? [])
          .filter((c) => c.date > since && c.date <= meeting)
          .map((c) => ({ plan: loaded.plan.title, actionId: a.id, number: a.number, action: a.text, ...c, dateText: formatDate(c.date) })),
      );
    }),
  };
}

// ---- any kind -----------------------------------------------------------------------------------

export type Report = ProgressReport | ExceptionReport | SummaryReport | ChangesReport | MeetingReport;

/** A report on one plan. A meeting pack needs a forum and a date: see `meetingReport`. */
export function buildReport(kind: Exclude<ReportKind, "meeting">, loaded: LoadedPlan, options: ReportOptions): Report {
  switch (kind) {
    case "progress":
      return progressReport(loaded, options);
    case "exceptions":
      return exceptionReport(loaded, options);
    case "summary":
      return summaryReport(loaded, options);
    case "changes":
      return changesReport(loaded, options);
  }
}
