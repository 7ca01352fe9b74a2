// Seeds the groups benchmark with generate_series SQL: 3 membership types, 5,000 companies, 100,000
// people (custom fields, company links, dates spread around today), accounts, registrations, and 200
// groups cycling through varied condition shapes (one of them the 3-clause group measured).
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";

export const benchGroups = 200;

export async function seedBench(h: DbHandle): Promise<{ threeClauseId: string }> {
  const x = (q: string) => h.db.execute(sql.raw(q));
  await x(
    `insert into membership_types (name, grace_days) values ('Full', 30), ('Student', 15), ('Corporate', 60)`,
  );
  await x(`insert into custom_fields (entity, key, label, type, choices) values
    ('person', 'region', 'Region', 'single_choice', '{north,south,east,west}'),
    ('person', 'score', 'Score', 'number', '{}'),
    ('person', 'topics', 'Topics', 'multiple_choice', '{a,b,c}'),
    ('company', 'sector', 'Sector', 'single_choice', '{tech,arts,health,finance}')`);
  await x(`with t as (select array_agg(id order by name) ids from membership_types)
    insert into companies (name, email, active, membership_type_id, expiry_date, custom)
    select 'Company ' || i, 'co' || i || '@example.test', i % 10 <> 0,
      case when i % 3 = 0 then null else t.ids[1 + i % 3] end,
      current_date + ((i * 37) % 700 - 200),
      jsonb_build_object('sector', (array['tech','arts','health','finance'])[1 + i % 4])
    from generate_series(1, 5000) i, t`);
  await x(`with t as (select array_agg(id order by name) ids from membership_types),
      c as (select array_agg(id order by name) ids from companies)
    insert into people (first_name, last_name, email, job_title, company_id, membership_type_id, join_date, expiry_date, active, custom)
    select (array['Ada','Bob','Cy','Dee','Eva','Fay','Gus','Hal'])[1 + i % 8], 'Last' || (i * 7919 % 100000),
      'p' || i || '@example.test', case when i % 6 = 0 then null else 'Title ' || i % 50 end,
      case when i % 4 = 0 then null else c.ids[1 + (i * 31) % 5000] end,
      case when i % 5 = 0 then null else t.ids[1 + i % 3] end,
      current_date - (i % 3000), current_date + ((i * 13) % 900 - 300), i % 17 <> 0,
      jsonb_build_object('region', (array['north','south','east','west'])[1 + (i / 3) % 4], 'score', i % 100,
        'topics', case i % 3 when 0 then '["a"]'::jsonb when 1 then '["a","b"]'::jsonb else '[]'::jsonb end)
    from generate_series(1, 100000) i, t, c`);
  await x(
    `insert into events (name, starts_at) select 'Event ' || i, now() + (i || ' days')::interval from generate_series(1, 5) i`,
  );
  await x(`with e as (select array_agg(id order by name) ids from events)
    insert into registrations (event_id, person_id, status)
    select e.ids[1 + (n % 5)], id, (array['registered','waitlisted','cancelled','attended'])[1 + n % 4]
    from (select id, row_number() over (order by id) n from people) p, e where n % 10 = 0`);
  await x(
    `insert into users (email, password_hash, person_id) select email, 'x', id from people where right(email, 15) = '0@example.test'`,
  );
  await x(`analyze`);

  const ids = {
    types: (
      (await x(`select id::text from membership_types order by name`)) as unknown as { id: string }[]
    ).map((r) => r.id),
    events: ((await x(`select id::text from events order by name`)) as unknown as { id: string }[]).map(
      (r) => r.id,
    ),
  };
  const regions = ["north", "south", "east", "west"];
  const groups: { id: string; conditions: unknown }[] = [];
  for (let i = 0; i < benchGroups; i++) {
    const id = crypto.randomUUID();
    const prev = groups[i - 1]?.id;
    const shapes: unknown[] = [
      {
        all: [
          { field: "member_status", op: "in", value: ["current"] },
          { field: "custom.region", op: "in", value: [regions[i % 4]] },
          { field: "company.active", op: "is_true" },
        ],
      },
      { field: "first_name", op: "starts_with", value: ["a", "b", "c", "d"][i % 4] },
      { field: "expiry_date", op: "within_next_days", value: 10 + (i % 90) },
      { field: "custom.score", op: "gt", value: i % 100 },
      { field: "custom.topics", op: "has_any", value: [["a", "b", "c"][i % 3]] },
      { field: "event", op: "registered", value: { eventId: ids.events[i % 5] } },
      { field: "membership_type", op: "in", value: [ids.types[i % 3]] },
      {
        any: [
          { field: "company.custom.sector", op: "in", value: ["tech"] },
          { field: "has_user_account", op: "is_true" },
        ],
      },
      { not: { field: "active", op: "is_true" } },
      {
        all: [
          { field: "company.member_status", op: "in", value: ["current", "grace"] },
          { field: "job_title", op: "is_empty" },
        ],
      },
      {
        all: [
          { field: "group", op: "member_of", value: prev },
          { field: "custom.score", op: "lt", value: 50 },
        ],
      },
    ];
    groups.push({ id, conditions: shapes[i % shapes.length] });
  }
  for (const g of groups)
    await h.db.execute(sql`insert into groups (id, name, record_types, conditions)
      values (${g.id}::uuid, ${`Bench ${g.id.slice(0, 6)}`}, 'people', ${JSON.stringify(g.conditions)}::jsonb)`);
  return { threeClauseId: groups[0].id };
}
