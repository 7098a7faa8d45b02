// Reading requests: URL-encoded forms and JSON with size limits, and cookies. Multipart bodies
// are read only by the routes that take a file (busboy), after the CSRF check; see
// refuse-unexpected-bodies.ts.
import cookieParser from "cookie-parser";
import express, { type NextFunction, type Request, type Response } from "express";

export function requestParsing(): express.Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: "200kb", parameterLimit: 500 }));
  router.use(express.json({ limit: "1mb" }));
  // The one route that takes an XML file as its body: a council's SEN2 return read in
  // (src/modules/returns). Kept as bytes; the service checks its size and reads it.
  router.use("/api/returns/sen2/import", express.raw({ type: ["application/xml", "text/xml"], limit: "200mb" }));
  router.use(cookieParser());
  router.use(ownPropertiesOnly);
  return router;
}

/**
 * A form or JSON body as an object with no prototype, so a field named `constructor` or
 * `__proto__` is only ever a field, never something inherited (issue 12).
 */
function ownPropertiesOnly(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body && typeof body === "object" && !Array.isArray(body) && !Buffer.isBuffer(body) && Object.getPrototypeOf(body) !== null) {
    req.body = Object.assign(Object.create(null), body);
  }
  next();
}
