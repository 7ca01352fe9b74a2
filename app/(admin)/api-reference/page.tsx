// Staff: the API reference, rendered from /api/v1/openapi.json (the same document tests validate against).
import { requireAdmin } from "@/lib/auth/guards";
import { ApiReference } from "@/components/api-keys/api-reference";
import { PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";
export const metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            The keyed REST API under /api/v1. The raw OpenAPI 3.1 document is at{" "}
            <a className="text-brand-700 underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReference />
    </>
  );
}
