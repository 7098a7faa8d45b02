// Bound success measures (SPEC C3) in committee reports: the measures service's figures as at the
// report's date, turned into the report's data (report-model.ts) with their words, and added to
// the progress sheet and each plan of a meeting pack. The figures are the ones the action's page
// and the API give for the same date (measure-links.service.ts): one computation, every output.
import { formatDate } from "../../domain/dates.ts";
import type { ActionMeasures, BoundMeasure } from "../measures/measure-links.service.ts";
import { figure } from "../measures/measures.routes.ts";
import type { ProgressReport, Report, ReportBoundMeasure } from "./report-model.ts";

export function reportBoundMeasure(action: ActionMeasures["action"], l: BoundMeasure): ReportBoundMeasure {
  return {
    actionId: action.id,
    number: action.number,
    linkId: l.id,
    measureId: l.measureId,
    title: l.title,
    unit: l.unit,
    asAt: l.asAt,
    period: { from: l.period.from, to: l.period.to },
    actual: l.actual,
    numerator: l.numerator,
    denominator: l.denominator,
    withheld: l.withheld === true,
    actualText: figure(l.unit, l.actual, l.numerator, l.denominator, l.withheld),
    baseline: l.baselineValue === null || l.baselineDate === null ? null : { value: l.baselineValue, date: l.baselineDate },
    baselineText: l.baselineValue === null ? "None given" : `${figure(l.unit, l.baselineValue)} on ${formatDate(l.baselineDate as string)}`,
    target: { value: l.targetValue, date: l.targetDate },
    targetText: `${figure(l.unit, l.targetValue)} by ${formatDate(l.targetDate)}`,
    milestone: l.assessment.expected,
    milestoneText: `${figure(l.unit, l.assessment.expected)} on ${formatDate(l.asAt)}`,
    proposedRating: l.assessment.proposed,
    reason: l.assessment.sentence,
    leadRating: action.latestStatusLabel,
    supportsRating: l.assessment.supportsRating,
    ratingKept: l.ratingKept && { rating: l.ratingKept.rating, reason: l.ratingKept.reason, keptBy: l.ratingKept.keptBy },
    series: l.series.map((p, i) => ({ label: p.period.label, to: p.period.to, value: p.value, milestone: l.milestones[i]?.value ?? null })),
  };
}

/** The progress sheets of a report (one, or one per plan of a meeting pack). */
export function progressSheetsOf(report: Report): ProgressReport[] {
  if (report.kind === "progress") return [report];
  if (report.kind === "meeting") return report.plans.map((p) => p.progress);
  return [];
}

/** Adds each sheet's bound measures, in the order of its rows. */
export function addBoundMeasures(report: Report, measures: readonly ActionMeasures[]): void {
  for (const sheet of progressSheetsOf(report)) {
    sheet.boundMeasures = sheet.rows.flatMap((row) => {
      const found = measures.find((m) => m.action.id === row.actionId);
      return found ? found.links.map((l) => reportBoundMeasure(found.action, l)) : [];
    });
  }
}
