import { Link, useParams } from 'react-router-dom'

import CommentThread from '../components/comments/CommentThread.jsx'
import { ErrorMessage, Loading } from '../components/States.jsx'
import { AttachmentList, StatusHistory, TicketFields } from '../components/tickets/TicketDetails.jsx'
import { useTicket, useTicketHistory } from '../components/tickets/hooks.js'
import '../styles/tickets.css'

export const NOT_FOUND_TEXT = 'No such ticket, or you may not see it.'

export default function TicketDetailPage() {
  const { number } = useParams()
  const { data: ticket, error, loading, reload } = useTicket(number)
  const history = useTicketHistory(number)

  if (error?.status === 404) {
    return (
      <section className="ticket-detail">
        <h1>Ticket {number}</h1>
        <p className="state state-error" role="alert">
          {NOT_FOUND_TEXT}
        </p>
        <Link to="/tickets">Back to the list</Link>
      </section>
    )
  }
  if (error && !ticket) return <ErrorMessage error={error} onRetry={reload} />
  if (loading && !ticket) return <Loading label="Loading ticket…" />
  if (!ticket) return null

  return (
    <article className="ticket-detail">
      <h1 id="ticket-heading">
        <span className="ticket-number">{ticket.number}</span> {ticket.subject}
      </h1>
      <div className="ticket-layout">
        <div className="ticket-main">
          <section>
            <h2 id="description-heading">Description</h2>
            {ticket.description ? <p className="ticket-description">{ticket.description}</p> : <p className="state">No description.</p>}
          </section>
          <section>
            <h2 id="attachments-heading">Attachments</h2>
            {ticket.attachments?.length ? <AttachmentList attachments={ticket.attachments} /> : <p className="state">No files.</p>}
          </section>
          <CommentThread number={ticket.number} />
        </div>
        <aside className="ticket-side" aria-label="Ticket details">
          <TicketFields ticket={ticket} />
          <section>
            <h2 id="history-heading">Status history</h2>
            {history.error && <ErrorMessage error={history.error} onRetry={history.reload} />}
            {history.loading && !history.data && <Loading label="Loading history…" />}
            {history.data && <StatusHistory rows={Array.isArray(history.data) ? history.data : history.data.results} />}
          </section>
        </aside>
      </div>
    </article>
  )
}
