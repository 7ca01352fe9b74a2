import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Workflows" };

export default function Page() {
  return <ComingSoon title="Workflows" what="Durable workflow runs appear here." />;
}
