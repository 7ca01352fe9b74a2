import type { ButtonHTMLAttributes } from "react";
import Link from "next/link";

const variants = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-400",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400",
  ghost: "text-brand-700 hover:bg-brand-50",
} as const;
export type ButtonVariant = keyof typeof variants;

export const buttonClass = (variant: ButtonVariant = "primary", extra = "") =>
  `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${variants[variant]} ${extra}`;

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type="button" className={buttonClass(variant, className)} {...props} />;
}

export function ButtonLink({
  href,
  variant = "primary",
  children,
  className = "",
  ariaLabel,
}: {
  href: string;
  variant?: ButtonVariant;
  children: React.ReactNode;
  className?: string;
  /** The accessible name when the text alone is ambiguous (one per table row). */
  ariaLabel?: string;
}) {
  return (
    <Link href={href} className={buttonClass(variant, className)} aria-label={ariaLabel}>
      {children}
    </Link>
  );
}
