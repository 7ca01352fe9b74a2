import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Events" };

export default function Page() {
  return <ComingSoon title="Events" what="Events and registrations." />;
}
