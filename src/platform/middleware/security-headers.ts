// Security headers (helmet) with a content security policy that allows only our own scripts,
// plus the GOV.UK template's one inline script by a nonce made fresh for each response.
import { randomBytes } from "node:crypto";
import express, { type Response } from "express";
import helmet from "helmet";
import type { Config } from "../config.ts";

export function securityHeaders(config: Config): express.Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  router.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // GOV.UK Frontend's template adds one inline script (js-enabled), allowed by its nonce.
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
      strictTransportSecurity: config.production,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  return router;
}
