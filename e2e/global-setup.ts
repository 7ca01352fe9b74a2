import { ADMIN, cli } from "./cli";

export default async function globalSetup() {
  cli("create-admin", "--email", ADMIN.email, "--password", ADMIN.password);
}
