import { PageHeader } from "@/components/ui/page-header";

/** A section whose screens arrive with a later issue; says so plainly rather than pretending. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-slate-700">
        <p className="font-medium">Not built yet.</p>
        <p className="mt-2 text-sm">{what}</p>
      </div>
    </>
  );
}
