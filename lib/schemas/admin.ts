// zod schemas for the staff-only records: membership types, custom field definitions, events and
// registrations. Shared by the server actions, the query functions' tests and (later) the API.
import { z } from "zod";
import { customFieldTypes } from "@/db/schema";
import { eventStatuses, registrationStatuses } from "./events";
import { memberEditableChoices } from "./member-editable";

export const membershipTypeInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(120),
    description: z.string().trim().max(2000).optional(),
    appliesTo: z.enum(["person", "company", "both"], "Choose person, company or both"),
    graceDays: z.coerce
      .number("Enter a number of days")
      .int("Enter a whole number of days")
      .min(0, "Grace days cannot be negative")
      .max(3650, "At most 3650 days"),
  })
  .strict();
export type MembershipTypeInput = z.infer<typeof membershipTypeInputSchema>;

const choiceTypes = new Set(["single_choice", "multiple_choice"]);

export const customFieldInputSchema = z
  .object({
    entity: z.enum(["person", "company"], "Choose people or companies"),
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, "Use lower-case letters, digits and _ (starting with a letter)"),
    label: z.string().trim().min(1, "Label is required").max(120),
    type: z.enum(customFieldTypes, "Choose a field type"),
    choices: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
    required: z.boolean().default(false),
    memberEditable: z.boolean().default(false),
    sortOrder: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (choiceTypes.has(v.type) && v.choices.length === 0)
      ctx.addIssue({ code: "custom", path: ["choices"], message: "Add at least one choice" });
    if (new Set(v.choices).size !== v.choices.length)
      ctx.addIssue({ code: "custom", path: ["choices"], message: "Choices must be different" });
  });
export type CustomFieldInput = z.infer<typeof customFieldInputSchema>;

/** Turns a label into a stable storage key: "Member since" → "member_since". */
export function keyFromLabel(label: string): string {
  const k = label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  return /^[a-z]/.test(k) ? k : `f_${k}`;
}

/** A datetime-local value ("2026-05-01T18:30") or a full ISO string. */
const dateTime = z
  .string()
  .trim()
  .min(1, "Enter a date and time")
  .refine((v) => !Number.isNaN(Date.parse(v)), "Not a valid date and time")
  .refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= 1 && year <= 9999;
  }, "Use a year between 0001 and 9999")
  .transform((v) => new Date(v));

export const eventInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(200),
    description: z.string().trim().max(10_000).default(""),
    location: z
      .string()
      .trim()
      .max(300)
      .transform((v) => (v === "" ? null : v))
      .nullable()
      .optional(),
    startsAt: dateTime,
    endsAt: dateTime.nullable().optional(),
    capacity: z.coerce
      .number("Enter a number")
      .int("Enter a whole number")
      .min(1, "Capacity must be at least 1")
      .nullable()
      .optional(),
    status: z.enum(eventStatuses, "Choose draft, published or cancelled").default("published"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endsAt && v.endsAt < v.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
  });
export type EventInput = z.infer<typeof eventInputSchema>;

export const registrationStatusSchema = z.enum(
  registrationStatuses,
  "Choose registered, waitlisted, cancelled or attended",
);

export const userAccountInputSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
    password: z.string().min(10, "Use at least 10 characters").max(200),
  })
  .strict();

export const siteSettingsInputSchema = z
  .object({
    siteName: z.string().trim().min(1, "Site name is required").max(120),
    siteUrl: z
      .string()
      .trim()
      .max(300)
      .refine(
        (v) => v === "" || /^https?:\/\/[^\s/]+/.test(v),
        "Enter a full URL like https://members.example.org",
      )
      .transform((v) => v.replace(/\/+$/, "")),
    launched: z.boolean(),
    allowSyncsOnStaging: z.boolean(),
    allowPrivateTargets: z.boolean(),
    memberEditableFields: z.array(z.enum(memberEditableChoices.map(([k]) => k) as [string, ...string[]])),
  })
  .strict();
