import { Link } from 'react-router-dom'

import { PriorityBadge, SlaBadge, StatusBadge } from '../Badges.jsx'
import { formatDateTime, personName, slaState } from './format.js'

export default function TicketTable({ tickets }) {
  return (
    <div className="table-wrap">
      <table className="ticket-table" aria-label="Tickets">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">SLA due</th>
            <th scope="col">Requester</th>
            <th scope="col">Updated</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id ?? ticket.number}>
              <td data-label="Number">
                <Link to={`/tickets/${encodeURIComponent(ticket.number)}`}>{ticket.number}</Link>
              </td>
              <td data-label="Subject">{ticket.subject}</td>
              <td data-label="Status">
                <StatusBadge status={ticket.status} />
              </td>
              <td data-label="Priority">
                <PriorityBadge priority={ticket.priority} />
              </td>
              <td data-label="SLA due">
                {ticket.sla_due_at ? (
                  <>
                    <time dateTime={ticket.sla_due_at}>{formatDateTime(ticket.sla_due_at)}</time>{' '}
                    <SlaBadge state={slaState(ticket)} />
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label="Requester">{personName(ticket.requester)}</td>
              <td data-label="Updated">
                <time dateTime={ticket.updated_at}>{formatDateTime(ticket.updated_at)}</time>
              </td>
              <td data-label="Created">
                <time dateTime={ticket.created_at}>{formatDateTime(ticket.created_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
