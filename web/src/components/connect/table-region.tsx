// A table that may scroll sideways on a narrow screen: a labelled region that takes keyboard focus,
// so it can be scrolled without a mouse.
import type { ReactNode } from "react";

export function TableRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`table-wrap${className ? ` ${className}` : ""}`}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
