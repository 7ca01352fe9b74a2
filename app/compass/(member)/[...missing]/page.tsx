// Unknown portal addresses render the portal's own not-found inside the shell (Next.js sends unmatched
// URLs to the root not-found otherwise, outside every layout).
import { notFound } from "next/navigation";

export default function MissingPortalPage() {
  notFound();
}
