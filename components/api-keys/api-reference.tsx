"use client";
// The human API reference: Swagger UI rendering the served OpenAPI document, with "Try it out" against this
// site's own API under a key the reader pastes in "Authorize" (kept in memory only, never stored). The
// prebuilt swagger-ui-dist bundle carries its own React: swagger-ui-react broke on the site's React 19
// ("refract is not a function" at run time) because its dependencies were re-bundled by Next.js.
import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";

export function ApiReference() {
  const node = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-bundle.js")
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled || !node.current) return;
        SwaggerUIBundle({
          url: "/api/v1/openapi.json",
          domNode: node.current,
          docExpansion: "list",
          defaultModelsExpandDepth: 0,
          persistAuthorization: false,
          deepLinking: false,
        });
        setState("ready");
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      {state === "loading" && (
        <p role="status" className="p-4 text-sm text-slate-600">
          Loading the API reference…
        </p>
      )}
      {state === "failed" && (
        <p role="alert" className="p-4 text-sm text-red-700">
          The API reference could not be loaded. The raw document is at /api/v1/openapi.json.
        </p>
      )}
      <div ref={node} />
    </div>
  );
}
