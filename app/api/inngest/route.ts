// The Inngest endpoint. Server mode: Inngest Cloud or a self-hosted server calls it (signed requests only).
// Embedded mode: the executor calls its own private handler in-process, and this route rejects every
// request because its signing key is a random per-process secret.
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
