// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "/assets/govuk-frontend.min.js";
import { initAll as initMoj } from "/assets/moj-frontend.min.js";

initAll();
initMoj();
