// Inside the portal shell (its header and navigation stay), so a member is never stranded.
import { NotFoundPanel } from "@/components/not-found-panel";

export default function CompassNotFound() {
  return <NotFoundPanel backHref="/compass" backLabel="Back to your Compass" />;
}
