// Page-level re-check for staff pages: the layout already shows "access denied", but each page's data
// read checks again so a page can never leak data if it is ever rendered outside that layout.
import "server-only";
import { adminOrNull } from "@/lib/auth/guards";

/** True for a signed-in admin; redirects strangers to sign in; false for anyone else. */
export async function isStaff(path: string): Promise<boolean> {
  return (await adminOrNull(path)) !== null;
}
