// User accounts (sign-in identities) and the failed sign-in throttle.
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { people } from "./records";

export const userRoles = ["admin", "member"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: userRoles }).notNull().default("member"),
    /** The person this account belongs to. Staff admins may have none. "Has a user account" = a row here. */
    personId: uuid("person_id").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /**
     * Sessions are JWT cookies; each carries the version current when it was issued. Signing out bumps it,
     * so a copied cookie stops working at once (lib/auth/session.ts).
     */
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
    uniqueIndex("users_person_idx").on(t.personId),
  ],
);

/** Failed sign-in counters per email and per client address, shared by every app instance. */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("sign_in_throttle_window_idx").on(t.windowStartedAt)],
);
