// What a vendor brings to the connector registry (registry.ts): its name on screen, its settings with their
// defaults, how a stored connection becomes its connector, and its Test connection. The sync engine and the
// settings flow (settings.ts) only see this shape, so a second vendor is one more entry, not a copy.
import type { z } from "zod";
import type { IntegrationVendor } from "@/db/schema";
import type { HttpClientOptions } from "./http";
import type { Connector } from "./types";

/**
 * A stored connection with its credentials opened (connections.ts). Two credential slots, as the
 * integrations table has them (Mobilize: API key and secret); `options` holds everything else a vendor keeps.
 */
export type Connection = {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  options: Record<string, unknown>;
};

type Credentials = { baseUrl: string; apiKey: string; apiSecret: string };

export interface ConnectorVendor<S extends z.ZodType<Credentials> = z.ZodType<Credentials>> {
  readonly vendor: IntegrationVendor;
  /** How staff see the vendor ("Mobilize"): settings, link errors, messages. */
  readonly label: string;
  /** The settings screen's input, defaults filled in. An empty apiKey/apiSecret keeps the stored one. */
  readonly settingsSchema: S;
  /** What Test connection asks for when a credential is missing and none is stored ("enter the API key"). */
  readonly missingCredential: { apiKey: string; apiSecret: string };
  /** Shown after a successful save (what to do next). */
  readonly savedMessage: string;
  /** Valid settings, credentials filled in → what is stored. */
  toConnection(settings: z.output<S>): Connection;
  createConnector(connection: Connection, http?: Partial<HttpClientOptions>): Connector;
  /** Test connection: throws ConnectionError saying what is wrong, quickly enough for a button. */
  testConnection(connection: Connection): Promise<void>;
}

/** Types a registry entry (infers the settings schema so toConnection sees its fields). */
export const defineVendor = <S extends z.ZodType<Credentials>>(v: ConnectorVendor<S>): ConnectorVendor<S> =>
  v;
