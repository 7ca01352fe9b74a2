// The one interface every membership-push connector implements (Mobilize now, Higher Logic later).
// The sync engine (lib/sync) only talks to this.

export type RemoteGroup = { id: string; name: string; parentId: string | null };

export type RemoteMember = {
  remoteUserId: string;
  email: string | null;
  firstName: string;
  lastName: string;
};

/** Our person, reduced to what a connector may send. */
export type SyncPerson = {
  personId: string;
  email: string;
  firstName: string;
  lastName: string;
  companyName: string | null;
  jobTitle: string | null;
  /** Known from an earlier sync: lets the connector match without searching. */
  remoteUserId?: string | null;
};

export type AddResult =
  { personId: string; ok: true; remoteUserId: string } | { personId: string; ok: false; message: string };

export type ConnectionErrorKind = "bad_credentials" | "unreachable" | "unexpected_answer";

export class ConnectionError extends Error {
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "ConnectionError";
  }
}

export interface Connector {
  readonly vendor: string;
  /** Largest batch `addMembers` accepts in one call. */
  readonly maxBatch: number;
  /** Throws ConnectionError saying what is wrong. */
  testConnection(): Promise<void>;
  listGroups(page: { limit: number; offset: number }): Promise<{ items: RemoteGroup[]; hasMore: boolean }>;
  listMembers(remoteGroupId: string): Promise<RemoteMember[]>;
  /** Adds (creating or updating the remote user as needed). Per-person results; rejected people are not thrown. */
  addMembers(remoteGroupId: string, people: SyncPerson[]): Promise<AddResult[]>;
  /** "not_member" when the remote side says they were not in the group (already removed). */
  removeMember(remoteGroupId: string, remoteUserId: string): Promise<"removed" | "not_member">;
  /** Whether one person is in the group now (settles a write whose answer was lost). */
  checkMember(
    remoteGroupId: string,
    who: { remoteUserId?: string | null; email?: string | null },
  ): Promise<{ member: boolean; remoteUserId: string | null }>;
  /** Updates the synced fields of a person already known remotely. */
  upsertPerson(person: SyncPerson): Promise<{ remoteUserId: string }>;
}
