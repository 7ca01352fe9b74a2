// The closed value lists of events and registrations, shared by the tables (db/schema), the input
// schemas, the condition language and the staff screens. Dependency-free, so every layer may import it.
export const eventStatuses = ["draft", "published", "cancelled"] as const;
export const registrationStatuses = ["registered", "waitlisted", "cancelled", "attended"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
