// THE scope of an API key: which data families it may read, which records (every active one, or the
// members of one group) and which fields. Every read a key makes asks here — the members list and lookups
// by id, the changes feed (and so webhooks), events and registrations — so each rule is written once.
// The SQL is db/queries/member-reads.ts and event-reads.ts, given the shape this module decides.
import type { DbOrTx } from "@/db/client";
import type { ApiKey } from "@/db/queries/api-keys";
import {
  activePeopleAmong,
  draftEventsAmong,
  getPublishedEvent,
  listPublishedEvents,
  listRegistrationsOf,
  publishedEventsByIds,
  registrationsByIds,
} from "@/db/queries/event-reads";
import {
  countMembers,
  getMember,
  getMembersByIds,
  idsInGroup,
  listMembers,
  MEMBER_COLUMNS,
  type MemberListOpts,
  type MemberRow,
  type MemberShape,
} from "@/db/queries/member-reads";
import { decodeCursor, encodeCursor } from "@/lib/core/cursor";
import { AppError } from "@/lib/core/errors";
import { isUuid, UUID } from "@/lib/core/ids";
import { lockedMemberFields, memberFieldCatalogue, type FieldSet } from "@/lib/schemas/member-fields";

/** What of a key decides its scope. */
export type KeyScope = Pick<ApiKey, "memberAccess" | "eventAccess" | "limitMemberData" | "groupId">;
type MemberScope = Pick<ApiKey, "limitMemberData" | "groupId"> & { fieldSet?: FieldSet };

export type ApiFamily = "members" | "events" | "registrations" | "any";

/** A whole family the key may not read is a 403 (single records outside its group are 404s). */
export function checkFamily(key: Pick<ApiKey, "memberAccess" | "eventAccess">, family: ApiFamily): void {
  if (family === "members" && !key.memberAccess)
    throw new AppError("forbidden", "This API key has no access to membership data.");
  if ((family === "events" || family === "registrations") && !key.eventAccess)
    throw new AppError("forbidden", "This API key has no access to event data.");
  if (family === "registrations" && !key.memberAccess)
    throw new AppError(
      "forbidden",
      "This API key has no access to membership data (registrations name people).",
    );
}

/** The group whose members the key may see, or null: every active record. */
export const groupOf = (k: Pick<ApiKey, "limitMemberData" | "groupId">): string | null =>
  k.limitMemberData && k.groupId ? k.groupId : null;

/** The fields the key may see: the locked identity fields always, then the chosen ones (all when unlimited). */
export function fieldSetOf(
  key: Pick<ApiKey, "limitMemberData" | "memberFields" | "customFieldKeys">,
): FieldSet {
  if (!key.limitMemberData)
    return { fields: memberFieldCatalogue.map((f) => f.key), customKeys: null, custom: true };
  const known = new Set(memberFieldCatalogue.map((f) => f.key));
  const chosen = key.memberFields.filter((f) => known.has(f) && !lockedMemberFields.includes(f));
  return {
    fields: [...lockedMemberFields, ...chosen],
    customKeys: [...key.customFieldKeys],
    custom: key.customFieldKeys.length > 0,
  };
}

/**
 * Only the columns the key may see are read (fewer bytes to read, send and parse); the key's schema still
 * narrows every row (lib/api/project.ts), so this is about speed, not the guarantee.
 */
function shapeOf(k: MemberScope): MemberShape {
  if (!k.fieldSet) return { groupId: groupOf(k) };
  const wanted = new Set(k.fieldSet.fields);
  if (k.fieldSet.custom) wanted.add("custom");
  return { groupId: groupOf(k), columns: MEMBER_COLUMNS.filter((c) => wanted.has(c)) };
}

export const encodeMemberCursor = (id: string) => encodeCursor("m", [id]);

/** One page of the key's members ordered by id (stable for a walk by cursor). */
export async function listMembersInScope(
  db: DbOrTx,
  key: MemberScope,
  o: Omit<MemberListOpts, "after"> & { cursor?: string },
): Promise<{ rows: MemberRow[]; nextCursor: string | null }> {
  const after = decodeCursor(o.cursor, "m", [UUID])?.[0] ?? null;
  const { rows, more } = await listMembers(db, shapeOf(key), { ...o, after });
  return { rows, nextCursor: more ? encodeMemberCursor(rows[rows.length - 1].id) : null };
}

/** One member in scope, or null (outside the key's group looks exactly like nonexistent). */
export const getMemberInScope = (db: DbOrTx, key: MemberScope, id: string) => getMember(db, shapeOf(key), id);

/** Several members in scope by id, keyed by id. */
export const getMembersInScopeByIds = (db: DbOrTx, key: MemberScope, ids: string[]) =>
  getMembersByIds(db, shapeOf(key), ids);

/** How many records a key can see (the data contract preview). */
export const countMembersInScope = (db: DbOrTx, key: MemberScope) => countMembers(db, shapeOf(key));

/** Which of these ids are in the key's group now (any active state); null when the key has no group. */
export async function groupMembersAmong(
  db: DbOrTx,
  key: MemberScope,
  ids: string[],
): Promise<Set<string> | null> {
  const g = groupOf(key);
  return g ? idsInGroup(db, g, ids) : null;
}

const eventCursor = (cursor: string | undefined) => decodeCursor(cursor, "e", [UUID])?.[0] ?? null;
const nextEventCursor = (rows: { id: string }[], limit: number) =>
  rows.length > limit ? encodeCursor("e", [rows[limit - 1].id]) : null;

/** Events a key may read: published ones (drafts are staff-only). */
export async function listEventsInScope(db: DbOrTx, o: { limit: number; cursor?: string }) {
  const rows = await listPublishedEvents(db, { after: eventCursor(o.cursor), limit: o.limit });
  return { rows: rows.slice(0, o.limit), nextCursor: nextEventCursor(rows, o.limit) };
}

export const getEventInScope = (db: DbOrTx, id: string) => (isUuid(id) ? getPublishedEvent(db, id) : null);

export const eventsInScopeByIds = publishedEventsByIds;

/** Of these events, the drafts (their registrations are staff-only too). */
export const draftEventsInScope = draftEventsAmong;

/**
 * The record types of the changes feed a key may receive, by the same family rules as the endpoints:
 * people and companies need membership access, events need event access, registrations both (they name
 * a person, GET /events/{id}/registrations asks for both too).
 */
export function feedTypesOf(key: Pick<ApiKey, "memberAccess" | "eventAccess">): string[] {
  return [
    ...(key.memberAccess ? ["person", "company"] : []),
    ...(key.eventAccess ? ["event"] : []),
    ...(key.eventAccess && key.memberAccess ? ["registration"] : []),
  ];
}

/** An event's registrations whose person is in the key's member scope (else they would reveal the person). */
export async function listRegistrationsInScope(
  db: DbOrTx,
  key: MemberScope,
  eventId: string,
  o: { limit: number; cursor?: string },
) {
  const rows = await listRegistrationsOf(db, groupOf(key), eventId, {
    after: eventCursor(o.cursor),
    limit: o.limit,
  });
  return { rows: rows.slice(0, o.limit), nextCursor: nextEventCursor(rows, o.limit) };
}

export const registrationsInScopeByIds = (db: DbOrTx, key: MemberScope, ids: string[]) =>
  registrationsByIds(db, groupOf(key), ids);

/** Which of these people are in the key's member scope now. */
export const peopleInScopeAmong = (db: DbOrTx, key: MemberScope, ids: string[]) =>
  activePeopleAmong(db, groupOf(key), ids);
