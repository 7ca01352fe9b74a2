// Test data for the SSO specs, run with tsx against the e2e site's database (attaches to its PGlite socket):
//   tsx e2e/sso-seed.ts member <first> <last> <email> <password>   → {"personId","userId"}
//   tsx e2e/sso-seed.ts deactivate <personId>
//   tsx e2e/sso-seed.ts expire-retired-keys
import { openDatabase } from "@/db/client";
import { setPersonActive } from "@/lib/records/people";
import { createPerson } from "@/lib/records/people";
import { createUser } from "@/lib/auth/accounts";
import { expireRetiredKeys } from "@/db/queries/oidc-keys";

const [cmd, ...args] = process.argv.slice(2);
const handle = await openDatabase({ pglite: "own-or-attach", migrate: false });
try {
  const db = handle.db;
  if (cmd === "member") {
    const [firstName, lastName, email, password] = args;
    const person = await createPerson(db, { firstName, lastName, email } as never, "cli");
    const user = await createUser(db, { email, password, role: "member", personId: person.id }, "cli");
    console.log(JSON.stringify({ personId: person.id, userId: user.id }));
  } else if (cmd === "deactivate") {
    await setPersonActive(db, args[0], false, "cli");
    console.log("{}");
  } else if (cmd === "expire-retired-keys") {
    await expireRetiredKeys(db);
    console.log("{}");
  } else throw new Error(`unknown command ${cmd}`);
} finally {
  await handle.close();
}
