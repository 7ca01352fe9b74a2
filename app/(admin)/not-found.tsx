// A record or page that does not exist, inside the staff shell (its navigation stays).
import { NotFoundPanel } from "@/components/not-found-panel";

export default function AdminNotFound() {
  return <NotFoundPanel backHref="/people" backLabel="Back to People" />;
}
