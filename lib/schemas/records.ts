// The one zod schema for writing a person (staff screens, portal, CLI, API all parse through it).
import { z } from "zod";
import { calendarDate, hasNul, plainText } from "./typed-values";

const optionalText = (max: number) =>
  plainText(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();
const isoDate = calendarDate;

export const socialLinksSchema = z
  .object({
    linkedin: z.string().url().optional(),
    twitter: z.string().url().optional(),
    facebook: z.string().url().optional(),
    instagram: z.string().url().optional(),
    website: z.string().url().optional(),
  })
  .strict();

const noNul = z.string().refine((s) => !hasNul(s), "Must not contain NUL characters");
export const customValueSchema = z.union([noNul, z.number(), z.boolean(), z.array(noNul), z.null()]);

/** A record's stored custom field values (the `custom` column), keyed by field key. */
export type CustomValues = Record<string, z.infer<typeof customValueSchema>>;
/** A person's stored social links (the `social_links` column). */
export type SocialLinks = z.infer<typeof socialLinksSchema>;

export const personInputSchema = z
  .object({
    firstName: plainText(100).pipe(z.string().min(1, "First name is required")),
    lastName: plainText(100).pipe(z.string().min(1, "Last name is required")),
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
    name: plainText(200).pipe(z.string().min(1, "Name is required")),
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
