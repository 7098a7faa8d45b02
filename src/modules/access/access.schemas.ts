// The sign-in form and the messages people see (GOV.UK error message patterns).
import { formFieldProblems } from "../../platform/forms.ts";

export interface FieldError {
  text: string;
  href: string;
}

export interface SignInForm {
  email: string;
  password: string;
}

export function parseSignInForm(body: Record<string, unknown>): { value: SignInForm; errors: FieldError[] } {
  // Only the form's own fields (issue 12): a forged one is refused before any password is checked.
  const stray = formFieldProblems(body, { fields: ["email", "password", "returnTo"] });
  if (stray.length) return { value: { email: "", password: "" }, errors: stray.map((p) => ({ text: p.message, href: "#email" })) };
  const email = typeof body.email === "string" ? body.email.trim() : "";
  const password = typeof body.password === "string" ? body.password : "";
  const errors: FieldError[] = [];
  if (!email) errors.push({ text: "Enter your email address", href: "#email" });
  else if (email.length > 254) errors.push({ text: "Email address must be 254 characters or fewer", href: "#email" });
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    errors.push({ text: "Enter an email address in the correct format, like name@example.gov.uk", href: "#email" });
  }
  if (!password) errors.push({ text: "Enter your password", href: "#password" });
  else if (password.length > 1000) errors.push({ text: "Password must be 1,000 characters or fewer", href: "#password" });
  return { value: { email, password }, errors };
}

/** Only a path on this site: never send someone off to another site after sign-in. */
export function safeReturnTo(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) && value.length < 2000 ? value : "/";
}
