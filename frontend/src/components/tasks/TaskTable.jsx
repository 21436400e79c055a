import { Link } from 'react-router-dom'

import { PriorityBadge, SlaBadge, StatusBadge } from '../Badges.jsx'
import SlaCountdown from './SlaCountdown.jsx'

export default function TaskTable({ tasks }) {
  return (
    <div className="table-wrap">
      <table className="task-table" aria-label="My tasks">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Current step</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">SLA</th>
            <th scope="col">Time left</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id}>
              <td data-label="Ticket">
                <Link to={`/tasks/${task.id}`} className="task-link">
                  <span className="ticket-number">{task.ticket?.number}</span>{' '}
                  <span className="task-subject">{task.ticket?.subject}</span>
                </Link>
                {task.workflow?.name && <span className="hint">{task.workflow.name}</span>}
              </td>
              <td data-label="Current step">{task.current_step?.name || <span className="muted">—</span>}</td>
              <td data-label="Status">
                <StatusBadge status={task.status} />
              </td>
              <td data-label="Priority">
                <PriorityBadge priority={task.ticket?.priority} />
              </td>
              <td data-label="SLA">
                <SlaBadge state={task.sla?.state} />
              </td>
              <td data-label="Time left">
                <SlaCountdown sla={task.sla} onHold={task.status === 'on_hold'} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
