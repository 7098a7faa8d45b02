// Pages and API for EHC plan quality audits (issue 18 part 1): the framework, samples, grading,
// moderation, the figures and the feedback on a case.
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { allCriteria, frameworkToText } from "../../domain/quality/framework.ts";
import { SAMPLE_METHOD_LABELS, SAMPLE_METHODS } from "../../domain/quality/sampling.ts";
import { can } from "../../domain/roles.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary, strictForm, textFields } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import type { FrameworkRow } from "./quality.repository.ts";
import type { QualityService } from "./quality.service.ts";

const STATE_LABELS: Record<string, { text: string; colour: string }> = {
  unassigned: { text: "No auditor yet", colour: "grey" },
  assigned: { text: "To grade", colour: "blue" },
  submitted: { text: "To moderate", colour: "yellow" },
  agreed: { text: "Agreed", colour: "green" },
};

const fieldId = (criterionId: string) => criterionId.replace(".", "-");

// Each form's own fields (issue 12: strict forms): anything else is refused and nothing is saved.
// The grades form's fields come from the audit's framework, so QualityService.submitGrades reads it.
const FRAMEWORK_FIELDS = textFields("name", "sections", "grades", "goodOrBetter");
const SAMPLE_FIELDS = textFields("method", "size", "seed", "from", "to");
const ASSIGN_FIELDS = textFields("auditorId", "moderatorId");
const MODERATION_FIELDS = textFields("decision", "agreedGrade", "comment");

export function gradeLabel(framework: Pick<FrameworkRow, "grades">, code: string | null | undefined): string {
  return framework.grades.find((g) => g.code === code)?.label ?? "Not graded";
}

/** An audit as the API gives it: camelCase, the framework version it was graded against. */
export function auditJson(audit: Awaited<ReturnType<QualityService["audit"]>>["audit"], framework: FrameworkRow) {
  const grades = (audit.grades ?? {}) as Record<string, { grade: string; comment: string }>;
  return {
    id: audit.id,
    sampleId: audit.sample_id,
    caseId: audit.case_id,
    state: audit.state,
    framework: { version: framework.version, name: framework.name },
    caseworker: audit.caseworker_name,
    auditor: audit.auditor_name,
    moderator: audit.moderator_name,
    criteria: allCriteria(framework).map((c) => ({
      id: c.id,
      text: c.text,
      grade: grades[c.id]?.grade ?? null,
      comment: grades[c.id]?.comment || null,
    })),
    proposedGrade: audit.proposed_grade,
    summary: audit.summary,
    agreedGrade: audit.agreed_grade,
    agreedGoodOrBetter: audit.agreed_grade ? !!framework.grades.find((g) => g.code === audit.agreed_grade)?.goodOrBetter : null,
    moderationComment: audit.moderation_comment,
    agreedOn: audit.agreed_on,
  };
}

