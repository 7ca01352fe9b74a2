// swagger-ui-dist ships a prebuilt bundle without types; the part of its API the reference page uses.
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  type SwaggerUIBundle = (options: {
    url: string;
    domNode: HTMLElement;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    persistAuthorization?: boolean;
    tryItOutEnabled?: boolean;
    deepLinking?: boolean;
  }) => unknown;
  const bundle: SwaggerUIBundle;
  export default bundle;
}
