import { Link } from 'react-router-dom'

import { PriorityBadge, SlaBadge } from '../../Badges.jsx'
import { formatDateTime } from '../../tasks/format.js'

const ticketLink = (number) => <Link to={`/tickets/${encodeURIComponent(number)}`}>{number}</Link>

const When = ({ value }) => (value ? <time dateTime={value}>{formatDateTime(value)}</time> : <span className="muted">—</span>)

// When the step began to wait: its "waiting" history entry (the item has no created_at in the API).
export function waitingSince(item) {
  const history = item.history || []
  return (history.find((entry) => entry.event === 'waiting') || history[0])?.at || null
}

// Tickets no workflow matched (GET /tasks/unassigned/ → tickets).
export function UnassignedTicketTable({ tickets, onAssign }) {
  return (
    <div className="table-wrap">
      <table className="admin-table" aria-label="Tickets without a workflow">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Subject</th>
            <th scope="col">Department / category</th>
            <th scope="col">Priority</th>
            <th scope="col">Received</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.ticket_number}>
              <td data-label="Ticket">{ticketLink(ticket.ticket_number)}</td>
              <td data-label="Subject" className="cell-subject">
                {ticket.subject}
              </td>
              <td data-label="Department / category">
                {[ticket.department || '—', [ticket.category, ticket.subcategory].filter(Boolean).join(' › ') || '—'].join(' / ')}
              </td>
              <td data-label="Priority">
                <PriorityBadge priority={ticket.priority} />
              </td>
              <td data-label="Received">
                <When value={ticket.received_at} />
              </td>
              <td className="cell-actions">
                <button type="button" onClick={() => onAssign(ticket)}>
                  Assign workflow{' '}<span className="visually-hidden">to {ticket.ticket_number}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

// Steps waiting for an available holder of their role (GET /tasks/unassigned/ → waiting).
export function WaitingStepTable({ items, roleName, onAssign }) {
  return (
    <div className="table-wrap">
      <table className="admin-table" aria-label="Steps waiting for an assignee">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Step</th>
            <th scope="col">Role</th>
            <th scope="col">Waiting since</th>
            <th scope="col">SLA due</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td data-label="Ticket">{ticketLink(item.ticket_number)}</td>
              <td data-label="Step">{item.step_name}</td>
              <td data-label="Role">{roleName(item.role_id)}</td>
              <td data-label="Waiting since">
                <When value={waitingSince(item)} />
              </td>
              <td data-label="SLA due">
                <When value={item.sla?.due_at} />{' '}
                {item.sla?.state && item.sla.state !== 'none' && <SlaBadge state={item.sla.state} />}
              </td>
              <td className="cell-actions">
                <button type="button" onClick={() => onAssign(item)}>
                  Assign user{' '}<span className="visually-hidden">to {item.step_name} of {item.ticket_number}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
