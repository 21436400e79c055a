import { Fragment, useState } from 'react'

import { formatDateTime } from '../../tasks/format.js'
import AuditChanges, { hasChanges } from './AuditChanges.jsx'

export const actorLabel = (entry) =>
  entry.actor_email || (entry.actor_id ? `User #${entry.actor_id}` : 'System')

// The log, newest first; each entry's before/after opens in a row below it.
export default function AuditTable({ entries }) {
  const [open, setOpen] = useState(() => new Set())
  const toggle = (id) =>
    setOpen((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  return (
    <div className="table-wrap">
      <table className="admin-table audit-table" aria-label="Audit log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">IP</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const expanded = open.has(entry.id)
            const detailsId = `audit-changes-${entry.id}`
            return (
              <Fragment key={entry.id}>
                <tr className={expanded ? 'audit-row audit-row-open' : 'audit-row'}>
                  <td data-label="When">
                    <time dateTime={entry.created_at}>{formatDateTime(entry.created_at)}</time>
                  </td>
                  <td data-label="Actor">
                    {actorLabel(entry)}
                    {entry.actor_email && entry.actor_id && <span className="muted"> (#{entry.actor_id})</span>}
                  </td>
                  <td data-label="Action">
                    <code>{entry.action}</code>
                  </td>
                  <td data-label="Object">
                    {entry.object_type} #{entry.object_id}
                  </td>
                  <td data-label="IP">{entry.ip || <span className="muted">—</span>}</td>
                  <td data-label="Changes">
                    {hasChanges(entry) ? (
                      <button type="button" aria-expanded={expanded} aria-controls={detailsId} onClick={() => toggle(entry.id)}>
                        {expanded ? 'Hide changes' : 'Show changes'}{' '}
                        <span className="visually-hidden">
                          of {entry.action} on {entry.object_type} #{entry.object_id}
                        </span>
                      </button>
                    ) : (
                      <span className="muted">None recorded</span>
                    )}
                  </td>
                </tr>
                {expanded && (
                  <tr id={detailsId} className="audit-details">
                    <td colSpan={6}>
                      <AuditChanges entry={entry} />
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
