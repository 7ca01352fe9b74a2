import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Groups" };

export default function Page() {
  return <ComingSoon title="Groups" what="Groups defined by conditions arrive with the groups work." />;
}
