// Small hand-made case records for tests (here and in the casework feature). Every list starts
// empty; give only what a test is about.

import { type CaseRecord, type Child, newCaseRecord } from "./types.ts";

export const CASEWORKER = { id: "cw-1", name: "Sam Patel" } as const;
export const OTHER_CASEWORKER = { id: "cw-2", name: "Jo Reed" } as const;

export function testChild(overrides: Partial<Child> = {}): Child {
  return {
    id: "child-1",
    firstName: "Amara",
    lastName: "Okafor",
    dateOfBirth: "2014-11-02",
    sex: "F",
    ethnicity: "BAFR",
    postcode: "RM17 6AB",
    needs: [{ code: "ASD", rank: 1 }],
    caseworker: { ...CASEWORKER },
    ...overrides,
  };
}

export function testCase(overrides: Partial<CaseRecord> = {}, child: Partial<Child> = {}): CaseRecord {
  return { ...newCaseRecord("case-1", testChild(child)), ...overrides };
}
