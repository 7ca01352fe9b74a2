// Sign out: a plain form, so it works without JavaScript; the page passes the server action.
export function SignOutButton({
  action,
  className = "",
}: {
  action: () => Promise<void>;
  className?: string;
}) {
  return (
    <form action={action}>
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  );
}
