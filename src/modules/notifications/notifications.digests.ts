// Each person's choice of weekly digests (issue 15, What to build 5: "each person can switch theirs
// off"). A digest is on unless the person switched it off; the daily job leaves them out. Their
// own choice only: nobody switches another person's digest off. Every change is audited.
import type { Kysely } from "kysely";
import { KINDS, type MessageKind } from "../../domain/notifications/templates.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import * as repository from "./notifications.repository.ts";

/** The weekly digests a person can have. */
export const DIGEST_KINDS = ["leadDigest"] as const satisfies readonly MessageKind[];
export type DigestKind = (typeof DIGEST_KINDS)[number];

type Person = Pick<CurrentUser, "id" | "councilId">;

export class DigestPreferences {
  constructor(private readonly db: Kysely<DB>) {}

  async list(user: Person) {
    return readAs(this.db, { councilId: user.councilId, userId: user.id }, async (trx) => {
      const off = await repository.listDigestOptOuts(trx);
      return DIGEST_KINDS.map((kind) => ({ kind, title: KINDS[kind].title, on: !off.has(`${user.id}:${kind}`) }));
    });
  }

  /** `body.digests` lists the digests left on (a ticked box each); a name that is not a digest is refused. */
  async save(user: Person, body: Record<string, unknown>) {
    const ticked = Object.hasOwn(body, "digests") ? [body.digests].flat() : [];
    const wrong = ticked.filter((k) => typeof k !== "string" || !(DIGEST_KINDS as readonly string[]).includes(k));
    if (wrong.length) throw new InvalidInput([{ field: "digests", message: "Choose from the digests listed" }]);
    const on = new Set(ticked as string[]);
    await changeAs(this.db, { councilId: user.councilId, userId: user.id }, async (trx) => {
      for (const kind of DIGEST_KINDS) await repository.switchDigest(trx, user.councilId, user.id, kind, on.has(kind));
      return {
        result: undefined,
        audit: {
          action: "notifications.digests-changed",
          subjectType: "person",
          subjectId: user.id,
          after: Object.fromEntries(DIGEST_KINDS.map((k) => [k, on.has(k)])),
        },
      };
    });
  }
}
