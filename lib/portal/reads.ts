// The compass's reads. Each takes the signed-in person's id (from the session, never from the request).
import { asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { companies, events, membershipTypes, people, registrations } from "@/db/schema";
import { deriveMemberStatus } from "@/lib/records/member-status";
import { type MemberStatus } from "@/lib/schemas/member-status";

const requested = alias(companies, "requested_company");
const companyType = alias(membershipTypes, "company_type");

export const todayIso = () => new Date().toISOString().slice(0, 10);

export async function getOwnMembership(db: DbOrTx, personId: string) {
  const [row] = await db
    .select({
      person: people,
      typeName: membershipTypes.name,
      typeDescription: membershipTypes.description,
      graceDays: membershipTypes.graceDays,
      company: {
        id: companies.id,
        name: companies.name,
        membershipTypeId: companies.membershipTypeId,
        joinDate: companies.joinDate,
        expiryDate: companies.expiryDate,
      },
      companyTypeName: companyType.name,
      companyGraceDays: companyType.graceDays,
      requestedCompanyName: requested.name,
    })
    .from(people)
    .leftJoin(membershipTypes, eq(membershipTypes.id, people.membershipTypeId))
    .leftJoin(companies, eq(companies.id, people.companyId))
    .leftJoin(companyType, eq(companyType.id, companies.membershipTypeId))
    .leftJoin(requested, eq(requested.id, people.requestedCompanyId))
    .where(eq(people.id, personId));
  if (!row) return null;
  const today = todayIso();
  const status: MemberStatus = deriveMemberStatus({
    membershipTypeId: row.person.membershipTypeId,
    expiryDate: row.person.expiryDate,
    graceDays: row.graceDays,
    today,
  });
  const companyStatus: MemberStatus | null = row.company
    ? deriveMemberStatus({
        membershipTypeId: row.company.membershipTypeId,
        expiryDate: row.company.expiryDate,
        graceDays: row.companyGraceDays,
        today,
      })
    : null;
  return { ...row, status, companyStatus };
}

export function listOwnRegistrations(db: DbOrTx, personId: string) {
  return db
    .select({
      id: registrations.id,
      status: registrations.status,
      registeredAt: registrations.registeredAt,
      eventName: events.name,
      startsAt: events.startsAt,
      location: events.location,
      eventStatus: events.status,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.personId, personId))
    .orderBy(desc(events.startsAt), asc(events.name));
}
