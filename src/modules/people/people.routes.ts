// Pages for people (issue 12): the administrator's list, inviting, changing roles, switching an
// account off or on, starting a password reset; and the one-time link a person uses to set a password.
import express, { type Request, type Response } from "express";
import { MIN_PASSWORD_LENGTH } from "../../domain/access/password-policy.ts";
import { isRole, ROLE_LABELS, ROLES } from "../../domain/roles.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { renderError, requirePermission, requireSignIn, withErrorPages } from "../../platform/http.ts";
import { hrefWithPage, paginationView, pagingOf } from "../../platform/pagination.ts";
import type { SecondFactorService } from "../access/second-factor.service.ts";
import type { PeopleService } from "./people.service.ts";

const roleNames = (roles: string[]) => roles.filter(isRole).map((r) => ROLE_LABELS[r]);
const roleItems = (chosen: readonly string[]) => ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: chosen.includes(r) }));
const DONE: Record<string, string> = {
  roles: "Roles changed.",
  "switched-off": "Account switched off. Any sessions it had have ended.",
  "switched-on": "Account switched on.",
  "two-step-reset": "Two-step sign-in reset. They sign in with their password alone until they set up an app again.",
};
const TWO_STEP_DONE: Record<string, string> = {
  off: "Two-step sign-in is off. You sign in with your password alone.",
};
const PAGING = { defaultSize: 50, maxSize: 200 };

