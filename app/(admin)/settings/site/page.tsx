import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Site" };

export default function Page() {
  return <ComingSoon title="Site" what="Site settings." />;
}
