import { ComingSoon } from "@/components/coming-soon";

export const metadata = { title: "Custom fields" };

export default function Page() {
  return <ComingSoon title="Custom fields" what="Custom fields." />;
}
