// The one zod schema for writing a person (staff screens, portal, CLI, API all parse through it).
import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31")
  .refine((v) => !Number.isNaN(Date.parse(v)), "Not a real date");

export const socialLinksSchema = z
  .object({
    linkedin: z.string().url().optional(),
    twitter: z.string().url().optional(),
    facebook: z.string().url().optional(),
    instagram: z.string().url().optional(),
    website: z.string().url().optional(),
  })
  .strict();

export const customValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);

/** A record's stored custom field values (the `custom` column), keyed by field key. */
export type CustomValues = Record<string, z.infer<typeof customValueSchema>>;
/** A person's stored social links (the `social_links` column). */
export type SocialLinks = z.infer<typeof socialLinksSchema>;

export const personInputSchema = z
  .object({
    firstName: z.string().trim().min(1, "First name is required").max(100),
    lastName: z.string().trim().min(1, "Last name is required").max(100),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email("Enter a valid email address")
      .max(254)
      .nullable()
      .optional()
      .or(z.literal("").transform(() => null)),
    phone: optionalText(40),
    jobTitle: optionalText(120),
    companyId: z.string().uuid().nullable().optional(),
    bio: optionalText(4000),
    profileImageUrl: z
      .string()
      .url("Enter a full URL (https://…)")
      .nullable()
      .optional()
      .or(z.literal("").transform(() => null)),
    socialLinks: socialLinksSchema.optional(),
    membershipTypeId: z.string().uuid().nullable().optional(),
    joinDate: isoDate.nullable().optional(),
    expiryDate: isoDate.nullable().optional(),
    custom: z.record(z.string(), customValueSchema).optional(),
  })
  .strict();
export type PersonInput = z.infer<typeof personInputSchema>;
export const personPatchSchema = personInputSchema.partial().strict();
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const companyInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(200),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email()
      .nullable()
      .optional()
      .or(z.literal("").transform(() => null)),
    emailDomains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .transform((d) => d.replace(/^@/, ""))
          .pipe(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "Enter a domain like example.org")),
      )
      .optional(),
    signupProtected: z.boolean().optional(),
    membershipTypeId: z.string().uuid().nullable().optional(),
    joinDate: isoDate.nullable().optional(),
    expiryDate: isoDate.nullable().optional(),
    custom: z.record(z.string(), customValueSchema).optional(),
  })
  .strict();
export type CompanyInput = z.infer<typeof companyInputSchema>;
export const companyPatchSchema = companyInputSchema.partial().strict();
export type CompanyPatch = z.infer<typeof companyPatchSchema>;
