"use client";
// Per webhook endpoint: Send test event (status and a short excerpt only) and Reveal signing secret.
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import type { TestEventState } from "./form-states";

export function EndpointTools({
  sendTest,
  reveal,
}: {
  sendTest: () => Promise<TestEventState>;
  reveal: () => Promise<TestEventState>;
}) {
  const [state, setState] = useState<TestEventState>({});
  const [pending, start] = useTransition();
  return (
    <div className="mt-1 space-y-1">
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass("secondary", "px-2 py-1 text-xs")}
          disabled={pending}
          onClick={() => start(async () => setState(await sendTest()))}
        >
          {pending ? "Sending…" : "Send test event"}
        </button>
        <button
          type="button"
          className={buttonClass("ghost", "px-2 py-1 text-xs")}
          disabled={pending}
          onClick={() => start(async () => setState(await reveal()))}
        >
          Reveal signing secret
        </button>
      </div>
      <div aria-live="polite" className="text-xs">
        {state.error && <p className="text-red-700">{state.error}</p>}
        {state.result && (
          <p>
            Answered {state.result.status}: <code>{state.result.excerpt || "(empty)"}</code>
          </p>
        )}
        {state.secret && <code className="break-all">{state.secret}</code>}
      </div>
    </div>
  );
}
