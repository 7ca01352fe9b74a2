// The one form state a staff server action returns to its form: shared by the action wrapper
// (lib/records/admin-action.ts) and the form kit (components/records/form-kit.tsx).
export type FormState = {
  error?: string;
  /** Keyed by the input's name ("email", "custom.member_since", "socialLinks.linkedin"). */
  fieldErrors?: Record<string, string>;
  notice?: string;
};
