"use client";
// The human API reference: Swagger UI (bundled, works offline) rendering the served OpenAPI document.
import dynamic from "next/dynamic";
import "swagger-ui-react/swagger-ui.css";

const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-600">
      Loading the API reference…
    </p>
  ),
});

export function ApiReference() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <SwaggerUI url="/api/v1/openapi.json" docExpansion="list" defaultModelsExpandDepth={0} />
    </div>
  );
}
