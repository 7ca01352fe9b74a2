import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "People" };

export default function Page() {
  return <ComingSoon title="People" what="People." />;
}
