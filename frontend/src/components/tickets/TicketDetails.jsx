import { PriorityBadge, SlaBadge, StatusBadge } from '../Badges.jsx'
import { formatDateTime, formatSize, personName, slaState } from './format.js'

function Row({ term, children }) {
  return (
    <div className="detail-row">
      <dt>{term}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </div>
  )
}

const when = (iso) => (iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : null)

export function TicketFields({ ticket }) {
  return (
    <dl className="ticket-fields">
      <Row term="Status">
        <StatusBadge status={ticket.status} />
      </Row>
      <Row term="Priority">
        <PriorityBadge priority={ticket.priority} />
      </Row>
      <Row term="Category">{ticket.category}</Row>
      <Row term="Subcategory">{ticket.subcategory}</Row>
      <Row term="Department">{ticket.department}</Row>
      <Row term="Requester">{personName(ticket.requester)}</Row>
      <Row term="Assignee">{ticket.assignee ? personName(ticket.assignee) : 'Unassigned'}</Row>
      <Row term="SLA due">
        {ticket.sla_due_at && (
          <>
            {when(ticket.sla_due_at)} <SlaBadge state={slaState(ticket)} />
          </>
        )}
      </Row>
      <Row term="Created">{when(ticket.created_at)}</Row>
      <Row term="Updated">{when(ticket.updated_at)}</Row>
      {ticket.resolved_at && <Row term="Resolved">{when(ticket.resolved_at)}</Row>}
      {ticket.tags?.length > 0 && <Row term="Tags">{ticket.tags.join(', ')}</Row>}
    </dl>
  )
}

export function AttachmentList({ attachments, label = 'Attachments' }) {
  if (!attachments?.length) return null
  return (
    <ul className="attachment-list" aria-label={label}>
      {attachments.map((file) => (
        <li key={file.id}>
          <a href={file.download_url} download={file.name}>
            {file.name}
          </a>{' '}
          <span className="muted">({formatSize(file.size)})</span>
        </li>
      ))}
    </ul>
  )
}

const statusText = (status) => (status || '').replace(/_/g, ' ')

export function StatusHistory({ rows }) {
  if (!rows?.length) return <p className="state state-empty">No status changes yet.</p>
  return (
    <ol className="status-history">
      {rows.map((row) => (
        <li key={row.id ?? row.event_id}>
          {when(row.changed_at)}:{' '}
          {row.from_status ? `${statusText(row.from_status)} → ${statusText(row.to_status)}` : `became ${statusText(row.to_status)}`}
          {row.assignee && <span className="muted"> (assigned to {personName(row.assignee)})</span>}
        </li>
      ))}
    </ol>
  )
}
