"use client";
// On the API keys list after Save & Close: the new key, shown this once. As soon as it is on screen the
// server forgets it (the sealed cookie is deleted), so a reload or another tab does not show it again.
// Deleting a cookie in a server action re-renders the page without the key, so the key is kept in this
// component's state (rendered on every visit, it stays mounted across that refresh).
import { useEffect, useState } from "react";
import type { NewKeyFlash } from "@/lib/api-keys/new-key-flash";
import { SecretOnce } from "./secret-once";

export function NewKeyOnce({ fresh, forget }: { fresh: NewKeyFlash | null; forget: () => Promise<void> }) {
  const [shown, setShown] = useState(fresh);
  useEffect(() => {
    if (!fresh) return;
    setShown(fresh);
    void forget();
  }, [fresh, forget]);
  if (!shown) return null;
  return (
    <div className="mb-6">
      <SecretOnce id={shown.id} secret={shown.secret} title={`“${shown.name}” was added.`} />
    </div>
  );
}
