// Wires repositories -> services -> app by hand (no DI container), for the server, the worker,
// the command line and the tests alike.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CODE_WINDOW_SECONDS } from "./domain/access/sign-in-limits.ts";
import { englandAndWalesCalendar } from "./domain/bank-holidays.ts";
import { accessRoutes } from "./modules/access/access.routes.ts";
import { AccessService, actorOf } from "./modules/access/access.service.ts";
import { SecondFactorService } from "./modules/access/second-factor.service.ts";
import { SignInLimits } from "./modules/access/sign-in-limits.ts";
import { envName, SingleSignOnService } from "./modules/access/sso.service.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { AuditService } from "./modules/audit/audit.service.ts";
import { casesRoutes } from "./modules/cases/cases.routes.ts";
import { CasesService } from "./modules/cases/cases.service.ts";
import { closureRoutes } from "./modules/closure/closure.routes.ts";
import { ClosureService } from "./modules/closure/closure.service.ts";
import { commentsRoutes } from "./modules/comments/comments.routes.ts";
import { CommentsService } from "./modules/comments/comments.service.ts";
import { deadlinesRoutes } from "./modules/deadlines/deadlines.routes.ts";
import { DeadlinesService } from "./modules/deadlines/deadlines.service.ts";
import { navigationFor } from "./modules/home/home.presenter.ts";
import { homeRoutes } from "./modules/home/home.routes.ts";
import { IMPORT_UPLOAD_PATHS, importsRoutes } from "./modules/imports/imports.routes.ts";
import { DEFAULT_MAX_RUNNING_IMPORTS, ImportsService } from "./modules/imports/imports.service.ts";
import { enteredMeasuresRoutes } from "./modules/measures/entered-measures.routes.ts";
import { EnteredMeasuresService } from "./modules/measures/entered-measures.service.ts";
import { boundMeasureViews } from "./modules/measures/measure-links.presenter.ts";
import { measureLinksRoutes } from "./modules/measures/measure-links.routes.ts";
import { MeasureLinksService } from "./modules/measures/measure-links.service.ts";
import { measuresRoutes } from "./modules/measures/measures.routes.ts";
import { MeasuresService } from "./modules/measures/measures.service.ts";
import { AdviceLinksService } from "./modules/notifications/advice-links.service.ts";
import { channelConfigFromEnv, type Senders, sendersFrom } from "./modules/notifications/notifications.channels.ts";
import { DigestPreferences } from "./modules/notifications/notifications.digests.ts";
import { DeliveryReceipts } from "./modules/notifications/notifications.receipts.ts";
import { DailyMessages } from "./modules/notifications/notifications.reminders.ts";
import { ADVICE_UPLOAD_PATHS, notificationsRoutes } from "./modules/notifications/notifications.routes.ts";
import { NotificationsService } from "./modules/notifications/notifications.service.ts";
import { reviewMeetingHook } from "./modules/notifications/review-invitations.ts";
import { peopleRoutes } from "./modules/people/people.routes.ts";
import { PeopleService } from "./modules/people/people.service.ts";
import { EVIDENCE_UPLOAD_PATHS, evidenceRoutes } from "./modules/plans/plans.evidence.routes.ts";
import { EvidenceService } from "./modules/plans/plans.evidence.service.ts";
import { forumRoutes } from "./modules/plans/plans.forums.routes.ts";
import { ForumsService } from "./modules/plans/plans.forums.service.ts";
import { plansRoutes } from "./modules/plans/plans.routes.ts";
import { PlansService } from "./modules/plans/plans.service.ts";
import { planSetupRoutes } from "./modules/plans/plans.setup.routes.ts";
import { PlanSetupService } from "./modules/plans/plans.setup.service.ts";
import { PlanStructureService } from "./modules/plans/plans.structure.service.ts";
import { publicationRoutes } from "./modules/publication/publication.routes.ts";
import { PublicationService } from "./modules/publication/publication.service.ts";
import { complaintsRoutes } from "./modules/quality/complaints.routes.ts";
import { ComplaintsService } from "./modules/quality/complaints.service.ts";
import { feedbackRoutes } from "./modules/quality/feedback.routes.ts";
import { FeedbackService } from "./modules/quality/feedback.service.ts";
import { qualityRoutes } from "./modules/quality/quality.routes.ts";
import { QualityService } from "./modules/quality/quality.service.ts";
import { QualityMeasuresService } from "./modules/quality/quality-measures.service.ts";
import { reportsRoutes } from "./modules/reports/reports.routes.ts";
import { ReportsService } from "./modules/reports/reports.service.ts";
import { returnsRoutes, SEN2_UPLOAD_PATHS } from "./modules/returns/returns.routes.ts";
import { ReturnsService } from "./modules/returns/returns.service.ts";
import { projectRoot } from "./platform/assets.ts";
import { sharedChromium } from "./platform/chromium.ts";
import { londonToday } from "./platform/clock.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db.ts";
import { InvalidInput } from "./platform/errors.ts";
import { healthRoutes } from "./platform/health.ts";
import { createApp } from "./platform/http.ts";
import { createJobs } from "./platform/jobs.ts";
import { migrateToLatest } from "./platform/migrate.ts";
import { databaseCounter } from "./platform/rate-limit.ts";
import { SecretBox, totpKeyFor } from "./platform/secret-box.ts";
import { type VirusScanner, virusScannerFromEnv } from "./platform/virus-scan.ts";

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")).version;
}

