// Two or three views of one page as links (so each view has its own address), marked current.
import { Link, useLocation } from "../lib/router.js";

export function ViewSwitch<V extends string>({
  label,
  param,
  views,
  current,
}: {
  label: string;
  /** The query parameter that holds the view; the first view is the default (no parameter). */
  param: string;
  views: Array<{ value: V; label: string }>;
  current: V;
}) {
  const { pathname, search } = useLocation();
  const hrefFor = (value: V, first: boolean) => {
    const params = new URLSearchParams(search);
    if (first) params.delete(param);
    else params.set(param, value);
    const text = params.toString();
    return text ? `${pathname}?${text}` : pathname;
  };
  return (
    <nav aria-label={label} className="view-switch">
      {views.map((v, i) => (
        <Link
          key={v.value}
          to={hrefFor(v.value, i === 0)}
          replace
          aria-current={v.value === current ? "page" : undefined}
        >
          {v.label}
        </Link>
      ))}
    </nav>
  );
}
