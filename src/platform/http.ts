// The HTTP pipeline, assembled from one middleware per file in ./middleware (the HMPPS template's
// layout): security headers, assets, no-store, request parsing, the signed-in user, CSRF, the
// refusal of bodies a route does not read, the routes, and the error pages.
import express from "express";
import type { CurrentUser } from "../modules/access/access.service.ts";
import { assetsRouter } from "./assets.ts";
import type { Config } from "./config.ts";
import { type CsrfTokenStore, csrfProtection } from "./middleware/csrf.ts";
import { errorHandler } from "./middleware/error-handler.ts";
import { noStore } from "./middleware/no-store.ts";
import { notFound } from "./middleware/not-found.ts";
import { type FileUploadPath, refuseUnexpectedBodies } from "./middleware/refuse-unexpected-bodies.ts";
import { requestParsing } from "./middleware/request-parsing.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { signedInUser } from "./middleware/signed-in-user.ts";
import { configureViews } from "./views.ts";

// The helpers routes use, from one place.
export { cookieOptions } from "./middleware/cookies.ts";
export { forbidden, renderError, wantsJson, withErrorPages } from "./middleware/error-pages.ts";
export { requirePermission, requireSignIn } from "./middleware/require-permission.ts";
export { SESSION_COOKIE } from "./middleware/signed-in-user.ts";

export interface HttpDeps {
  config: Config;
  findSignedInUser: (token: string | undefined) => Promise<CurrentUser | undefined>;
  /** Where CSRF tokens are kept: the session row, or a pre-session row before sign-in. */
  csrfTokens: CsrfTokenStore;
  /** Answered first, before security headers, cookies, sessions and templates: health probes. */
  probes?: express.Router;
  routers: express.Router[];
  navigationFor: (user: CurrentUser, path: string) => { href: string; text: string; active?: boolean }[];
  /** The routes that take a file (multipart/form-data); every other route refuses multipart. */
  fileUploadPaths?: readonly FileUploadPath[];
  /** Pages with a form for people not yet signed in. */
  signInFormPaths?: readonly string[];
}

/** The deadline calculator's API reads no session and saves nothing, so it is open to other programs. */
// "/advice": a professional returning advice through a secure link, whose token is the secret (issue 15).
// "/feedback": a family answering a survey through a one-time link, whose token is the secret (issue 18).
// "/api/notify/delivery-receipts": GOV.UK Notify's callback, which carries its own bearer token (issue 15).
const OPEN_PATHS = ["/api/deadlines", "/advice", "/feedback", "/api/notify/delivery-receipts"];

export function createApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Forwarded headers say who the client is only when TRUST_PROXY names the proxies (docs/adr/0004):
  // otherwise any client could pick its own address and escape the sign-in limits.
  app.set("trust proxy", deps.config.trustProxy);
  configureViews(app);
  if (deps.probes) app.use(deps.probes);

  app.use(securityHeaders(deps.config));
  app.use(assetsRouter());
  app.use(noStore);
  app.use(requestParsing());
  app.use(signedInUser(deps.findSignedInUser, deps.navigationFor));
  app.use(
    csrfProtection({
      config: deps.config,
      store: deps.csrfTokens,
      signInFormPaths: deps.signInFormPaths ?? ["/sign-in", "/set-password/"],
      openPaths: OPEN_PATHS,
    }),
  );
  app.use(refuseUnexpectedBodies(deps.fileUploadPaths ?? []));

  for (const router of deps.routers) app.use(router);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
