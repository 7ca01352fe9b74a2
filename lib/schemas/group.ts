// The one schema of a group definition (staff form, CLI, tests). Its conditions are checked further by
// the condition language (lib/groups/schema.ts) against the current fields, types and groups.
import { z } from "zod";
import { groupModes, groupRecordTypes, memberRecordTypes } from "@/db/schema";

export const groupInputSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(200),
  description: z.string().trim().max(2000).default(""),
  recordTypes: z.enum(groupRecordTypes),
  mode: z.enum(groupModes).default("conditions"),
  conditions: z.unknown().nullable().default(null),
  /** Its members see the group's name and description on the portal's My groups page. */
  visibleToMembers: z.boolean().default(false),
  specificRecords: z
    .array(z.object({ recordType: z.enum(memberRecordTypes), recordId: z.uuid() }))
    .max(10_000)
    .optional(),
});
export type GroupInput = z.input<typeof groupInputSchema>;
export type GroupDefinition = z.output<typeof groupInputSchema>;
