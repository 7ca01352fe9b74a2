// Whether a person has a user account (sign-in), for the person page and the "create account" action.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";

export async function accountOfPerson(db: DbOrTx, personId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role, lastSignInAt: users.lastSignInAt })
    .from(users)
    .where(eq(users.personId, personId));
  return row ?? null;
}
