import express from "express";
import { requirePermission } from "../../platform/http.ts";
import type { AuditService } from "./audit.service.ts";

export function auditRoutes(audit: AuditService): express.Router {
  const router = express.Router();
  router.get("/audit", requirePermission("readAudit"), async (req, res) => {
    const events = await audit.recent(req.user as NonNullable<typeof req.user>);
    res.render("audit.njk", {
      pageTitle: "Audit trail",
      events: events.map((e) => ({ ...e, summary: JSON.stringify(e.after ?? e.before ?? {}).slice(0, 300) })),
    });
  });
  return router;
}
