// What the API key screens' server actions return to their forms (the actions import these types).
export type KeyFormState = {
  error?: string;
  fields?: Record<string, string>;
  /** Set once, right after create or roll: the only time the key is shown. */
  created?: { id: string; secret: string };
};

/** Send test event, reveal and rotate a webhook endpoint's signing secret. */
export type TestEventState = {
  error?: string;
  result?: { status: number; excerpt: string };
  secret?: string;
};
