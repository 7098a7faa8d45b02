// Success measures bound to registry measures (SPEC A7, C3): a lead binds an action's success
// measure to a measure with a baseline and a target; the action shows the live figure, the rating
// the trajectory proposes and whether it supports the lead's rating. Kept apart from the plans
// module so plan editing and this can change side by side.
import type { Kysely } from "kysely";
import { earlierOf, formatDate, isIsoDate, laterOf } from "../../domain/dates.ts";
import { enteredIdOf, enteredMeasureId, monthlyEntries } from "../../domain/measures/entered.ts";
import { assessLink, type LinkAssessment } from "../../domain/measures/measure-links.ts";
import { monthPeriod, monthsOf, type Period, REGISTRY, REGISTRY_IDS, type RegistryId } from "../../domain/measures/registry.ts";
import { isSmall } from "../../domain/measures/suppression.ts";
import type { StatusScheme } from "../../domain/plans/types.ts";
import { isQualityMeasureId, QUALITY_MEASURE_IDS, QUALITY_MEASURES } from "../../domain/quality/measures.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import { isUuid } from "../plans/plans.service.ts";
import { listEnteredMeasures } from "./entered-measures.repository.ts";
import type { EnteredActual, EnteredMeasuresService } from "./entered-measures.service.ts";
import {
  findActionForLinks,
  findPlanForLinks,
  insertLink,
  insertRatingKept,
  type LinkRow,
  latestRatingsKept,
  listLinksForActions,
  type RatingKept,
} from "./measure-links.repository.ts";
import { type ChartPoint, smallChartSvg } from "./measures.chart.ts";
import { FIRST_YEAR, type MeasuresService } from "./measures.service.ts";

export interface BoundMeasure extends LinkRow {
  title: string;
  unit: "count" | "percent";
  /** The live figure over the 12 months to today (a flow measure) or on today (a snapshot). */
  period: Period;
  actual: number | null;
  numerator: number;
  denominator: number | null;
  assessment: LinkAssessment;
  /** The lead's reason for keeping the current rating against the measure, if given for it. */
  ratingKept: RatingKept | null;
  /** A measure entered by hand: the entry the actual is (its date and source), null if none yet; undefined for the others. */
  entry?: { date: string; source: string } | null;
  /** The date the figure is as at: today on the action's page, the report's date in a report. */
  asAt: string;
  /** Withheld for the public (a figure resting on 1 to 4 children, suppression.ts). */
  withheld?: true;
  /**
   * The month by month figures (each month's own, to the as-at date) from the baseline's month, or
   * the 12 months to the as-at date without a baseline; the milestone line on the same months.
   */
  series: { period: Period; value: number | null; withheld?: true }[];
  milestones: ChartPoint[];
}

export interface ActionMeasures {
  action: {
    id: string;
    number: string;
    text: string;
    successMeasures: string | null;
    planId: string;
    planTitle: string;
    latestStatus: string | null;
    latestStatusLabel: string | null;
  };
  links: BoundMeasure[];
}

/** Measures kept outside the casework registry (audit grades, feedback, complaints: issue 18), by id. */
export interface OtherMeasures {
  forPeriod(
    actor: Actor,
    roles: "system",
    period: Period,
  ): Promise<{ id: string; value: number | null; numerator: number; denominator: number | null }[]>;
  /** The same month by month, for the small charts; a measure without it has no chart points. */
  withSeries?(
    actor: Actor,
    roles: "system",
    period: Period,
  ): Promise<{ series: { period: Period; values: { id: string; value: number | null; numerator: number; denominator: number | null }[] }[] }>;
}

/** Options for a report or page that shows bound measures as at a date. */
export interface AsAtOptions {
  /** The public page: figures resting on 1 to 4 children are withheld (suppression.ts). */
  forPublic?: boolean;
}

/** Every measure a success measure can be bound to: the registry's, then the quality measures. */
export const BINDABLE_IDS: readonly string[] = [...REGISTRY_IDS, ...QUALITY_MEASURE_IDS];

export function bindableMeasure(id: string) {
  return isQualityMeasureId(id) ? QUALITY_MEASURES[id] : REGISTRY[id as RegistryId];
}

