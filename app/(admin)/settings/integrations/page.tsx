import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Integrations" };

export default function Page() {
  return <ComingSoon title="Integrations" what="Higher Logic and Mobilize connections." />;
}
