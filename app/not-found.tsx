// Any address the site does not have (outside the portal's own not-found): branded, with a way home.
import { NotFoundPanel } from "@/components/not-found-panel";

export default function NotFound() {
  return (
    <main id="main" className="px-6">
      <p className="mx-auto max-w-lg pt-10 text-center font-semibold">Guildhall</p>
      <NotFoundPanel backHref="/" backLabel="Go to your home page" />
    </main>
  );
}
