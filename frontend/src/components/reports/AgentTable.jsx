import { useState } from 'react'

import { formatMinutes } from './filters.js'

export const AGENT_COLUMNS = [
  { key: 'name', name: 'Agent', numeric: false },
  { key: 'items_handled', name: 'Items handled', numeric: true },
  { key: 'avg_minutes_per_item', name: 'Average time per item', numeric: true, format: formatMinutes },
  { key: 'reassignments', name: 'Reassignments', numeric: true },
  { key: 'escalations', name: 'Escalations', numeric: true },
  { key: 'open_items', name: 'Open items', numeric: true },
]
export const DEFAULT_AGENT_SORT = { key: 'items_handled', direction: 'descending' }

// Rows sorted by one column; rows without a value (no average yet) go last either way,
// ties keep the API's order (busiest first).
export function sortAgents(rows, { key, direction }) {
  const sign = direction === 'ascending' ? 1 : -1
  const missing = (value) => value === null || value === undefined
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[key]
      const y = b.row[key]
      if (missing(x) || missing(y)) return missing(x) - missing(y) || a.index - b.index
      const order = typeof x === 'string' ? x.localeCompare(y, undefined, { sensitivity: 'base' }) : x - y
      return sign * order || a.index - b.index
    })
    .map(({ row }) => row)
}

export default function AgentTable({ rows }) {
  const [sort, setSort] = useState(DEFAULT_AGENT_SORT)
  const sortBy = (column) =>
    setSort((current) =>
      current.key === column.key
        ? { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key: column.key, direction: column.numeric ? 'descending' : 'ascending' },
    )
  const sorted = sortAgents(rows, sort)
  return (
    <div className="table-scroll">
      <table className="agent-table">
        <caption className="visually-hidden">Agent performance, sorted by {AGENT_COLUMNS.find((c) => c.key === sort.key).name}, {sort.direction}</caption>
        <thead>
          <tr>
            {AGENT_COLUMNS.map((column) => {
              const active = sort.key === column.key
              return (
                <th key={column.key} scope="col" aria-sort={active ? sort.direction : undefined} className={column.numeric ? 'numeric' : undefined}>
                  <button type="button" className="sort-button" onClick={() => sortBy(column)}>
                    {column.name}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.agent_id}>
              {AGENT_COLUMNS.map((column) =>
                column.key === 'name' ? (
                  <th key={column.key} scope="row">
                    {row.name || `User ${row.agent_id}`}
                  </th>
                ) : (
                  <td key={column.key} className="numeric">
                    {column.format ? column.format(row[column.key]) : row[column.key]}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
