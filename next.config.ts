import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build folder lets tests (or a second checkout) build without clobbering `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite ships wasm/data files that must be loaded from node_modules at run time, not bundled
  // (and not copied into publicly served static media).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  // The build type-checks the site alone (tests and scripts need devDependencies; see tsconfig.build.json),
  // so `NODE_ENV=production npm install && npm start` can build.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // OIDC discovery and keys live at the site root; app/.well-known folders are not routed, so rewrite.
  async rewrites() {
    return [
      { source: "/.well-known/openid-configuration", destination: "/api/oidc/discovery" },
      { source: "/.well-known/jwks.json", destination: "/api/oidc/jwks" },
    ];
  },
};

export default nextConfig;
