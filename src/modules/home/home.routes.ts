import express from "express";
import { requireSignIn } from "../../platform/http.ts";
import { homeFor } from "./home.presenter.ts";

export function homeRoutes(): express.Router {
  const router = express.Router();
  router.get("/", requireSignIn, (req, res) => {
    const user = req.user as NonNullable<typeof req.user>;
    res.render("home.njk", { pageTitle: "Home", home: homeFor(user) });
  });
  router.get("/accessibility", (_req, res) => res.render("accessibility.njk", { pageTitle: "Accessibility statement" }));
  return router;
}
