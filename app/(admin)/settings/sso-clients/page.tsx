import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "SSO clients" };

export default function Page() {
  return <ComingSoon title="SSO clients" what="OpenID Connect clients for partner platforms." />;
}