export class MeasureLinksService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly measures: MeasuresService,
    private readonly today: () => string,
    private readonly others?: OtherMeasures,
    /** Measures entered by hand (issue 16 part 2): bound by `entered:` and their uuid. */
    private readonly entered?: EnteredMeasuresService,
  ) {}

  /** The council's measures entered by hand, as the bind form offers them. */
  async enteredOptions(actor: Actor): Promise<{ value: string; text: string }[]> {
    if (!this.entered) return [];
    return (await this.entered.list(actor, "system")).map((m) => ({
      value: m.measureId,
      text: `${m.title} (entered by hand, ${m.unit === "percent" ? "%" : "count"})`,
    }));
  }

  /** The rolling 12 months to today: the period a live figure is read over. */
  livePeriod(asAt: string = this.today()): Period {
    const y = Number(asAt.slice(0, 4));
    const m = Number(asAt.slice(5, 7));
    const start = m === 12 ? monthPeriod(y, 1) : monthPeriod(y - 1, m + 1);
    return { from: start.from, to: asAt, label: `the 12 months to ${asAt}` };
  }

  /**
   * The bound measures of these actions as at a date (a report's date, a publication's), with the
   * lead's rating as at that date: the progress sheet, the meeting pack and the public page. The
   * same figures as the action's page and the API for the same date ("same figure everywhere").
   * `roles` is "system" only for callers that checked access to the plan themselves.
   */
  async forActions(
    actor: Actor,
    roles: readonly string[] | "system",
    actionIds: readonly string[],
    asAt: string,
    options: AsAtOptions = {},
  ): Promise<ActionMeasures[]> {
    if (roles !== "system" && !can(roles, "readPlans")) throw new NotAllowed("read the council's plans");
    const ids = actionIds.filter(isUuid);
    if (!ids.length) return [];
    const { actions, links, kept } = await readAs(this.db, actor, async (trx) => {
      const links = await listLinksForActions(trx, ids);
      const actions = [];
      for (const id of new Set(links.map((l) => l.actionId))) {
        const action = await findActionForLinks(trx, id, asAt);
        if (action) actions.push(action);
      }
      return {
        actions,
        links,
        kept: await latestRatingsKept(
          trx,
          links.map((l) => l.id),
        ),
      };
    });
    if (!links.length) return [];
    return this.assess(actor, actions, links, kept, asAt, options);
  }

  /** An action's bound measures as at today, or as at `asAt` (with the lead's rating as at then). */
  async forAction(actor: Actor, roles: readonly string[], actionId: string, asAt: string = this.today()): Promise<ActionMeasures> {
    if (!can(roles, "readPlans")) throw new NotAllowed("read the council's plans");
    if (!isUuid(actionId)) throw new NotFound();
    const { action, links, kept } = await readAs(this.db, actor, async (trx) => {
      const found = await findActionForLinks(trx, actionId, asAt);
      if (!found) throw new NotFound();
      const links = await listLinksForActions(trx, [actionId]);
      return {
        action: found,
        links,
        kept: await latestRatingsKept(
          trx,
          links.map((l) => l.id),
        ),
      };
    });
    const [result] = await this.assess(actor, [action], links, kept, asAt);
    return result as ActionMeasures;
  }

  /** Every action of a plan with a bound measure, each with its live figures: the plan's check (A7). */
  async forPlan(actor: Actor, roles: readonly string[], planId: string): Promise<{ planId: string; planTitle: string; actions: ActionMeasures[] }> {
    if (!can(roles, "readPlans")) throw new NotAllowed("read the council's plans");
    if (!isUuid(planId)) throw new NotFound();
    const { plan, actions, links, kept } = await readAs(this.db, actor, async (trx) => {
      const found = await findPlanForLinks(trx, planId);
      if (!found) throw new NotFound();
      const links = await listLinksForActions(
        trx,
        found.actions.map((a) => a.id),
      );
      return {
        ...found,
        links,
        kept: await latestRatingsKept(
          trx,
          links.map((l) => l.id),
        ),
      };
    });
    return { planId: plan.id, planTitle: plan.title, actions: await this.assess(actor, actions, links, kept) };
  }

  /** The figures as at the date, read once (with their months), against each action's bound measures and rating then. */
  private async assess(
    actor: Actor,
    actions: NonNullable<Awaited<ReturnType<typeof findActionForLinks>>>[],
    links: LinkRow[],
    kept: RatingKept[],
    asAt: string = this.today(),
    options: AsAtOptions = {},
  ): Promise<ActionMeasures[]> {
    const period = this.livePeriod(asAt);
    // The charts' months: from the baseline's month (or the 12 months to the date), for every
    // binding at once, so the figures are one statement however many months (measures.service.ts).
    const startOf = (link: LinkRow) =>
      laterOf(`${FIRST_YEAR}-01-01`, link.baselineDate && link.baselineDate < asAt ? `${link.baselineDate.slice(0, 7)}-01` : period.from);
    const seriesPeriod: Period = {
      from: links.map(startOf).reduce((a, b) => earlierOf(a, b), period.from),
      to: asAt,
      label: `months to ${asAt}`,
    };
    const hasRegistry = links.some((l) => !isQualityMeasureId(l.measureId) && enteredIdOf(l.measureId) === null);
    const hasOther = this.others && links.some((l) => isQualityMeasureId(l.measureId));
    const registry = hasRegistry ? await this.measures.forPeriod(actor, "system", period, seriesPeriod) : { values: [], series: [] };
    const otherFigures = hasOther && this.others ? await this.others.forPeriod(actor, "system", period) : [];
    const otherSeries = hasOther && this.others?.withSeries ? (await this.others.withSeries(actor, "system", seriesPeriod)).series : [];
    const figures = [...registry.values, ...otherFigures];
    // Entered by hand: the actual as at the date is the latest entry on or before it.
    const enteredIds = links.map((l) => enteredIdOf(l.measureId)).filter((id): id is string => id !== null);
    const entered = this.entered && enteredIds.length ? await this.entered.actualsOn(actor, enteredIds, asAt) : new Map<string, EnteredActual>();
    // Each month's figures, by "YYYY-MM".
    const monthly = new Map<string, typeof figures>();
    for (const s of [...registry.series, ...otherSeries]) {
      const key = s.period.from.slice(0, 7);
      monthly.set(key, [...(monthly.get(key) ?? []), ...s.values]);
    }
    // For the public, a figure resting on 1 to 4 children is withheld (suppression.ts).
    const hide = (f: { value: number | null; numerator: number; denominator: number | null } | undefined) =>
      !!options.forPublic && f !== undefined && isSmall(f.denominator ?? f.numerator);
    return actions.map((action) => {
      const scheme = action.status_scheme as StatusScheme;
      const status = scheme.statuses.find((s) => s.code === action.latestStatus);
      return {
        action: {
          id: action.id,
          number: action.number,
          text: action.text,
          successMeasures: action.success_measures,
          planId: action.plan_id,
          planTitle: action.plan_title,
          latestStatus: action.latestStatus,
          latestStatusLabel: status?.label ?? null,
        },
        links: links
          .filter((link) => link.actionId === action.id)
          .map((link): BoundMeasure => {
            const enteredId = enteredIdOf(link.measureId);
            if (enteredId !== null) return this.enteredMeasure(link, entered.get(enteredId), startOf(link), asAt, status, kept, action.latestStatus);
            const measure = bindableMeasure(link.measureId);
            const found = figures.find((f) => f.id === link.measureId);
            const withheld = hide(found);
            const figure = withheld ? undefined : found;
            const bound = boundOf(link, measure);
            const shownMonths = monthsTo(startOf(link), asAt);
            const series = shownMonths.map((month) => {
              const f = monthly.get(month.from.slice(0, 7))?.find((v) => v.id === link.measureId);
              return hide(f) ? { period: month, value: null, withheld: true as const } : { period: month, value: f?.value ?? null };
            });
            return {
              ...link,
              title: measure.title,
              unit: measure.unit,
              period,
              asAt,
              ...(withheld ? { withheld: true as const } : {}),
              actual: figure?.value ?? null,
              numerator: figure?.numerator ?? 0,
              denominator: figure?.denominator ?? null,
              assessment: assessLink(bound, figure?.value ?? null, asAt, status),
              // A reason counts only for the rating it was given for: a new rating needs a new one.
              ratingKept: kept.find((k) => k.linkId === link.id && k.rating === action.latestStatus) ?? null,
              series,
              milestones: milestonesOn(bound, shownMonths),
            };
          }),
      };
    });
  }

  /** A success measure bound to a measure entered by hand: the latest figure on or before the date, and one a month. */
  private enteredMeasure(
    link: LinkRow,
    found: EnteredActual | undefined,
    start: string,
    asAt: string,
    status: StatusScheme["statuses"][number] | undefined,
    kept: RatingKept[],
    latestStatus: string | null,
  ): BoundMeasure {
    const measure = found?.definition ?? { title: "A measure entered by hand", unit: "count" as const, higherIsBetter: true };
    const actual = found?.actual ?? null;
    const bound = boundOf(link, measure);
    const months = monthsTo(start, asAt);
    const perMonth = monthlyEntries(found?.entries ?? [], months);
    return {
      ...link,
      title: measure.title,
      unit: measure.unit,
      // The day the entered figure is for (nothing entered yet: the date asked for).
      period: actual
        ? { from: actual.date, to: actual.date, label: `entered for ${formatDate(actual.date)}` }
        : { from: asAt, to: asAt, label: `nothing entered by ${formatDate(asAt)}` },
      actual: actual?.value ?? null,
      numerator: 0,
      denominator: null,
      assessment: assessLink(bound, actual?.value ?? null, asAt, status),
      ratingKept: kept.find((k) => k.linkId === link.id && k.rating === latestStatus) ?? null,
      entry: actual ? { date: actual.date, source: actual.source } : null,
      asAt,
      series: months.map((month, i) => ({ period: month, value: perMonth[i]?.value ?? null })),
      milestones: milestonesOn(bound, months),
    };
  }

  /**
   * The lead keeps the action's current rating though the bound measure does not support it, and
   * says why (SPEC C3); the reason is kept with the rating it was given for, and audited.
   */
  async keepRating(actor: Actor, roles: readonly string[], actionId: string, linkId: string, body: Record<string, unknown>): Promise<void> {
    if (!can(roles, "editPlans")) throw new NotAllowed("change the council's plans");
    if (!isUuid(actionId) || !isUuid(linkId)) throw new NotFound();
    const reason = text(body.reason);
    if (!reason) throw new InvalidInput([{ field: "reason", message: "Enter why you keep the rating" }]);
    if (reason.length > 2000) throw new InvalidInput([{ field: "reason", message: "The reason must be 2,000 characters or fewer" }]);
    await changeAs(this.db, actor, async (trx) => {
      const action = await findActionForLinks(trx, actionId);
      const link = (await listLinksForActions(trx, [actionId])).find((l) => l.id === linkId);
      if (!action || !link) throw new NotFound();
      if (!action.latestStatus) throw new InvalidInput([{ field: "reason", message: "The action has no rating yet to keep" }]);
      const row = await insertRatingKept(trx, { councilId: actor.councilId, linkId, rating: action.latestStatus, reason, keptBy: actor.userId });
      return {
        result: undefined,
        audit: {
          action: "action.ratingKept",
          subjectType: "action",
          subjectId: actionId,
          after: { id: row.id, linkId, measureId: link.measureId, rating: action.latestStatus, reason },
        },
      };
    });
  }

  /** Binds a success measure: checked field by field, saved with its audit row, or nothing saved. */
  async bind(actor: Actor, roles: readonly string[], actionId: string, body: Record<string, unknown>): Promise<LinkRow> {
    if (!can(roles, "editPlans")) throw new NotAllowed("change the council's plans");
    if (!isUuid(actionId)) throw new NotFound();
    return changeAs(this.db, actor, async (trx) => {
      if (!(await findActionForLinks(trx, actionId))) throw new NotFound();
      // The council's own measures entered by hand (row-level security): another council's is not in the list.
      const entered = (await listEnteredMeasures(trx)).map((m) => ({ measureId: enteredMeasureId(m.id), unit: m.unit }));
      const input = parseLink(body, entered);
      const enteredId = enteredIdOf(input.measureId);
      const row = await insertLink(trx, { councilId: actor.councilId, actionId, createdBy: actor.userId, ...input, enteredMeasureId: enteredId });
      if (!row) throw new InvalidInput([{ field: "measureId", message: "This action already has that measure bound; choose another" }]);
      return { result: row, audit: { action: "action.measureBound", subjectType: "action", subjectId: actionId, after: row } };
    });
  }
}

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** A binding as the trajectory rules read it: the measure, its baseline (if given) and its target. */
function boundOf<M>(link: LinkRow, measure: M) {
  const baseline = link.baselineValue !== null && link.baselineDate ? { value: link.baselineValue, date: link.baselineDate } : null;
  return { measure, baseline, target: { value: link.targetValue, date: link.targetDate } };
}

