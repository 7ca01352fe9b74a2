// The grace period choice shared by Roll key and Rotate signing secret (values: lib/api/key-input.ts).
import type { GraceChoice } from "@/lib/api/key-input";

export function GraceFieldset({
  legend,
  noneLabel,
  defaultValue,
}: {
  legend: string;
  noneLabel: string;
  defaultValue: GraceChoice;
}) {
  const choices: [GraceChoice, string][] = [
    ["none", noneLabel],
    ["1h", "1 hour"],
    ["24h", "24 hours"],
  ];
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {choices.map(([value, label]) => (
        <label key={value} className="flex items-center gap-2 text-sm">
          <input type="radio" name="grace" value={value} defaultChecked={value === defaultValue} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
