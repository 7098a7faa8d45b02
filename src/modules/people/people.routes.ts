import express from "express";
import { isRole, ROLE_LABELS } from "../../domain/roles.ts";
import { requirePermission, requireSignIn } from "../../platform/http.ts";
import type { PeopleService } from "./people.service.ts";

const roleNames = (roles: string[]) => roles.filter(isRole).map((r) => ROLE_LABELS[r]);

export function peopleRoutes(people: PeopleService): express.Router {
  const router = express.Router();

  router.get("/account", requireSignIn, async (req, res) => {
    const user = req.user as NonNullable<typeof req.user>;
    const account = await people.accountOf(user);
    res.render("account.njk", { pageTitle: "Your account", account, roleNames: roleNames(user.roles) });
  });

  router.get("/people", requirePermission("manageUsers"), async (req, res) => {
    const users = await people.listUsers(req.user as NonNullable<typeof req.user>);
    res.render("people.njk", { pageTitle: "People and roles", users: users.map((u) => ({ ...u, roleNames: roleNames(u.roles) })) });
  });
  return router;
}
