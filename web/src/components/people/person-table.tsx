// A table of people (accounts, or invitations of people not yet in): who each is, then the columns
// the list adds about them. The people page and the invitations panel read the same way.
import type { ReactNode } from "react";
import type { Side } from "../../../../src/contract/index.js";
import { Chip, SideBadge } from "../chips.js";

interface PersonRow {
  id: string;
  name: string;
  email: string;
  side: Side;
  isAdmin: boolean;
}

export interface PersonColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** Name (with an Admin chip), e-mail and side, then `columns`; `caption` is read by screen readers. */
export function PersonTable<T extends PersonRow>({
  caption,
  rows,
  columns,
}: {
  caption: string;
  rows: readonly T[];
  columns: ReadonlyArray<PersonColumn<T>>;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Side</th>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                {row.name} {row.isAdmin && <Chip tone="neutral">Admin</Chip>}
              </th>
              <td>{row.email}</td>
              <td>
                <SideBadge side={row.side} />
              </td>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
