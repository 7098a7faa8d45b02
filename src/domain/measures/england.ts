// England's figures, for comparison beside a council's own (SPEC C2). From the DfE's published
// statistics "Education, health and care plans" (explore-education-statistics), as collected in
// reference/england-ehc-plans.csv (england.test.ts checks they agree): `year` is the calendar year of activity, and the
// caseload is the January of that year. A later release adds a row here; nothing else changes.

export interface EnglandYear {
  year: number;
  plansInJanuary: number;
  requests: number | null;
  refusedToAssess: number | null;
  newPlans: number | null;
  within20WeeksInclExceptionsPct: number | null;
  within20WeeksExclExceptionsPct: number | null;
}

const row = (
  year: number,
  plansInJanuary: number,
  requests: number | null,
  refusedToAssess: number | null,
  newPlans: number | null,
  incl: number | null,
  excl: number | null,
): EnglandYear => ({
  year,
  plansInJanuary,
  requests,
  refusedToAssess,
  newPlans,
  within20WeeksInclExceptionsPct: incl,
  within20WeeksExclExceptionsPct: excl,
});

export const ENGLAND: readonly EnglandYear[] = [
  row(2016, 74209, 55235, 14795, 36094, 55.7, 58.6),
  row(2017, 175233, 64555, 14586, 42162, 61.3, 64.9),
  row(2018, 285722, 72423, 17890, 48907, 58.0, 60.1),
  row(2019, 353995, 82329, 18755, 53899, 58.7, 60.4),
  row(2020, 390109, 75951, 16406, 60097, 55.6, 58.0),
  row(2021, 430697, 93302, 20830, 62180, 57.9, 59.9),
  row(2022, 473255, 114482, 25255, 66706, 47.7, 49.2),
  row(2023, 517048, 138242, 33141, 84428, 49.1, 50.3),
  row(2024, 576474, 154489, 38889, 97747, 45.9, 46.4),
  row(2025, 638745, null, null, null, null, null),
];

export function englandFor(year: number): EnglandYear | undefined {
  return ENGLAND.find((e) => e.year === year);
}
