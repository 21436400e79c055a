import { Empty } from '../States.jsx'
import { SLA_PRIORITIES, capitalise, minutesHint } from './properties.js'

const cell = (minutes) => (minutes ? `${minutes} min (${minutesHint(minutes)})` : '—')

// SLA targets read-only (a published version's).
export default function SlaSummary({ targets }) {
  const rows = SLA_PRIORITIES.filter((priority) => targets?.[priority])
  if (!rows.length) return <Empty>No SLA targets.</Empty>
  return (
    <div className="table-wrap">
      <table className="wf-sla-table">
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">First response</th>
            <th scope="col">Resolution</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((priority) => (
            <tr key={priority}>
              <th scope="row">{capitalise(priority)}</th>
              <td data-label="First response">{cell(targets[priority].first_response_minutes)}</td>
              <td data-label="Resolution">{cell(targets[priority].resolution_minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
