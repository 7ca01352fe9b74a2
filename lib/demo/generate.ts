// Deterministic demo data: the same seed (and "today") always gives the same records, ids included.
// Pure: builds plain rows in memory; lib/demo/seed.ts writes them in batches with their outbox rows.
import { Faker, base, en } from "@faker-js/faker";
import type { CustomValues } from "@/db/schema";
import { demoCustomFields, demoMembershipTypes } from "./catalog";

export { demoCustomFields, demoMembershipTypes };

export type DemoOptions = { people: number; seed: number; today: string };

export type DemoCompany = {
  id: string;
  name: string;
  email: string;
  emailDomains: string[];
  signupProtected: boolean;
  membershipTypeId: string | null;
  joinDate: string | null;
  expiryDate: string | null;
  active: boolean;
  custom: CustomValues;
};
export type DemoPerson = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  requestedCompanyId: string | null;
  approvalStatus: "approved" | "pending_approval";
  bio: string | null;
  profileImageUrl: null;
  socialLinks: Record<string, string>;
  membershipTypeId: string | null;
  joinDate: string | null;
  expiryDate: string | null;
  active: boolean;
  custom: CustomValues;
};
export type DemoEvent = {
  id: string;
  name: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  status: "published" | "cancelled";
};
export type DemoRegistration = {
  id: string;
  eventId: string;
  personId: string;
  status: "registered" | "waitlisted" | "cancelled" | "attended";
};

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** A seeded generator. Call its parts in order: types, companies, people batches, events, registrations. */
export function createDemoGenerator(opts: DemoOptions, typeIds: Record<string, string>) {
  const f = new Faker({ locale: [en, base] });
  f.seed(opts.seed);
  const { today } = opts;
  const personTypes = ["Individual", "Individual", "Individual", "Student", "Professional", "Lifetime"];

  /** Dates for a status mix: 60% current, 10% grace, 15% expired, 15% non-member. */
  function membership(graceFor: (type: string) => number) {
    const r = f.number.float({ min: 0, max: 1 });
    if (r < 0.15) return { membershipTypeId: null, joinDate: null, expiryDate: null };
    const type = f.helpers.arrayElement(personTypes);
    const joinDate = addDays(today, -f.number.int({ min: 30, max: 3650 }));
    const grace = graceFor(type);
    let expiryDate: string | null;
    if (type === "Lifetime") expiryDate = null;
    else if (r < 0.75) expiryDate = addDays(today, f.number.int({ min: 0, max: 365 }));
    else if (r < 0.85 && grace > 1) expiryDate = addDays(today, -f.number.int({ min: 1, max: grace - 1 }));
    else expiryDate = addDays(today, -f.number.int({ min: grace + 1, max: grace + 900 }));
    return { membershipTypeId: typeIds[type], joinDate, expiryDate };
  }
  const graceOf = (t: string) => demoMembershipTypes.find((m) => m.name === t)?.graceDays ?? 30;

  function companies(): DemoCompany[] {
    const n = Math.max(5, Math.round(opts.people / 20));
    const seen = new Set<string>();
    return Array.from({ length: n }, (_, i) => {
      let name = f.company.name();
      if (seen.has(name)) name = `${name} ${i}`;
      seen.add(name);
      const domain = `${slug(name).slice(0, 40)}.example`;
      const member = f.datatype.boolean(0.6);
      return {
        id: f.string.uuid(),
        name,
        email: `info@${domain}`,
        emailDomains: [domain],
        // Every tenth company (and always the first) asks staff to approve people who link themselves.
        signupProtected: i % 10 === 0,
        membershipTypeId: member ? typeIds.Corporate : null,
        joinDate: member ? addDays(today, -f.number.int({ min: 30, max: 3000 })) : null,
        expiryDate: member ? addDays(today, f.number.int({ min: -200, max: 365 })) : null,
        active: i === 0 || f.datatype.boolean(0.97),
        custom: {
          industry: f.helpers.arrayElement(demoCustomFields[6].choices),
          employee_count: f.number.int({ min: 2, max: 20000 }),
        },
      };
    });
  }

  function person(i: number, company: DemoCompany | null, pendingFor: DemoCompany | null): DemoPerson {
    const firstName = f.person.firstName();
    const lastName = f.person.lastName();
    const domain =
      company && !pendingFor
        ? company.emailDomains[0]
        : f.helpers.arrayElement(["example.com", "example.net", "example.org"]);
    const custom: CustomValues = {
      interests: f.helpers.arrayElements(demoCustomFields[0].choices, { min: 0, max: 3 }),
      dietary_needs: f.helpers.arrayElement(demoCustomFields[1].choices),
      newsletter: f.datatype.boolean(0.7),
    };
    if (f.datatype.boolean(0.5)) custom.years_in_practice = f.number.int({ min: 0, max: 40 });
    if (f.datatype.boolean(0.3))
      custom.license_number = f.string.alphanumeric({ length: 8, casing: "upper" });
    if (f.datatype.boolean(0.3)) custom.certified_on = addDays(today, -f.number.int({ min: 10, max: 4000 }));
    return {
      id: f.string.uuid(),
      firstName,
      lastName,
      email: `${slug(firstName)}.${slug(lastName)}${i}@${domain}`.replace(/-/g, ""),
      phone: f.datatype.boolean(0.7) ? f.phone.number({ style: "international" }) : null,
      jobTitle: f.datatype.boolean(0.8) ? f.person.jobTitle() : null,
      companyId: pendingFor ? null : (company?.id ?? null),
      requestedCompanyId: pendingFor?.id ?? null,
      approvalStatus: pendingFor ? "pending_approval" : "approved",
      bio: f.datatype.boolean(0.2) ? f.person.bio() : null,
      profileImageUrl: null,
      socialLinks: f.datatype.boolean(0.3)
        ? { linkedin: `https://www.linkedin.com/in/${slug(firstName)}-${slug(lastName)}-${i}` }
        : {},
      ...membership(graceOf),
      active: f.datatype.boolean(0.98),
      custom,
    };
  }

  /** People in batches; the first two are pending signups for the first (protected) company. */
  function* peopleBatches(
    companyList: DemoCompany[],
    batchSize: number,
  ): Generator<{ people: DemoPerson[]; withAccount: boolean[] }> {
    const protectedCo = companyList.find((c) => c.signupProtected) ?? null;
    for (let start = 0; start < opts.people; start += batchSize) {
      const people: DemoPerson[] = [];
      const withAccount: boolean[] = [];
      for (let i = start; i < Math.min(opts.people, start + batchSize); i++) {
        const pending = i < 2 ? protectedCo : null;
        const company = pending
          ? null
          : f.datatype.boolean(0.35)
            ? f.helpers.arrayElement(companyList)
            : null;
        people.push(person(i, company, pending));
        withAccount.push(i < 10 || f.datatype.boolean(0.1));
      }
      yield { people, withAccount };
    }
  }

  function events(): DemoEvent[] {
    const n = Math.max(5, Math.min(60, Math.round(opts.people / 2000) + 5));
    return Array.from({ length: n }, (_, i) => {
      const start = new Date(
        `${addDays(today, f.number.int({ min: -180, max: 180 }))}T${String(f.number.int({ min: 8, max: 18 })).padStart(2, "0")}:00:00Z`,
      );
      const kind = f.helpers.arrayElement([
        "Annual Conference",
        "Webinar",
        "Workshop",
        "Networking Evening",
        "Town Hall",
        "Summit",
      ]);
      return {
        id: f.string.uuid(),
        name: `${f.location.city()} ${kind} ${i + 1}`,
        description: f.lorem.sentence(),
        location: kind === "Webinar" ? "Online" : `${f.location.streetAddress()}, ${f.location.city()}`,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + f.number.int({ min: 1, max: 8 }) * 3_600_000).toISOString(),
        capacity: f.number.int({ min: 20, max: 2000 }),
        status: f.datatype.boolean(0.05) ? "cancelled" : "published",
      };
    });
  }

  /** About one registration per five people, unique per (event, person). */
  function registrations(eventList: DemoEvent[], personIds: string[]): DemoRegistration[] {
    const out: DemoRegistration[] = [];
    const nowIso = `${today}T12:00:00.000Z`;
    const perEvent = Math.max(1, Math.round((personIds.length * 0.2) / eventList.length));
    for (const e of eventList) {
      const picked = new Set<number>();
      const want = Math.min(
        personIds.length,
        f.number.int({ min: Math.ceil(perEvent / 2), max: perEvent * 2 }),
      );
      while (picked.size < want) picked.add(f.number.int({ min: 0, max: personIds.length - 1 }));
      const past = e.startsAt < nowIso;
      for (const idx of [...picked].sort((a, b) => a - b)) {
        const r = f.number.float({ min: 0, max: 1 });
        const status =
          r < 0.08
            ? "cancelled"
            : past
              ? r < 0.8
                ? "attended"
                : "registered"
              : r < 0.15
                ? "waitlisted"
                : "registered";
        out.push({ id: f.string.uuid(), eventId: e.id, personId: personIds[idx], status });
      }
    }
    return out;
  }

  return { companies, peopleBatches, events, registrations, faker: f };
}
