// Errors every feature uses. Each carries a message a person can act on; none carries a stack
// trace to a user.

export interface FieldProblem {
  field: string;
  message: string;
}

/** Input that cannot be saved; nothing was written. */
export class InvalidInput extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  }
}

/** The person may not do this. */
export class NotAllowed extends Error {
  constructor(what: string) {
    super(`You do not have access to ${what}.`);
  }
}

/** Another process holds the embedded database's folder. */
export class DatabaseLockedError extends Error {}

/** The thing asked for does not exist, or is another council's: the same answer for both. */
export class NotFound extends Error {}
