// Committee reports (SPEC A9): loads a plan under the council's row-level security, after the
// same readPlans check the plans pages make, builds the report as at a date and renders it.
// No SQL of its own: it reads through the plans service.
import { formatDate } from "../../domain/dates.ts";
import { InvalidInput } from "../../platform/errors.ts";
import type { Actor } from "../../platform/transaction.ts";
import type { MeasureLinksService } from "../measures/measure-links.service.ts";
import type { PlansService } from "../plans/plans.service.ts";
import { CONTENT_TYPES, renderReport } from "./render/index.ts";
import { addBoundMeasures, progressSheetsOf } from "./report-measures.ts";
import { buildReport, meetingReport, REPORT_KIND_TITLES, type Report } from "./report-model.ts";
import type { ReportRequest } from "./reports.schemas.ts";

export interface ReportFile {
  body: Buffer;
  contentType: string;
  filename: string;
  report: Report;
}

export class ReportsService {
  constructor(
    private readonly plans: PlansService,
    private readonly today: () => string,
    /** Bound success measures on the progress sheet and meeting pack (issue 16); none without it. */
    private readonly links?: MeasureLinksService,
  ) {}

  /**
   * The plan's report as data. `roles` is "system" only for the command line. A meeting pack
   * covers one plan, or with `planRef` null every plan of the council reporting to the forum.
   */
  async report(actor: Actor, roles: readonly string[] | "system", planRef: string | null, request: Omit<ReportRequest, "format">): Promise<Report> {
    const report = await this.reportWithoutMeasures(actor, roles, planRef, request);
    // The plan was read with the reader's access checked: its bound measures are read as the same council.
    const actionIds = progressSheetsOf(report).flatMap((sheet) => sheet.rows.map((r) => r.actionId));
    if (this.links && actionIds.length) addBoundMeasures(report, await this.links.forActions(actor, "system", actionIds, report.asAt));
    return report;
  }

  private async reportWithoutMeasures(
    actor: Actor,
    roles: readonly string[] | "system",
    planRef: string | null,
    request: Omit<ReportRequest, "format">,
  ): Promise<Report> {
    if (request.kind === "meeting") {
      if (!request.forum || !request.meeting) {
        throw new InvalidInput([{ field: "forum", message: "A meeting pack needs the forum and the date of the meeting" }]);
      }
      const { forum, plans, meetings } = await this.plans.loadForumPlans(actor, roles, request.forum, planRef ?? undefined);
      // A pack is for a meeting the forum holds (issue 13): a wrong date is named, with the dates it has.
      if (!meetings.includes(request.meeting)) {
        const listed = meetings.length
          ? `Its meetings are on ${meetings.map(formatDate).join(", ")}`
          : "It has no meetings set: add the meeting's date to the forum first";
        throw new InvalidInput([{ field: "meeting", message: `${formatDate(request.meeting)} is not a meeting of ${forum.name}. ${listed}` }]);
      }
      return meetingReport(plans, forum, request.meeting);
    }
    if (planRef === null) throw new InvalidInput([{ field: "plan", message: "Name the plan to report on" }]);
    const asAt = request.asAt ?? this.today();
    if (request.since && request.since >= asAt) {
      throw new InvalidInput([{ field: "since", message: "The date of the previous report must be before the as-at date" }]);
    }
    const loaded = await this.plans.loadPlan(actor, roles, planRef);
    return buildReport(request.kind, loaded, { asAt, ...(request.since ? { since: request.since } : {}) });
  }

  /** The report as a file to download or write. */
  async reportFile(actor: Actor, roles: readonly string[] | "system", planRef: string | null, request: ReportRequest): Promise<ReportFile> {
    const report = await this.report(actor, roles, planRef, request);
    const body = await renderReport(report, request.format);
    const slug = (report.plan.externalId || report.plan.id).replace(/[^A-Za-z0-9._-]+/g, "-");
    const kind = REPORT_KIND_TITLES[request.kind].toLowerCase().replace(/\s+/g, "-");
    return { body, report, contentType: CONTENT_TYPES[request.format], filename: `${slug}-${kind}-${report.asAt}.${request.format}` };
  }

  /** The plan's title, for the download page (with the same access check). */
  async planTitle(actor: Actor, roles: readonly string[], planId: string) {
    const loaded = await this.plans.loadPlan(actor, roles, planId);
    const linked = new Set(loaded.actions.flatMap((a) => loaded.forumsByAction.get(a.id) ?? []));
    const forums = [...loaded.forumById.values()].filter((f) => linked.has(f.id));
    return { id: loaded.plan.id, title: loaded.plan.title, forums };
  }
}
