import { findUserByEmail } from "@/db/queries/users";
import { createUser, setUserPassword } from "@/lib/auth/accounts";
import { passwordSchema } from "@/lib/schemas/account";
import { UsageError, type CliCommand } from "./types";

export const createAdmin: CliCommand = {
  name: "create-admin",
  usage: "create-admin --email E --password P [--json]",
  summary: "Create a staff admin account (or reset its password if it exists)",
  options: { email: { type: "string" }, password: { type: "string" } },
  async run({ values }, { db, out }) {
    const email = String(values.email ?? "")
      .trim()
      .toLowerCase();
    const password = String(values.password ?? "");
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError("--email must be an email address");
    const pw = passwordSchema.safeParse(password);
    if (!pw.success) throw new UsageError(`--password: ${pw.error.issues[0].message}`);
    const existing = await findUserByEmail(db, email);
    if (existing) {
      if (existing.role !== "admin")
        throw new UsageError(`${email} is a member account, not an admin; use another email`);
      await setUserPassword(db, existing.id, password);
      out({ id: existing.id, email, created: false }, `Password reset for admin ${email}`);
      return;
    }
    const user = await createUser(db, { email, password, role: "admin" }, "cli");
    out({ id: user.id, email, created: true }, `Created admin ${email}`);
  },
};
