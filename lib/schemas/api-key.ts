// The one zod schema for creating/editing an API key (staff form, CLI, tests).
import { z } from "zod";
import { optionalMemberFields } from "./member-fields";

const rate = z.number().int().min(1).max(100_000).nullable();

export const apiKeyInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100),
    eventAccess: z.boolean().default(true),
    memberAccess: z.boolean().default(true),
    followSignupProtection: z.boolean().default(false),
    limitMemberData: z.boolean().default(false),
    groupId: z.string().uuid("Choose a group from the list").nullable().default(null),
    memberFields: z
      .array(z.enum(optionalMemberFields as [string, ...string[]], { message: "Unknown member field" }))
      .default([]),
    customFieldKeys: z.array(z.string().min(1).max(100)).default([]),
    rateLimitPerSecond: rate.default(20),
    rateLimitPerMinute: rate.default(600),
    webhookUrls: z.array(z.string().trim().min(1).max(2000)).max(10).default([]),
  })
  .strict();
export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;
export type ApiKeyInputRaw = z.input<typeof apiKeyInputSchema>;

export const graceChoices = { none: 0, "1h": 3600_000, "24h": 86_400_000 } as const;
export type GraceChoice = keyof typeof graceChoices;
