import { LoadingPanel } from "@/components/records/loading-panel";

export default function Loading() {
  return <LoadingPanel label="the run" />;
}
