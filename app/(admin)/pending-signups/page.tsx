import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Pending signups" };

export default function Page() {
  return <ComingSoon title="Pending signups" what="People waiting for approval." />;
}