export function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: projectRoot, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "unknown";
  }
}

export type System = Awaited<ReturnType<typeof createSystem>>;

export interface SystemOptions {
  /** Today's date; the London calendar day unless a test sets the day it runs on. */
  today?: () => string;
  /** Told what start-up is doing, a line at a time (`npm start` prints them). */
  onStep?: (message: string) => void;
  /** How messages leave (tests give their own SMTP server or Notify fake); from the environment otherwise. */
  senders?: Senders;
  publicBaseUrl?: string;
  /** How uploaded advice files are scanned (tests give their own clamd); from the environment otherwise. */
  virusScanner?: VirusScanner;
}

/** Brings the database up to date and builds the services on it. */
export async function openSystem(database: Database, options: SystemOptions = {}) {
  const today = options.today ?? londonToday;
  const { onStep } = options;
  try {
    onStep?.("Running database migrations");
    const { applied, total } = await migrateToLatest(database);
    onStep?.(applied.length ? `Applied ${applied.length} of ${total} migrations` : `The database is up to date (${total} migrations)`);
  } catch (error) {
    await database.close();
    throw error;
  }
  const db = database.app();
  const jobs = createJobs(db);
  const plans = new PlansService(db, today);
  const measures = new MeasuresService(db, today);
  const enteredMeasures = new EnteredMeasuresService(db, today);
  const cases = new CasesService(db, today);
  const qualityMeasures = new QualityMeasuresService(db, today);
  const measureLinks = new MeasureLinksService(db, measures, today, qualityMeasures, enteredMeasures);
  const channelConfig = channelConfigFromEnv();
  const notifications = new NotificationsService(db, jobs, options.senders ?? sendersFrom(channelConfig), {
    publicBaseUrl: options.publicBaseUrl ?? channelConfig.publicBaseUrl,
    ...(channelConfig.reclaimSeconds ? { reclaimSeconds: channelConfig.reclaimSeconds } : {}),
  });
  const adviceLinks = new AdviceLinksService(
    db,
    notifications,
    cases,
    today,
    databaseCounter(database.appPool(), "advice-link", { windowSeconds: 3600 }),
    // Advice files are scanned by clamd (CLAMD_SOCKET or CLAMD_HOST); production without one refuses files.
    { scanner: options.virusScanner ?? virusScannerFromEnv(), requireScan: process.env.NODE_ENV === "production" },
  );
  reviewMeetingHook(cases, notifications, englandAndWalesCalendar);
  return {
    today,
    database,
    db,
    jobs,
    people: new PeopleService(db, notifications),
    audit: new AuditService(db),
    deadlines: new DeadlinesService(db),
    plans,
    planSetup: new PlanSetupService(db),
    planStructure: new PlanStructureService(db, today),
    evidence: new EvidenceService(db),
    comments: new CommentsService(db),
    closure: new ClosureService(db, plans),
    forums: new ForumsService(db),
    imports: new ImportsService(db, plans, jobs, today, { maxRunning: maxRunningImports(process.env.IMPORTS_MAX_RUNNING) }),
    reports: new ReportsService(plans, today, measureLinks),
    cases,
    notifications,
    adviceLinks,
    reminders: new DailyMessages(db, notifications, cases, today),
    receipts: new DeliveryReceipts(db, channelConfig.notifyCallbackToken),
    digests: new DigestPreferences(db),
    measures,
    enteredMeasures,
    measureLinks,
    returns: new ReturnsService(db, cases, measures, today),
    quality: new QualityService(db, today),
    qualityMeasures,
    complaints: new ComplaintsService(db, today),
    feedback: new FeedbackService(
      db,
      notifications,
      cases,
      { publicBaseUrl: options.publicBaseUrl ?? channelConfig.publicBaseUrl },
      today,
      databaseCounter(database.appPool(), "feedback-link", { windowSeconds: 3600 }),
    ),
    async close() {
      await jobs.stop();
      await sharedChromium.close();
      await database.close();
    },
  };
}

