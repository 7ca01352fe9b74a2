// Provider constants and the endpoint URLs derived from the issuer (= the site URL).
import type { DbOrTx } from "@/db/client";
import { getSiteSettings, siteUrlOf } from "@/db/queries/site-settings";

export const CODE_TTL_SECONDS = 60;
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const ID_TOKEN_TTL_SECONDS = 3600;
/** A rotated-out key stays published this long, so ID tokens it signed can still be verified until they expire. */
export const RETIRED_KEY_PUBLISH_SECONDS = ID_TOKEN_TTL_SECONDS;
export const SIGNING_ALG = "RS256";
export const SUPPORTED_SCOPES = ["openid", "profile", "email", "groups"] as const;

export async function issuerOf(db: DbOrTx): Promise<string> {
  return siteUrlOf(await getSiteSettings(db));
}

export function endpointsOf(issuer: string) {
  return {
    issuer,
    discovery: `${issuer}/.well-known/openid-configuration`,
    jwks: `${issuer}/.well-known/jwks.json`,
    authorization: `${issuer}/api/oidc/authorize`,
    token: `${issuer}/api/oidc/token`,
    userinfo: `${issuer}/api/oidc/userinfo`,
    endSession: `${issuer}/api/oidc/end-session`,
  };
}

export function discoveryDocument(issuer: string) {
  const e = endpointsOf(issuer);
  return {
    issuer,
    authorization_endpoint: e.authorization,
    token_endpoint: e.token,
    userinfo_endpoint: e.userinfo,
    jwks_uri: e.jwks,
    end_session_endpoint: e.endSession,
    scopes_supported: [...SUPPORTED_SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic", "none"],
    code_challenge_methods_supported: ["S256"],
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "nonce",
      "name",
      "given_name",
      "family_name",
      "updated_at",
      "email",
      "email_verified",
      "groups",
    ],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    prompt_values_supported: ["none", "login"],
    authorization_response_iss_parameter_supported: true,
  };
}
