// Closure, the seed 001 way (issue 13 part 8): the grouped closure table as a page, in Word and in
// Excel, and the lead's narrative under each group.
import express, { type Request, type Response } from "express";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { userCan } from "../access/access.service.ts";
import { renderDocx } from "../reports/render/docx.ts";
import { CONTENT_TYPES } from "../reports/render/index.ts";
import { renderXlsx } from "../reports/render/xlsx.ts";
import { type ClosureService, NARRATIVE_MAX } from "./closure.service.ts";

export function closureRoutes(closure: ClosureService): express.Router {
  const router = express.Router();
  const read = requirePermission("readPlans");
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const planId = (req: Request) => String(req.params.planId);

  const page = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const table = await closure.closureTable(user(req), planId(req));
    res.status(status).render("closure.njk", {
      pageTitle: `How ${table.plan.title} closed`,
      ...table,
      narrativeMax: NARRATIVE_MAX,
      canEdit: userCan(user(req), "editPlans"),
      saved: req.query.saved === "1",
      values: {},
      ...extra,
    });
  };

  router.get(
    "/plans/:planId/closure",
    read,
    withErrorPages(async (req, res) => page(req, res, 200)),
  );

  router.get(
    "/plans/:planId/closure.:format",
    read,
    withErrorPages(async (req, res) => {
      const format = String(req.params.format);
      if (format !== "docx" && format !== "xlsx") throw new NotFound("The closure table comes as a Word (.docx) or Excel (.xlsx) file.");
      const { document, filename } = await closure.closureDocument(user(req), planId(req));
      const body = format === "docx" ? await renderDocx(document) : await renderXlsx(document);
      res.type(CONTENT_TYPES[format]).attachment(`${filename}.${format}`).send(body);
    }),
  );

  router.post(
    "/plans/:planId/closure/narratives",
    edit,
    withErrorPages(async (req, res) => {
      try {
        await closure.saveNarratives(user(req), planId(req), (req.body ?? {}) as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await page(req, res, 400, { values: req.body ?? {}, errors: errorSummary(error.problems) });
        return;
      }
      res.redirect(303, `/plans/${planId(req)}/closure?saved=1`);
    }),
  );

  return router;
}
