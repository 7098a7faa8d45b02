// What each role sees first: the things they came to do, in their words.
import { can, ROLE_LABELS } from "../../domain/roles.ts";
import type { CurrentUser } from "../access/access.service.ts";

interface Link {
  href: string;
  text: string;
  description: string;
}

export function homeFor(user: CurrentUser): { roleNames: string[]; intro: string; links: Link[] } {
  const links: Link[] = [];
  if (can(user.roles, "readCases")) {
    links.push({
      href: "/cases",
      text: "Casework",
      description: "What is due this week, what is overdue and why, and the register of every child with a plan.",
    });
  }
  if (can(user.roles, "readPlans")) {
    links.push({
      href: "/plans",
      text: "Improvement plans",
      description: can(user.roles, "editPlans")
        ? "Keep the council's improvement plans up to date: dated updates, statuses and checks."
        : "Where each improvement plan stands, as at any date, with the status key.",
    });
  }
  if (can(user.roles, "readMeasures")) {
    links.push({
      href: "/measures",
      text: "Measures",
      description: "The council's SEN2 figures for a year, worked out from its casework, beside England's.",
    });
  }
  if (can(user.roles, "auditPlans")) {
    links.push({
      href: "/quality",
      text: "Quality audits",
      description: "Audit samples of EHC plans against the council's framework, moderate them, and read the feedback.",
    });
  } else if (can(user.roles, "gradeAudits")) {
    links.push({
      href: "/quality",
      text: "Your quality audits",
      description: "Grade or moderate the EHC plans you have been asked to audit, against the council's framework.",
    });
  } else if (can(user.roles, "readQuality")) {
    links.push({ href: "/quality/results", text: "Plan quality", description: "The share of audited EHC plans judged good or better." });
  }
  links.push({
    href: "/deadlines",
    text: "Work out EHC deadlines",
    description: "Enter the dates you know and see every statutory time limit that follows.",
  });
  links.push({
    href: "/closures",
    text: "School closures",
    description: "The long school closures that relieve the assessment time limits, applied by the calculator.",
  });
  if (can(user.roles, "manageUsers")) {
    links.push({ href: "/people", text: "People and roles", description: "Who can use the service for your council, and what they can do." });
  }
  if (can(user.roles, "readAudit")) {
    links.push({
      href: "/audit",
      text: "Audit trail",
      description: "Every change made in the service: who, when, and what it was before and after.",
    });
  }
  links.push({ href: "/account", text: "Your account", description: "Your name, email address, roles and recent activity." });
  return { roleNames: user.roles.map((r) => ROLE_LABELS[r]), intro: introFor(user), links };
}

function introFor(user: CurrentUser): string {
  if (user.roles.includes("caseworker")) return "Your cases and the statutory deadlines that are coming up.";
  if (user.roles.includes("send_manager")) return "Your team's casework against its time limits, and the improvement plans you lead.";
  if (user.roles.includes("improvement_lead")) return "The improvement plans you keep up to date for boards and committees.";
  if (user.roles.includes("administrator")) return "Set up the service for your council: people, roles and the audit trail.";
  if (user.roles.includes("board_member")) return "Progress reports on the improvement plans your board oversees.";
  if (user.roles.includes("quality_auditor")) return "The EHC plans you have been asked to audit for quality, as a health or social care colleague.";
  if (user.roles.includes("partner")) return "The council's SEND improvement plans: read each action and say what your members think of it.";
  return "Read-only progress reports on the council's SEND improvement plans.";
}

export function navigationFor(user: CurrentUser, path: string) {
  const items = [
    { href: "/", text: "Home" },
    ...(can(user.roles, "readCases") ? [{ href: "/cases", text: "Casework" }] : []),
    ...(can(user.roles, "readPlans") ? [{ href: "/plans", text: "Improvement plans" }] : []),
    ...(can(user.roles, "readMeasures") ? [{ href: "/measures", text: "Measures" }] : []),
    ...(can(user.roles, "gradeAudits") ? [{ href: "/quality", text: "Quality" }] : []),
    { href: "/deadlines", text: "Deadline calculator" },
    ...(can(user.roles, "manageUsers") ? [{ href: "/people", text: "People" }] : []),
    ...(can(user.roles, "readAudit") ? [{ href: "/audit", text: "Audit trail" }] : []),
    { href: "/account", text: "Your account" },
  ];
  return items.map((item) => ({ ...item, active: item.href === "/" ? path === "/" : path.startsWith(item.href) }));
}
