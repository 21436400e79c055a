import { StatusBadge } from '../Badges.jsx'
import { actorName, formatDateTime, words } from './format.js'

const EVENT_WORDS = { in_progress: 'started', held: 'put on hold', resumed: 'resumed' }

// The workflow path so far: each step visited (path), with the items worked on it and
// their history.
export default function TaskPath({ task, me }) {
  const items = [...(task.items || [])].sort((a, b) => a.id - b.id)
  const path = task.path || []
  return (
    <section className="task-card task-path" aria-labelledby="task-path-heading">
      <h2 id="task-path-heading">Workflow path</h2>
      {path.length > 0 && (
        <ol className="path-steps" aria-label="Steps so far">
          {path.map((step, index) => (
            <li
              key={`${step.id}-${index}`}
              aria-current={index === path.length - 1 && task.status !== 'completed' ? 'step' : undefined}
            >
              {step.name}
            </li>
          ))}
          {task.status === 'completed' && <li className="path-end">{words(task.outcome) || 'done'}</li>}
        </ol>
      )}
      {items.length === 0 ? (
        <p className="muted">Nothing has happened on this task yet.</p>
      ) : (
        <ol className="item-list">
          {items.map((item) => (
            <li key={item.id} className="item-entry">
              <div className="item-head">
                <strong>{item.step_name}</strong> <StatusBadge status={item.status} />
                <span className="muted">
                  {' '}
                  {item.assignee ? item.assignee.name || item.assignee.email : 'waiting for someone'}
                  {item.reason ? ` · ${words(item.reason)}` : ''}
                </span>
              </div>
              {item.action_label && (
                <p className="item-action">
                  {item.action_label}
                  {item.acted_at && (
                    <>
                      {' · '}
                      <time dateTime={item.acted_at}>{formatDateTime(item.acted_at)}</time>
                    </>
                  )}
                </p>
              )}
              {item.comment && <p className="item-comment">{item.comment}</p>}
              {item.history?.length > 0 && (
                <ul className="item-history">
                  {item.history.map((entry, index) => (
                    <li key={`${entry.at}-${index}`}>
                      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> ·{' '}
                      {actorName(entry.actor_id, task, me)} {EVENT_WORDS[entry.event] || words(entry.event)}
                      {entry.note ? <span className="history-note">: {entry.note}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
