// The one set of cookie options: HttpOnly, SameSite=Lax, Secure in production.
import type { Config } from "../config.ts";

export function cookieOptions(config: Config) {
  return { httpOnly: true, sameSite: "lax" as const, secure: config.production, path: "/" };
}
