// In-memory data of the Mobilize stand-in: groups with a parent/child hierarchy, users matched by email
// and group memberships. Reproduces external-apis.md §3.2: adding to a child adds to every ancestor,
// removing from a parent removes from every descendant.

export type StandInGroup = {
  id: number;
  name: string;
  email: string;
  parent_group: number | null;
  privacy: number;
  created_at: number;
  updated_at: number;
  fields: { id: number; name: string; unique_name: string; type: string; required: boolean }[];
};

export type StandInUser = {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  is_registered: boolean;
  created_at: number;
  updated_at: number;
  fields: Record<string, unknown>;
};

export type Membership = { status: "accepted" | "pending"; is_admin: boolean; added_at: number };

const defaultFields = [
  { id: 1, name: "First Name", unique_name: "first_name", type: "Text", required: true },
  { id: 2, name: "Last Name", unique_name: "last_name", type: "Text", required: true },
  { id: 3, name: "Email", unique_name: "email", type: "Text", required: true },
];

export class StandInState {
  groups = new Map<number, StandInGroup>();
  users = new Map<string, StandInUser>();
  /** group id → user id → membership */
  members = new Map<number, Map<string, Membership>>();
  /** lower(email) → user id: Mobilize matches users by email. */
  private byEmail = new Map<string, string>();
  private nextGroupId = 1001;
  private nextUserId = 500001;

  createGroup(input: { name: string; parent_group_id?: number | null; privacy?: number }): StandInGroup {
    const id = this.nextGroupId++;
    const now = Date.now();
    const slug = input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const group: StandInGroup = {
      id,
      name: input.name,
      email: `${slug}@groups.mobilize.test`,
      parent_group: input.parent_group_id ?? null,
      privacy: input.privacy ?? 5,
      created_at: now,
      updated_at: now,
      fields: defaultFields,
    };
    this.groups.set(id, group);
    this.members.set(id, new Map());
    return group;
  }

  userByEmail(email: string): StandInUser | undefined {
    const id = this.byEmail.get(email.trim().toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Creates the user, or overwrites the supplied data of the user with that email (case-insensitive). */
  upsertUser(fields: Record<string, unknown>): StandInUser {
    const email = String(fields.email ?? "").trim();
    const now = Date.now();
    const existing = this.userByEmail(email);
    const { first_name, last_name, email: _e, ...custom } = fields;
    void _e;
    if (existing) {
      if (typeof first_name === "string") existing.first_name = first_name;
      if (typeof last_name === "string") existing.last_name = last_name;
      existing.fields = { ...existing.fields, ...custom };
      existing.updated_at = now;
      return existing;
    }
    const user: StandInUser = {
      id: String(this.nextUserId++),
      first_name: typeof first_name === "string" ? first_name : "",
      last_name: typeof last_name === "string" ? last_name : "",
      email,
      is_registered: false,
      created_at: now,
      updated_at: now,
      fields: custom,
    };
    this.users.set(user.id, user);
    this.byEmail.set(email.toLowerCase(), user.id);
    return user;
  }

  ancestorsOf(groupId: number): number[] {
    const out: number[] = [];
    let parent = this.groups.get(groupId)?.parent_group ?? null;
    while (parent !== null && !out.includes(parent)) {
      out.push(parent);
      parent = this.groups.get(parent)?.parent_group ?? null;
    }
    return out;
  }

  descendantsOf(groupId: number): number[] {
    const out: number[] = [];
    const walk = (id: number) => {
      for (const g of this.groups.values())
        if (g.parent_group === id && !out.includes(g.id)) {
          out.push(g.id);
          walk(g.id);
        }
    };
    walk(groupId);
    return out;
  }

  /** Returns false when the user already was a member (a no-op success). */
  addMember(groupId: number, userId: string): boolean {
    const now = Date.now();
    let changed = false;
    for (const id of [groupId, ...this.ancestorsOf(groupId)]) {
      const m = this.members.get(id)!;
      if (!m.has(userId)) {
        m.set(userId, { status: "accepted", is_admin: false, added_at: now });
        if (id === groupId) changed = true;
      }
    }
    return changed;
  }

  /** Returns false when the user was not a member. */
  removeMember(groupId: number, userId: string): boolean {
    const m = this.members.get(groupId)!;
    if (!m.has(userId)) return false;
    for (const id of [groupId, ...this.descendantsOf(groupId)]) this.members.get(id)?.delete(userId);
    return true;
  }

  clear(): void {
    this.groups.clear();
    this.users.clear();
    this.members.clear();
    this.byEmail.clear();
  }

  userView(user: StandInUser, includeFields = true) {
    const groups = [...this.members.entries()]
      .filter(([, m]) => m.has(user.id))
      .map(([gid, m]) => ({
        id: gid,
        is_admin: m.get(user.id)!.is_admin,
        last_invited_in: null,
        status: m.get(user.id)!.status,
      }));
    const { fields, ...rest } = user;
    return {
      ...rest,
      name: `${user.first_name} ${user.last_name}`.trim(),
      avatar: { image: null, small_thumb: null, mini_thumb: null, thumb: null },
      groups,
      ...(includeFields ? { fields } : {}),
    };
  }

  groupView(group: StandInGroup) {
    return {
      ...group,
      members_count: this.members.get(group.id)?.size ?? 0,
      logo: { url: null, small_thumb: null, mini_thumb: null, thumb: null },
    };
  }
}
