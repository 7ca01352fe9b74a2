// Server mode: runs live in the Inngest server, so the screen points there instead.
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { env } from "@/lib/core/env";

export function ServerModeNotice() {
  const dashboard = env.INNGEST_BASE_URL ?? "https://app.inngest.com";
  return (
    <>
      <PageHeader title="Workflows" />
      <EmptyState title="Workflows run on your Inngest server">
        <p>
          This site uses an Inngest server (INNGEST_MODE=server), so runs, steps, retries and cancellations
          are in the{" "}
          <a href={dashboard} className="text-brand-700 underline" rel="noreferrer">
            Inngest dashboard
          </a>
          .
        </p>
      </EmptyState>
    </>
  );
}
