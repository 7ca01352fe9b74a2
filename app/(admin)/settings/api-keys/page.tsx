import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "API keys" };

export default function Page() {
  return <ComingSoon title="API keys" what="API keys for the keyed REST API and webhooks." />;
}
