// Requests per day as a small bar chart (server-rendered SVG, with a text equivalent for screen readers).
export function RequestsChart({ days }: { days: { day: string; n: number }[] }) {
  const max = Math.max(1, ...days.map((d) => d.n));
  const w = 16;
  const h = 60;
  const total = days.reduce((s, d) => s + d.n, 0);
  return (
    <figure>
      <svg
        width={days.length * (w + 4)}
        height={h + 2}
        role="img"
        aria-label={`Requests per day over ${days.length} days, ${total} in all`}
      >
        {days.map((d, i) => {
          const bh = Math.round((d.n / max) * h);
          return (
            <rect
              key={d.day}
              x={i * (w + 4)}
              y={h - bh}
              width={w}
              height={Math.max(bh, 1)}
              className="fill-brand-600"
            >
              <title>{`${d.day}: ${d.n}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-600">
        {days[0]?.day} – {days.at(-1)?.day}: {total} requests
      </figcaption>
    </figure>
  );
}