export function peopleRoutes(people: PeopleService, secondFactor: SecondFactorService): express.Router {
  const router = express.Router();
  const manage = requirePermission("manageUsers");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;

  router.get("/account", requireSignIn, async (req, res) => {
    const account = await people.accountOf(user(req));
    res.render("account.njk", { pageTitle: "Your account", account, roleNames: roleNames(user(req).roles) });
  });

  // ---- two-step sign-in with an authenticator app (local passwords) --------------------------------

  const twoStepPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) =>
    res.status(status).render("two-step.njk", {
      pageTitle: "Two-step sign-in",
      status: await secondFactor.statusOf(user(req)),
      done: status === 200 ? TWO_STEP_DONE[String(req.query.done)] : undefined,
      ...extra,
    });

  router.get(
    "/account/two-step",
    requireSignIn,
    withErrorPages((req, res) => twoStepPage(req, res)),
  );

  router.post(
    "/account/two-step/start",
    requireSignIn,
    withErrorPages(async (req, res) => {
      try {
        const setUp = await secondFactor.startSetUp(user(req), req.body);
        res.render("two-step-set-up.njk", { pageTitle: "Set up your authenticator app", setUp });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await twoStepPage(req, res, 400, { errors: errorSummary(error.problems) });
      }
    }),
  );

  router.post(
    "/account/two-step/confirm",
    requireSignIn,
    withErrorPages(async (req, res) => {
      try {
        const recoveryCodes = await secondFactor.confirmSetUp(user(req), req.body);
        res.render("two-step-codes.njk", { pageTitle: "Two-step sign-in is on", recoveryCodes });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const setUp = await secondFactor.pendingSetUp(user(req));
        if (!setUp) return twoStepPage(req, res, 400, { errors: errorSummary(error.problems) });
        res.status(400).render("two-step-set-up.njk", { pageTitle: "Set up your authenticator app", setUp, errors: errorSummary(error.problems) });
      }
    }),
  );

  router.post(
    "/account/two-step/turn-off",
    requireSignIn,
    withErrorPages(async (req, res) => {
      try {
        await secondFactor.turnOff(user(req), req.body);
        res.redirect(303, "/account/two-step?done=off");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await twoStepPage(req, res, 400, { errors: errorSummary(error.problems) });
      }
    }),
  );

  router.get(
    "/people",
    manage,
    withErrorPages(async (req, res) => {
      const page = await people.listPeople(user(req), pagingOf(req.query, PAGING));
      res.render("people.njk", {
        pageTitle: "People and roles",
        people: page.items.map((p) => ({ ...p, roleNames: roleNames(p.roles) })),
        total: page.total,
        pagination: paginationView(page.page, page.total, page.pageSize, (n) => hrefWithPage("/people", req.query, n)),
      });
    }),
  );

  const invitePage = (res: Response, status = 200, extra: Record<string, unknown> = {}) =>
    res.status(status).render("invite.njk", { pageTitle: "Invite someone", values: {}, roleItems: roleItems([]), ...extra });

  router.get("/people/invite", manage, (_req, res) => invitePage(res));

  router.post(
    "/people/invite",
    manage,
    withErrorPages(async (req, res) => {
      try {
        const outcome = await people.invite(user(req), req.body);
        res.render("link-made.njk", { pageTitle: "Invitation made", purpose: "invite", outcome });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const body = (req.body ?? {}) as Record<string, unknown>;
        const text = (name: string) => (Object.hasOwn(body, name) && typeof body[name] === "string" ? (body[name] as string).slice(0, 254) : "");
        const ticked = Object.hasOwn(body, "roles") ? [body.roles].flat().filter((r): r is string => typeof r === "string") : [];
        invitePage(res, 400, {
          errors: errorSummary(error.problems),
          values: { email: text("email"), displayName: text("displayName") },
          roleItems: roleItems(ticked),
        });
      }
    }),
  );

  const personPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const person = await people.findPerson(user(req), String(req.params.personId));
    res.status(status).render("person.njk", {
      pageTitle: person.display_name,
      person: { ...person, roleNames: roleNames(person.roles) },
      isSelf: person.id === user(req).id,
      roleItems: roleItems(person.roles),
      done: status === 200 ? DONE[String(req.query.done)] : undefined,
      ...extra,
    });
  };

  router.get(
    "/people/:personId",
    manage,
    withErrorPages((req, res) => personPage(req, res)),
  );

  /** A change on the person's page: done, then back to the page with its banner; or the page again with what is wrong. */
  const change = (work: (req: Request) => Promise<unknown>, done: string) =>
    withErrorPages(async (req, res) => {
      try {
        await work(req);
        res.redirect(303, `/people/${req.params.personId}?done=${done}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await personPage(req, res, 400, { errors: errorSummary(error.problems) });
      }
    });

  router.post(
    "/people/:personId/roles",
    manage,
    change((req) => people.changeRoles(user(req), String(req.params.personId), req.body), "roles"),
  );
  router.post(
    "/people/:personId/switch-off",
    manage,
    change((req) => people.switchOff(user(req), String(req.params.personId), req.body), "switched-off"),
  );
  router.post(
    "/people/:personId/switch-on",
    manage,
    change((req) => people.switchOn(user(req), String(req.params.personId), req.body), "switched-on"),
  );

  router.post(
    "/people/:personId/reset-two-step",
    manage,
    change((req) => people.resetSecondFactor(user(req), String(req.params.personId), req.body), "two-step-reset"),
  );

  router.post(
    "/people/:personId/reset-password",
    manage,
    withErrorPages(async (req, res) => {
      try {
        const outcome = await people.startPasswordReset(user(req), String(req.params.personId), req.body);
        res.render("link-made.njk", { pageTitle: "Password reset started", purpose: "reset", outcome });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await personPage(req, res, 400, { errors: errorSummary(error.problems) });
      }
    }),
  );

  // ---- the link (no one signed in) -------------------------------------------------------------

  const linkRefused = (req: Request, res: Response) =>
    renderError(req, res, 404, "This link does not work", [
      "It may have been used already, replaced by a newer link, or be out of date.",
      "Ask your council's administrator for a new link.",
    ]);

  router.get(
    "/set-password/:token",
    withErrorPages(async (req, res) => {
      const link = await people.openLink(String(req.params.token));
      if (!link) return linkRefused(req, res);
      res.render("set-password.njk", { pageTitle: "Choose your password", link, minLength: MIN_PASSWORD_LENGTH });
    }),
  );

  router.post(
    "/set-password/:token",
    withErrorPages(async (req, res) => {
      const token = String(req.params.token);
      try {
        if (!(await people.setPasswordWithLink(token, req.body))) return linkRefused(req, res);
        res.redirect(303, "/sign-in?passwordSet=1");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const link = await people.openLink(token);
        if (!link) return linkRefused(req, res);
        res.status(400).render("set-password.njk", {
          pageTitle: "Choose your password",
          link,
          minLength: MIN_PASSWORD_LENGTH,
          errors: errorSummary(error.problems),
        });
      }
    }),
  );
  return router;
}
