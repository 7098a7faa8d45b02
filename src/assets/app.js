// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "/assets/govuk-frontend.min.js";
import { initAll as initMoj } from "/assets/moj-frontend.min.js";

initAll();
initMoj();

// An import's progress page: without JavaScript the "Check progress" button reloads it; with it,
// the bar moves by itself and the page moves on when the job has finished. Screen readers are
// told each new step, not every count.
for (const element of document.querySelectorAll('[data-module="app-import-progress"]')) {
  const bar = element.querySelector("progress");
  const words = element.querySelector("[data-progress-words]");
  const stage = element.querySelector("[data-progress-stage]");
  const poll = async () => {
    let status;
    try {
      const response = await fetch(element.dataset.progressUrl, { headers: { accept: "application/json" }, credentials: "same-origin" });
      status = await response.json();
    } catch {
      setTimeout(poll, 3000);
      return;
    }
    bar.value = status.percent;
    bar.textContent = `${status.percent}%`;
    words.textContent = `${status.words} (${status.percent}%)`;
    if (stage.textContent !== status.stage) stage.textContent = status.stage;
    if (status.state === "done" || status.state === "failed" || status.state === "gone") window.location.assign(element.dataset.nextUrl);
    else setTimeout(poll, 700);
  };
  setTimeout(poll, 300);
}
