// Reading requests: URL-encoded forms and JSON with size limits, and cookies. Multipart bodies
// are read only by the routes that take a file (busboy), after the CSRF check; see
// refuse-unexpected-bodies.ts.
import cookieParser from "cookie-parser";
import express from "express";

export function requestParsing(): express.Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: "200kb", parameterLimit: 500 }));
  router.use(express.json({ limit: "1mb" }));
  router.use(cookieParser());
  return router;
}
