// The subset of Inngest's CEL expressions the executor evaluates: the forms the SDK generates from
// `match` / `cancelOn` / onFailure (`event.data.x == async.data.x`, `event.data.function_id == 'id'`) plus
// `&&`, `||`, `!=` and literals; and key expressions (`event.data.groupId`). Anything else is rejected
// when the function is loaded, never evaluated loosely.
type Operand = { path: string[] } | { value: unknown };
type Compare = { left: Operand; op: "==" | "!="; right: Operand };
export type Condition = Compare[][]; // OR of ANDs

const token = /\s*(&&|\|\||==|!=|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_][\w.]*)\s*/y;

function tokenize(source: string): string[] {
  const out: string[] = [];
  token.lastIndex = 0;
  while (token.lastIndex < source.length) {
    const m = token.exec(source);
    if (!m) throw new Error(`unsupported expression "${source}"`);
    out.push(m[1]);
  }
  return out;
}

function operand(t: string | undefined, source: string): Operand {
  if (t === undefined) throw new Error(`incomplete expression "${source}"`);
  if (t.startsWith("'") || t.startsWith('"')) return { value: t.slice(1, -1).replace(/\\(.)/g, "$1") };
  if (/^-?\d/.test(t)) return { value: Number(t) };
  if (t === "true" || t === "false") return { value: t === "true" };
  if (t === "null") return { value: null };
  const path = t.split(".");
  if (path[0] !== "event" && path[0] !== "async") throw new Error(`unknown variable "${t}" in "${source}"`);
  return { path };
}

export function parseCondition(source: string): Condition {
  const t = tokenize(source);
  const groups: Condition = [[]];
  for (let i = 0; i < t.length;) {
    const left = operand(t[i], source);
    const op = t[i + 1];
    if (op !== "==" && op !== "!=") throw new Error(`unsupported expression "${source}"`);
    groups[groups.length - 1].push({ left, op, right: operand(t[i + 2], source) });
    const joiner = t[i + 3];
    if (joiner === "||") groups.push([]);
    else if (joiner !== undefined && joiner !== "&&") throw new Error(`unsupported expression "${source}"`);
    i += 4;
  }
  if (groups.some((g) => g.length === 0)) throw new Error(`incomplete expression "${source}"`);
  return groups;
}

export type Scope = { event?: unknown; async?: unknown };

function resolve(o: Operand, scope: Scope): unknown {
  if ("value" in o) return o.value;
  let v: unknown = scope;
  for (const part of o.path)
    v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function evaluate(c: Condition, scope: Scope): boolean {
  return c.some((all) =>
    all.every((x) => same(resolve(x.left, scope), resolve(x.right, scope)) === (x.op === "==")),
  );
}

/** A key expression (`event.data.groupId`): a plain path into the triggering event. */
export function parseKey(source: string): string[] {
  const t = tokenize(source);
  const o = t.length === 1 ? operand(t[0], source) : null;
  if (!o || !("path" in o) || o.path[0] !== "event")
    throw new Error(`unsupported key expression "${source}"`);
  return o.path;
}

export function evaluateKey(path: string[], event: unknown): string {
  return JSON.stringify(resolve({ path }, { event }) ?? null);
}
