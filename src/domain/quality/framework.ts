// A council's EHC plan quality audit framework (SPEC B8, issue 18): sections of criteria and a grade
// scale, best grade first. Pure data and parsing: the council edits it as text, and every saved
// edit is a new version, so an audit keeps the framework it was graded against.

/** What is wrong with a field of the edit form (the same shape as platform/errors FieldProblem). */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface Grade {
  code: string;
  label: string;
  /** Counts towards "% judged good or better". */
  goodOrBetter: boolean;
}

export interface Criterion {
  /** "2.3": the section's and the criterion's place in this version. */
  id: string;
  text: string;
}

export interface FrameworkSection {
  title: string;
  criteria: Criterion[];
}

export interface Framework {
  name: string;
  grades: Grade[];
  sections: FrameworkSection[];
}

export const DEFAULT_GRADES: Grade[] = [
  { code: "outstanding", label: "Outstanding", goodOrBetter: true },
  { code: "good", label: "Good", goodOrBetter: true },
  { code: "requires-improvement", label: "Requires improvement", goodOrBetter: false },
  { code: "inadequate", label: "Inadequate", goodOrBetter: false },
];

/**
 * The default framework, drawn from the Thurrock Written Statement of Action 2019 (seed 002,
 * significant weakness 3): plans that reflect the needs and views of the child and family, advice
 * from the right professionals, clear outcomes, provision that meets the needs, and timeliness.
 */
export const DEFAULT_FRAMEWORK: Framework = withIds({
  name: "EHC plan quality audit (from the Written Statement of Action)",
  grades: DEFAULT_GRADES,
  sections: [
    {
      title: "Voice of the child, young person and family",
      criteria: [
        "The views, interests and aspirations of the child or young person are recorded in their own words (section A)",
        "The views of the parents or carers are recorded and the family was fully involved",
      ],
    },
    {
      title: "Needs",
      criteria: [
        "Section B accurately describes the child's needs and is up to date",
        "The relevant professionals contributed: education, health and social care advice is summarised, not just appended",
      ],
    },
    {
      title: "Outcomes",
      criteria: ["Outcomes are specific, measurable and linked to the child's aspirations", "From year 9, outcomes prepare for adulthood"],
    },
    {
      title: "Provision",
      criteria: [
        "Special educational provision is specified and quantified, and meets each need (section F)",
        "Health and social care provision is joined up with the education provision (sections G and H)",
      ],
    },
    {
      title: "Process",
      criteria: ["The plan was issued within the statutory time limits (SEND Regulations 2014 reg 13)"],
    },
  ].map((s) => ({ title: s.title, criteria: s.criteria.map((text) => ({ id: "", text })) })),
});

function withIds(framework: Framework): Framework {
  return {
    ...framework,
    sections: framework.sections.map((s, i) => ({ title: s.title, criteria: s.criteria.map((c, j) => ({ id: `${i + 1}.${j + 1}`, text: c.text })) })),
  };
}

export function allCriteria(framework: Pick<Framework, "sections">): Criterion[] {
  return framework.sections.flatMap((s) => s.criteria);
}

/** The framework as the edit form shows it: "# Section" lines, a criterion a line; grades best first. */
export function frameworkToText(framework: Framework): { name: string; sections: string; grades: string; goodOrBetter: string } {
  return {
    name: framework.name,
    sections: framework.sections.map((s) => [`# ${s.title}`, ...s.criteria.map((c) => c.text)].join("\n")).join("\n\n"),
    grades: framework.grades.map((g) => g.label).join("\n"),
    goodOrBetter: String(framework.grades.filter((g) => g.goodOrBetter).length),
  };
}

const lines = (text: string) =>
  text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trim());

/** The edit form read back into a framework, or what is wrong and on which line. */
export function frameworkFromText(input: { name: string; sections: string; grades: string; goodOrBetter: string }): Framework | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (!name) problems.push({ field: "name", message: "Enter a name for the framework" });
  else if (name.length > 200) problems.push({ field: "name", message: "The name must be 200 characters or fewer" });

  const sections: FrameworkSection[] = [];
  lines(input.sections).forEach((line, i) => {
    if (!line) return;
    if (line.length > 500) problems.push({ field: "sections", message: `Line ${i + 1} is longer than 500 characters` });
    if (line.startsWith("#")) {
      const title = line.replace(/^#+\s*/, "");
      if (!title) problems.push({ field: "sections", message: `Line ${i + 1}: a section line needs a title after "#"` });
      sections.push({ title, criteria: [] });
    } else if (!sections.length) {
      problems.push({ field: "sections", message: `Line ${i + 1}: start with a section line, like "# Voice of the child"` });
    } else {
      (sections.at(-1) as FrameworkSection).criteria.push({ id: "", text: line });
    }
  });
  if (!sections.length && !problems.some((p) => p.field === "sections"))
    problems.push({ field: "sections", message: "Enter at least one section with a criterion" });
  for (const s of sections)
    if (!s.criteria.length) problems.push({ field: "sections", message: `The section "${s.title}" has no criteria: add one or remove it` });

  const labels = lines(input.grades).filter(Boolean);
  if (labels.length < 2 || labels.length > 8) problems.push({ field: "grades", message: "Enter between 2 and 8 grades, one a line, best first" });
  const codes = labels.map((l) =>
    l
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, ""),
  );
  if (codes.some((c) => !c) || new Set(codes).size !== codes.length) problems.push({ field: "grades", message: "Each grade needs a different name" });
  const count = Number(input.goodOrBetter.trim());
  if (!Number.isInteger(count) || count < 1 || count >= Math.max(labels.length, 2))
    problems.push({
      field: "goodOrBetter",
      message: "Enter how many grades, from the best, count as good or better: at least 1 and fewer than all of them",
    });
  if (problems.length) return problems;
  return withIds({ name, sections, grades: labels.map((label, i) => ({ code: codes[i] as string, label, goodOrBetter: i < count })) });
}