/** The months from `start` to `asAt`, the last one cut at `asAt`: a small chart's months. */
function monthsTo(start: string, asAt: string): Period[] {
  return monthsOf({ from: start, to: asAt, label: "" }).map((m) => ({ ...m, to: earlierOf(m.to, asAt) }));
}

/** The milestone line on each month's last day; it runs from the baseline's date, and before it there is none. */
function milestonesOn(bound: Parameters<typeof assessLink>[0], months: readonly Period[]): ChartPoint[] {
  return months.map((month) => ({
    label: month.label,
    value: !bound.baseline || month.to >= bound.baseline.date ? assessLink(bound, null, month.to).expected : null,
  }));
}

/** A bound measure's small chart (accessible SVG): its month by month figures beside the milestone line. */
export function boundMeasureChart(link: BoundMeasure, idPrefix = "bound"): Promise<string> {
  return smallChartSvg({
    id: `${idPrefix}-${link.id}`,
    title: `${link.title}: each month's figure to ${link.asAt}, and the milestone line`,
    unit: link.unit,
    actuals: link.series.map((p) => ({ label: p.period.label, value: p.value })),
    milestones: link.milestones,
  });
}

/** `entered`: the council's measures entered by hand that may be bound too (id and unit). */
export function parseLink(body: Record<string, unknown>, entered: readonly { measureId: string; unit: "count" | "percent" }[] = []) {
  const problems: FieldProblem[] = [];
  const measureId = text(body.measureId);
  const enteredOne = entered.find((m) => m.measureId === measureId);
  if (!BINDABLE_IDS.includes(measureId) && !enteredOne) problems.push({ field: "measureId", message: "Select a measure from the list" });
  const unit = enteredOne?.unit ?? (BINDABLE_IDS.includes(measureId) ? bindableMeasure(measureId)?.unit : undefined);
  const number = (field: string, label: string, required: boolean) => {
    const raw = text(body[field]);
    if (!raw) {
      if (required) problems.push({ field, message: `Enter the ${label}, like 60` });
      return null;
    }
    const n = Number(raw.replace(/%$/, ""));
    if (!Number.isFinite(n) || n < 0 || n > 1_000_000) problems.push({ field, message: `The ${label} must be a number, like 60` });
    else if (unit === "percent" && n > 100) problems.push({ field, message: `The ${label} is a percentage: enter 0 to 100` });
    return Number.isFinite(n) ? n : null;
  };
  const date = (field: string, label: string, required: boolean) => {
    const raw = text(body[field]);
    if (!raw) {
      if (required) problems.push({ field, message: `Enter the ${label} as a date, like 2027-03-31` });
      return null;
    }
    if (!isIsoDate(raw)) problems.push({ field, message: `The ${label} must be a real date, like 2027-03-31` });
    return isIsoDate(raw) ? raw : null;
  };
  const targetValue = number("targetValue", "target", true);
  const targetDate = date("targetDate", "target date", true);
  const baselineValue = number("baselineValue", "baseline", false);
  const baselineDate = date("baselineDate", "baseline date", false);
  if ((baselineValue === null) !== (baselineDate === null) && !problems.some((p) => p.field.startsWith("baseline"))) {
    problems.push({
      field: baselineValue === null ? "baselineValue" : "baselineDate",
      message: "Give the baseline's value and its date, or neither",
    });
  }
  if (baselineDate && targetDate && baselineDate >= targetDate)
    problems.push({ field: "baselineDate", message: "The baseline date must be before the target date" });
  if (problems.length) throw new InvalidInput(problems);
  return { measureId, targetValue: targetValue as number, targetDate: targetDate as string, baselineValue, baselineDate };
}
