// Wires repositories -> services -> app by hand (no DI container), for the server, the worker,
// the command line and the tests alike.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { accessRoutes } from "./modules/access/access.routes.ts";
import { AccessService } from "./modules/access/access.service.ts";
import { SignInLimits } from "./modules/access/sign-in-limits.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { AuditService } from "./modules/audit/audit.service.ts";
import { casesRoutes } from "./modules/cases/cases.routes.ts";
import { CasesService } from "./modules/cases/cases.service.ts";
import { deadlinesRoutes } from "./modules/deadlines/deadlines.routes.ts";
import { DeadlinesService } from "./modules/deadlines/deadlines.service.ts";
import { navigationFor } from "./modules/home/home.presenter.ts";
import { homeRoutes } from "./modules/home/home.routes.ts";
import { IMPORT_UPLOAD_PATHS, importsRoutes } from "./modules/imports/imports.routes.ts";
import { ImportsService } from "./modules/imports/imports.service.ts";
import { measuresRoutes } from "./modules/measures/measures.routes.ts";
import { MeasuresService } from "./modules/measures/measures.service.ts";
import { peopleRoutes } from "./modules/people/people.routes.ts";
import { PeopleService } from "./modules/people/people.service.ts";
import { plansRoutes } from "./modules/plans/plans.routes.ts";
import { PlansService } from "./modules/plans/plans.service.ts";
import { publicationRoutes } from "./modules/publication/publication.routes.ts";
import { PublicationService } from "./modules/publication/publication.service.ts";
import { reportsRoutes } from "./modules/reports/reports.routes.ts";
import { ReportsService } from "./modules/reports/reports.service.ts";
import { returnsRoutes } from "./modules/returns/returns.routes.ts";
import { ReturnsService } from "./modules/returns/returns.service.ts";
import { projectRoot } from "./platform/assets.ts";
import { londonToday } from "./platform/clock.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db.ts";
import { healthRoutes } from "./platform/health.ts";
import { createApp } from "./platform/http.ts";
import { createJobs } from "./platform/jobs.ts";
import { migrateToLatest } from "./platform/migrate.ts";

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
}

/** Brings the database up to date and builds the services on it. */
export async function openSystem(database: Database, options: SystemOptions = {}) {
  const today = options.today ?? londonToday;
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const db = database.app();
  const jobs = createJobs(db);
  const plans = new PlansService(db, today);
  const cases = new CasesService(db, today);
  return {
    today,
    database,
    db,
    jobs,
    people: new PeopleService(db),
    audit: new AuditService(db),
    deadlines: new DeadlinesService(db),
    plans,
    imports: new ImportsService(db, plans, jobs, today),
    reports: new ReportsService(plans, today),
    cases,
    returns: new ReturnsService(db, cases),
    measures: new MeasuresService(db, today),
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}

export async function createSystem(config: Config, database: Database, options: SystemOptions = {}) {
  const system = await openSystem(database, options);
  const today = system.today;
  const access = new AccessService(system.db, new SignInLimits(database.appPool()), {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  });
  const app = createApp({
    config,
    findSignedInUser: (token) => access.findSignedInUser(token),
    csrfTokens: access.csrfTokens,
    fileUploadPaths: IMPORT_UPLOAD_PATHS,
    navigationFor,
    routers: [
      healthRoutes(system.db, system.jobs, { version: config.version, commit: config.commit, database: database.kind }),
      accessRoutes(access, config),
      homeRoutes(),
      peopleRoutes(system.people),
      auditRoutes(system.audit),
      deadlinesRoutes(system.deadlines, today),
      importsRoutes(system.imports, system.plans, today),
      plansRoutes(system.plans, today),
      reportsRoutes(system.reports, today),
      publicationRoutes(new PublicationService(system.db, system.plans, today)),
      casesRoutes(system.cases),
      measuresRoutes(system.measures, today),
      returnsRoutes(system.returns, today),
    ],
  });
  return { ...system, access, app };
}