export async function createSystem(config: Config, database: Database, options: SystemOptions = {}) {
  const system = await openSystem(database, options);
  const today = system.today;
  options.onStep?.("Preparing the pages (the stylesheet is compiled when it has changed)");
  const secondFactor = new SecondFactorService(
    system.db,
    databaseCounter(database.appPool(), "second-step:account", { windowSeconds: CODE_WINDOW_SECONDS }),
    secretBoxFor(config, database),
  );
  const access = new AccessService(
    system.db,
    new SignInLimits(database.appPool()),
    { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours },
    secondFactor,
  );
  // Each council's client secret comes from the environment, never the database or the code.
  const publication = new PublicationService(system.db, system.plans, today, system.measureLinks);
  const sso = new SingleSignOnService(system.db, access, (code) => process.env[`OIDC_CLIENT_SECRET_${envName(code)}`] || undefined);
  const app = createApp({
    config,
    findSignedInUser: (token) => access.findSignedInUser(token),
    csrfTokens: access.csrfTokens,
    fileUploadPaths: [...IMPORT_UPLOAD_PATHS, ...EVIDENCE_UPLOAD_PATHS, ...SEN2_UPLOAD_PATHS, ...ADVICE_UPLOAD_PATHS],
    navigationFor,
    probes: healthRoutes(system.db, system.jobs, { version: config.version, commit: config.commit, database: database.kind }),
    routers: [
      accessRoutes(access, config, sso),
      homeRoutes(),
      peopleRoutes(system.people, secondFactor),
      auditRoutes(system.audit),
      deadlinesRoutes(system.deadlines, today),
      importsRoutes(system.imports, system.plans, today),
      // Before plansRoutes: /plans/new must not be read as a plan's id.
      planSetupRoutes(system.planSetup, system.planStructure, system.plans),
      forumRoutes(system.forums, system.plans),
      evidenceRoutes(system.evidence, system.plans),
      plansRoutes(
        system.plans,
        today,
        system.evidence,
        system.comments,
        (u, planId) => publication.lastPublished(u, planId),
        // A date the measures cannot be counted for (before 2016, after this year) shows the action without them.
        async (u, actionId, asAt) =>
          boundMeasureViews(
            (
              await system.measureLinks.forAction(actorOf(u), u.roles, actionId, asAt).catch((error: unknown) => {
                if (error instanceof InvalidInput) return { links: [] };
                throw error;
              })
            ).links,
          ),
      ),
      commentsRoutes(system.comments),
      closureRoutes(system.closure),
      reportsRoutes(system.reports, today),
      publicationRoutes(publication),
      casesRoutes(system.cases),
      notificationsRoutes(system.notifications, system.adviceLinks, system.receipts, system.digests),
      // Before measuresRoutes, beside it: /measures/entered/... are the measures entered by hand.
      enteredMeasuresRoutes(system.enteredMeasures, today),
      measuresRoutes(system.measures, today, system.enteredMeasures),
      measureLinksRoutes(system.measureLinks),
      returnsRoutes(system.returns, today),
      qualityRoutes(system.quality),
      feedbackRoutes(system.feedback),
      complaintsRoutes(system.complaints, system.qualityMeasures, today),
    ],
  });
  return { ...system, access, sso, secondFactor, app };
}

/** The box TOTP secrets are sealed in (issue 12); none without a key (see totpKeyFor). */
function secretBoxFor(config: Config, database: Database): SecretBox | undefined {
  // The embedded database in memory (tests) has no DATA_DIR to keep a key in.
  const key = totpKeyFor(config, database.kind === "pglite");
  return key ? new SecretBox(key) : undefined;
}

/** IMPORTS_MAX_RUNNING: imports running at once in all councils (a whole number from 1), default 4. */
export function maxRunningImports(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_MAX_RUNNING_IMPORTS;
  if (!/^\d{1,4}$/.test(value.trim()) || Number(value) < 1) throw new Error(`IMPORTS_MAX_RUNNING must be a whole number from 1; got "${value}".`);
  return Number(value);
}
