// The one form state a staff server action returns to its form: shared by the action wrapper
// (lib/records/admin-action.ts) and the form kit (components/records/form-kit.tsx).
export type FormState = {
  error?: string;
  /** Keyed by the input's name ("email", "custom.member_since", "socialLinks.linkedin"). */
  fieldErrors?: Record<string, string>;
  notice?: string;
};

/** The checkbox a staff person form sends to link a company despite Company Signup Protection. */
export const LINK_ANYWAY_FIELD = "linkAnyway";
