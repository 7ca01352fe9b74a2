import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Companies" };

export default function Page() {
  return <ComingSoon title="Companies" what="Companies." />;
}