export function qualityRoutes(service: QualityService): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  const audit = requirePermission("auditPlans");
  // Grading and moderating: also health and social care quality auditors, for their own audits only.
  const grade = requirePermission("gradeAudits");
  const manage = requirePermission("manageQuality");

  router.get(
    "/quality",
    grade,
    withErrorPages(async (req, res) => {
      const { samples, toDo } = await service.overview(user(req));
      res.render("quality-overview.njk", {
        pageTitle: "Quality audits",
        canManage: can(user(req).roles, "manageQuality"),
        readsCasework: can(user(req).roles, "auditPlans"),
        samples: samples.map((s) => ({
          ...s,
          methodLabel: SAMPLE_METHOD_LABELS[s.method as keyof typeof SAMPLE_METHOD_LABELS] ?? s.method,
          periodText: `${formatDate(s.period_from)} to ${formatDate(s.period_to)}`,
        })),
        toDo: toDo.map((a) => ({ ...a, stateLabel: STATE_LABELS[a.state] })),
      });
    }),
  );

  const frameworkPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const framework = await service.framework(user(req));
    res.status(status).render("quality-framework.njk", {
      pageTitle: "Audit framework",
      framework,
      values: frameworkToText(framework),
      canManage: can(user(req).roles, "manageQuality"),
      ...extra,
    });
  };

  router.get(
    "/quality/framework",
    audit,
    withErrorPages((req, res) => frameworkPage(req, res)),
  );

  router.post(
    "/quality/framework",
    manage,
    withErrorPages(async (req, res) => {
      try {
        const version = await service.saveFramework(user(req), strictForm(body(req), FRAMEWORK_FIELDS));
        res.redirect(303, `/quality/framework?saved=${version}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await frameworkPage(req, res, 400, { errors: errorSummary(error.problems), values: body(req) });
      }
    }),
  );

  const newSamplePage = (res: Response, status = 200, extra: Record<string, unknown> = {}) =>
    res.status(status).render("quality-sample-new.njk", {
      pageTitle: "Draw a sample of plans to audit",
      methods: SAMPLE_METHODS.map((m) => ({ value: m, text: SAMPLE_METHOD_LABELS[m] })),
      values: { method: "newPlans", size: "10" },
      ...extra,
    });

  router.get("/quality/samples/new", manage, (_req, res) => newSamplePage(res));

  router.post(
    "/quality/samples",
    manage,
    withErrorPages(async (req, res) => {
      try {
        res.redirect(303, `/quality/samples/${await service.drawSample(user(req), strictForm(body(req), SAMPLE_FIELDS))}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        newSamplePage(res, 400, { errors: errorSummary(error.problems), values: body(req) });
      }
    }),
  );

  const samplePage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const { sample, audits, auditors } = await service.sample(user(req), String(req.params.sampleId));
    res.status(status).render("quality-sample.njk", {
      pageTitle: `Audit sample of ${formatDate(String(sample.created_at.toISOString()).slice(0, 10))}`,
      sample: {
        ...sample,
        methodLabel: SAMPLE_METHOD_LABELS[sample.method as keyof typeof SAMPLE_METHOD_LABELS] ?? sample.method,
        periodText: `${formatDate(sample.period_from)} to ${formatDate(sample.period_to)}`,
      },
      audits: audits.map((a) => ({ ...a, stateLabel: STATE_LABELS[a.state] })),
      people: [{ value: "", text: "Choose a person" }, ...auditors.map((p) => ({ value: p.id, text: p.display_name }))],
      canManage: can(user(req).roles, "manageQuality"),
      ...extra,
    });
  };

  router.get(
    "/quality/samples/:sampleId",
    audit,
    withErrorPages((req, res) => samplePage(req, res)),
  );

  router.post(
    "/quality/audits/:auditId/assign",
    manage,
    withErrorPages(async (req, res) => {
      try {
        const sampleId = await service.assign(user(req), String(req.params.auditId), strictForm(body(req), ASSIGN_FIELDS));
        res.redirect(303, `/quality/samples/${sampleId}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const { audit: found } = await service.audit(user(req), String(req.params.auditId));
        req.params.sampleId = found.sample_id;
        await samplePage(req, res, 400, {
          errors: errorSummary(error.problems).map((e) => ({ ...e, href: `${e.href}-${found.id}` })),
          failedAudit: found.id,
        });
      }
    }),
  );

  const auditPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const view = await service.audit(user(req), String(req.params.auditId));
    const grades = (view.audit.grades ?? {}) as Record<string, { grade: string; comment: string }>;
    const gradeItems = view.framework.grades.map((g) => ({ value: g.code, text: g.label }));
    const values = (extra.values as Record<string, string> | undefined) ?? {};
    res.status(status).render("quality-audit.njk", {
      pageTitle: `Quality audit: ${view.audit.child_name}`,
      ...view,
      stateLabel: STATE_LABELS[view.audit.state],
      gradeItems,
      sections: view.framework.sections.map((s) => ({
        title: s.title,
        criteria: s.criteria.map((c) => ({
          ...c,
          field: fieldId(c.id),
          grade: values[`grade-${fieldId(c.id)}`] ?? grades[c.id]?.grade,
          gradeText: gradeLabel(view.framework, grades[c.id]?.grade),
          comment: values[`comment-${fieldId(c.id)}`] ?? grades[c.id]?.comment ?? "",
        })),
      })),
      proposedText: gradeLabel(view.framework, view.audit.proposed_grade),
      agreedText: gradeLabel(view.framework, view.audit.agreed_grade),
      values,
      ...extra,
    });
  };

  router.get(
    "/quality/audits/:auditId",
    grade,
    withErrorPages((req, res) => auditPage(req, res)),
  );

  for (const [path, action] of [
    ["grades", (req: Request) => service.submitGrades(user(req), String(req.params.auditId), body(req))],
    ["moderation", (req: Request) => service.moderate(user(req), String(req.params.auditId), strictForm(body(req), MODERATION_FIELDS))],
  ] as const) {
    router.post(
      `/quality/audits/:auditId/${path}`,
      grade,
      withErrorPages(async (req, res) => {
        try {
          await action(req);
          res.redirect(303, `/quality/audits/${req.params.auditId}`);
        } catch (error) {
          if (!(error instanceof InvalidInput)) throw error;
          await auditPage(req, res, 400, { errors: errorSummary(error.problems), values: body(req) });
        }
      }),
    );
  }

  router.get(
    "/quality/results",
    requirePermission("readQuality"),
    withErrorPages(async (req, res) => {
      try {
        const results = await service.results(user(req), req.query);
        res.render("quality-results.njk", {
          pageTitle: "Plans judged good or better",
          results,
          periodText: `${formatDate(results.period.from)} to ${formatDate(results.period.to)}`,
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        res.status(400).render("quality-results.njk", { pageTitle: "Plans judged good or better", errors: errorSummary(error.problems) });
      }
    }),
  );

  router.get(
    "/cases/:caseId/quality",
    requirePermission("readCases"),
    withErrorPages(async (req, res) => {
      const { child, audits } = await service.caseFeedback(user(req), String(req.params.caseId));
      res.render("case-quality.njk", {
        pageTitle: `Quality audit feedback: ${child.child_name}`,
        child,
        audits: audits.map(({ audit: a, framework }) => ({
          ...auditJson(a, framework),
          agreedText: gradeLabel(framework, a.agreed_grade),
          agreedOnText: a.agreed_on ? formatDate(a.agreed_on) : "",
          criteria: allCriteria(framework).map((c) => {
            const g = ((a.grades ?? {}) as Record<string, { grade: string; comment: string }>)[c.id];
            return { id: c.id, text: c.text, gradeText: gradeLabel(framework, g?.grade), comment: g?.comment ?? "" };
          }),
        })),
      });
    }),
  );

  // ---- JSON API (described in quality.openapi.ts) ----

  const apiProblems = (res: Response, error: unknown) => {
    if (!(error instanceof InvalidInput)) throw error;
    res.status(400).json({ errors: error.problems });
  };

  router.get(
    "/api/quality/results",
    requirePermission("readQuality"),
    withErrorPages(async (req, res) => {
      try {
        res.json(await service.results(user(req), req.query));
      } catch (error) {
        apiProblems(res, error);
      }
    }),
  );

  router.get(
    "/api/quality/audits/:auditId",
    grade,
    withErrorPages(async (req, res) => {
      const view = await service.audit(user(req), String(req.params.auditId));
      res.json(auditJson(view.audit, view.framework));
    }),
  );

  router.post(
    "/api/quality/samples",
    manage,
    withErrorPages(async (req, res) => {
      try {
        // The API may send the size and seed as numbers.
        const id = await service.drawSample(user(req), strictForm(body(req), textFields("method", "from", "to"), ["size", "seed"]));
        const { sample, audits } = await service.sample(user(req), id);
        res.status(201).json({
          id,
          method: sample.method,
          seed: Number(sample.seed),
          from: sample.period_from,
          to: sample.period_to,
          frameworkVersion: sample.framework_version,
          audits: audits.map((a) => ({ id: a.id, caseId: a.case_id, caseworker: a.caseworker_name })),
        });
      } catch (error) {
        apiProblems(res, error);
      }
    }),
  );

  return router;
}
