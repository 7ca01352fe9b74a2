// The token endpoint's database work in one statement (one round trip; on PGlite each statement costs ~1 ms
// of the single app thread): authenticate the client, claim the code, read the member's claims and issue the
// access token, plus the active signing key's kid and the site URL so neither needs a cache to go stale.
import type { DbOrTx } from "../client";
import { executePrepared } from "../prepared";

export type CodeExchangeInput = {
  clientId: string;
  /** SHA-256 of the presented client secret, or null when none was sent (public clients). */
  secretHash: string | null;
  codeHash: string;
  redirectUri: string | null;
  /** Whether a code_verifier was sent, and its S256 value if well-formed (else null). */
  verifierGiven: boolean;
  verifierS256: string | null;
  /** The access token to store if (and only if) every check passes. */
  tokenHash: string;
  tokenTtlSeconds: number;
};

/** null: no client with that client_id. */
export type CodeExchangeRow = {
  /** sso_clients.id */
  id: string;
  authenticated: boolean;
  /** The code was unused and is now marked used (whatever the other checks say). */
  claimed: boolean;
  live: boolean | null;
  codeClientId: string | null;
  codeRedirectUri: string | null;
  codeChallenge: string | null;
  personId: string | null;
  scope: string | null;
  nonce: string | null;
  authTime: number | null;
  /** The person still exists (the claims below are theirs). */
  personFound: boolean;
  /**
   * The member may still use the client now (not only when the code was issued): the account the code was
   * issued to still exists and is theirs, the person is active, and in a permitted group if the client has any.
   */
  allowed: boolean;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  accountEmail: string | null;
  updatedAtEpoch: number | null;
  /** The groups claim (lib/oidc/groups.ts rules: permitted groups only), when the scope asks for it. */
  groups: string[] | null;
  /** The access token was stored: every check below passed (the caller re-checks to say which failed). */
  issued: boolean;
  activeKid: string | null;
  siteUrl: string | null;
};

// Parameters: $1 secret hash, $2 client_id, $3 code hash, $4 token hash, $5 token TTL (s), $6 redirect_uri,
// $7 verifier sent, $8 its S256 value.
const EXCHANGE_SQL = `
    with client as (
      select c.id, c.permitted_group_ids,
        case when $1::text is null then c.is_public
          else c.secret_hash = $1::text
            or (c.previous_secret_hash = $1::text and c.previous_secret_expires_at > now())
        end as authenticated
      from sso_clients c where c.client_id = $2::text
    ),
    claimed as (
      update oidc_auth_codes set used_at = now()
      where code_hash = $3::text and used_at is null and exists (select 1 from client where authenticated)
      returning client_id, redirect_uri, person_id, user_id, scope, nonce, code_challenge, auth_time, code_hash,
        expires_at > now() as live
    ),
    person as (
      select p.id, p.first_name, p.last_name, p.email, u.email as account_email,
        extract(epoch from p.updated_at)::float8 as updated_at_epoch,
        (p.active and u.id is not null and (cardinality(client.permitted_group_ids) = 0 or exists (
          select 1 from group_members gm
          where gm.record_type = 'person' and gm.record_id = p.id
            and gm.group_id = any(client.permitted_group_ids)))) as allowed
      from claimed join people p on p.id = claimed.person_id
        join client on client.id = claimed.client_id
        left join users u on u.id = claimed.user_id and u.person_id = p.id
    ),
    issued as (
      insert into oidc_tokens (token_hash, client_id, person_id, scope, code_hash, expires_at)
      select $4::text, claimed.client_id, claimed.person_id, claimed.scope, claimed.code_hash,
        now() + make_interval(secs => $5::int)
      from claimed join client on client.id = claimed.client_id and client.authenticated
      where claimed.live and claimed.redirect_uri = $6::text
        and case when coalesce(claimed.code_challenge, '') = '' then not $7::boolean
          else claimed.code_challenge = $8::text end
        and exists (select 1 from person where allowed)
      returning 1
    )
    select client.id, client.authenticated, claimed.client_id is not null as claimed, claimed.live,
      claimed.client_id as code_client_id, claimed.redirect_uri as code_redirect_uri,
      claimed.code_challenge, claimed.person_id, claimed.scope, claimed.nonce, claimed.auth_time,
      person.id is not null as person_found, coalesce(person.allowed, false) as allowed, person.first_name, person.last_name, person.email,
      person.account_email, person.updated_at_epoch,
      case when 'groups' = any(string_to_array(claimed.scope, ' ')) then array(
        select gm.group_id::text from group_members gm
        where gm.record_type = 'person' and gm.record_id = claimed.person_id
          and gm.group_id = any(client.permitted_group_ids)
        order by gm.group_id) end as groups,
      exists (select 1 from issued) as issued,
      (select kid from oidc_signing_keys where retired_at is null order by created_at desc limit 1) as active_kid,
      (select site_url from site_settings where id = 1) as site_url
    from client left join claimed on true left join person on true
`;

/**
 * One statement, in order: the client and whether the presented secret (current, or previous within its grace
 * period; none for a public client) authenticates it; the code, marked used only if the client authenticated;
 * the person's claim fields; the access token, inserted only if the code is live, was issued to this client
 * for this redirect URI, PKCE holds, the person exists and may still use the client. Secrets are compared as SHA-256 hashes (random
 * 256-bit values, as API keys are looked up), so comparison timing reveals nothing about the secret.
 */
export async function exchangeAuthCode(db: DbOrTx, i: CodeExchangeInput): Promise<CodeExchangeRow | null> {
  if (!i.clientId || i.clientId.length > 200) return null;
  const params = [
    i.secretHash,
    i.clientId,
    i.codeHash,
    i.tokenHash,
    i.tokenTtlSeconds,
    i.redirectUri,
    i.verifierGiven,
    i.verifierS256,
  ];
  // A named (prepared) statement: parsed once per connection, and planned once after a few runs. Unprepared,
  // parsing and planning these CTEs cost ~2.5 ms of CPU per request on PGlite (the query itself ~1.5 ms).
  const rows = await executePrepared(db, { sql: EXCHANGE_SQL, params });
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id as string,
    authenticated: r.authenticated === true,
    claimed: r.claimed === true,
    live: r.live as boolean | null,
    codeClientId: r.code_client_id as string | null,
    codeRedirectUri: r.code_redirect_uri as string | null,
    codeChallenge: r.code_challenge as string | null,
    personId: r.person_id as string | null,
    scope: r.scope as string | null,
    nonce: r.nonce as string | null,
    authTime: r.auth_time as number | null,
    personFound: r.person_found === true,
    allowed: r.allowed === true,
    firstName: r.first_name as string | null,
    lastName: r.last_name as string | null,
    email: r.email as string | null,
    accountEmail: r.account_email as string | null,
    updatedAtEpoch: r.updated_at_epoch as number | null,
    groups: r.groups as string[] | null,
    issued: r.issued === true,
    activeKid: r.active_kid as string | null,
    siteUrl: r.site_url as string | null,
  };
}
