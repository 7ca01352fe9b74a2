// A per-process signing key for embedded mode: the SDK runs in cloud mode (signature checks on for the
// public /api/inngest route, which nobody outside can then call successfully), while the executor's
// private in-process handler skips validation.
import { randomBytes } from "node:crypto";

const g = globalThis as unknown as { __guildhallInngestKey?: string };
g.__guildhallInngestKey ??= `signkey-prod-${randomBytes(32).toString("hex")}`;

export const generatedSigningKey: string = g.__guildhallInngestKey;
