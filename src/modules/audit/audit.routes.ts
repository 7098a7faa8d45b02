import express from "express";
import { requirePermission } from "../../platform/http.ts";
import { actionChoices, auditCsv, auditViewModel } from "./audit.presenter.ts";
import { parseAuditQuery, queryString } from "./audit.schemas.ts";
import { AUDIT_EXPORT_LIMIT, AUDIT_PAGE_SIZE, type AuditService } from "./audit.service.ts";

export function auditRoutes(audit: AuditService): express.Router {
  const router = express.Router();

  router.get("/audit", requirePermission("readAudit"), async (req, res) => {
    const user = req.user as NonNullable<typeof req.user>;
    const { query, filter, errors } = parseAuditQuery(req.query as Record<string, unknown>);
    const signIns = query.tab === "sign-ins";
    const result = await audit.page(user, { filter, signIns, page: query.page });
    const shown = { ...query, page: result.page };
    const pageLink = (page: number) => `/audit${queryString(shown, { page: page > 1 ? page : "" })}`;
    res.status(errors.length ? 400 : 200).render("audit.njk", {
      pageTitle: `Audit trail${signIns ? ": sign-ins" : ""}`,
      signIns,
      query: shown,
      errors,
      events: auditViewModel(result.rows, result.reader),
      total: result.total,
      first: result.total === 0 ? 0 : (result.page - 1) * AUDIT_PAGE_SIZE + 1,
      last: Math.min(result.page * AUDIT_PAGE_SIZE, result.total),
      people: [{ value: "", text: "Anyone" }, ...result.people.map((p) => ({ value: p.id, text: p.display_name }))].map((o) => ({
        ...o,
        selected: o.value === query.person,
      })),
      actions: [{ value: "", text: "Anything" }, ...actionChoices(signIns)].map((o) => ({ ...o, selected: o.value === query.action })),
      tabs: {
        activity: `/audit${queryString({ ...shown, tab: "activity", action: "", page: 1 })}`,
        signIns: `/audit${queryString({ ...shown, tab: "sign-ins", action: "", caseId: "", page: 1 })}`,
      },
      clear: signIns ? "/audit?tab=sign-ins" : "/audit",
      csvLink: `/audit.csv${queryString({ ...shown, page: 1 })}`,
      exportLimit: AUDIT_EXPORT_LIMIT,
      pagination: {
        ...(result.page > 1 ? { previous: { href: pageLink(result.page - 1) } } : {}),
        ...(result.page < result.pages ? { next: { href: pageLink(result.page + 1) } } : {}),
        items: pageNumbers(result.page, result.pages).map((n) =>
          n === "…" ? { ellipsis: true } : { number: n, href: pageLink(n), current: n === result.page },
        ),
      },
    });
  });

  router.get("/audit.csv", requirePermission("readAudit"), async (req, res) => {
    const user = req.user as NonNullable<typeof req.user>;
    const { query, filter, errors } = parseAuditQuery(req.query as Record<string, unknown>);
    if (errors.length) {
      res.redirect(303, `/audit${queryString(query)}`);
      return;
    }
    const { rows, reader } = await audit.export(user, { filter, signIns: query.tab === "sign-ins" });
    const day = new Date().toISOString().slice(0, 10);
    res
      .set("content-type", "text/csv; charset=utf-8")
      .set("content-disposition", `attachment; filename="audit-trail-${user.councilCode.toLowerCase()}-${day}.csv"`)
      .set("cache-control", "no-store")
      .send(`\uFEFF${auditCsv(rows, reader)}`);
  });

  return router;
}

/** 1 … 4 5 6 … 20: the first, the last, and two either side of the current page. */
export function pageNumbers(current: number, pages: number): (number | "…")[] {
  const shown: (number | "…")[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 2) shown.push(n);
    else if (shown.at(-1) !== "…") shown.push("…");
  }
  return shown;
}
