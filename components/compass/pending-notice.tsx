/** Shown while a member's company link waits for staff (Company Signup Protection). */
export function PendingNotice({ companyName }: { companyName: string | null }) {
  return (
    <div
      role="status"
      className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <p className="font-medium">Waiting for approval</p>
      <p className="mt-1">
        Your request to join {companyName ?? "your company"} is waiting for approval by staff. You can use the
        portal meanwhile; the company appears on your profile once approved.
      </p>
    </div>
  );
}
