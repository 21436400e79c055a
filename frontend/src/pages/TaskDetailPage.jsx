import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'

import { startTask } from '../api/workflow.js'
import { useAuth } from '../auth/AuthContext.jsx'
import { PriorityBadge, SlaBadge, StatusBadge } from '../components/Badges.jsx'
import { ErrorMessage, Loading } from '../components/States.jsx'
import ActionDialog from '../components/tasks/ActionDialog.jsx'
import ReasonDialog from '../components/tasks/ReasonDialog.jsx'
import SlaCountdown from '../components/tasks/SlaCountdown.jsx'
import TaskPath from '../components/tasks/TaskPath.jsx'
import TransferDialog from '../components/tasks/TransferDialog.jsx'
import { currentItem, errorParts, formatDateTime, words } from '../components/tasks/format.js'
import { useAvailableActions, useTask } from '../components/tasks/hooks.js'
import '../styles/tasks.css'

export const CONFLICT_MESSAGE = 'Someone else changed this task meanwhile; it has been reloaded.'

function doneMessage(kind, result) {
  if (kind === 'action') {
    if (result?.status === 'completed') return `The task is complete (${words(result.outcome) || 'done'}).`
    const next = result?.next_step
    if (next) {
      const who = next.assigned_to?.name || next.assigned_to?.email
      return `Moved on to “${next.name || 'the next step'}”${who ? `, assigned to ${who}` : ''}.`
    }
    return 'Done.'
  }
  if (kind === 'transfer') {
    const who = result?.assignee?.name || result?.assignee?.email
    return who ? `Transferred to ${who}.` : 'Transferred.'
  }
  return { escalate: 'Escalated.', hold: 'The task is on hold.', resume: 'The task is running again.', start: 'Started.' }[kind]
}

function Detail({ label, children }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

export default function TaskDetailPage() {
  const { id } = useParams()
  const { user, isAdmin } = useAuth()
  const task = useTask(id)
  const actions = useAvailableActions(id)
  const [dialog, setDialog] = useState(null) // {kind: 'action'|'transfer'|'escalate'|'hold'|'resume', action?}
  const [notice, setNotice] = useState(null) // {tone: 'ok'|'conflict'|'error', text}
  const [starting, setStarting] = useState(false)

  const reloadAll = () => Promise.all([task.reload(), actions.reload()])
  const onDone = (kind) => (result) => {
    setDialog(null)
    setNotice({ tone: 'ok', text: doneMessage(kind, result) })
    reloadAll()
  }
  const onConflict = () => {
    setDialog(null)
    setNotice({ tone: 'conflict', text: CONFLICT_MESSAGE })
    reloadAll()
  }

  const start = async () => {
    setStarting(true)
    setNotice(null)
    try {
      await startTask(id)
      setNotice({ tone: 'ok', text: doneMessage('start') })
      await reloadAll()
    } catch (error) {
      if (error?.status === 409) onConflict()
      else setNotice({ tone: 'error', text: errorParts(error).message })
    } finally {
      setStarting(false)
    }
  }

  if (task.loading && !task.data) return <Loading label="Loading the task…" />
  if (task.error && !task.data) {
    return (
      <section className="task-detail">
        <p className="breadcrumb">
          <Link to="/tasks">My tasks</Link>
        </p>
        <ErrorMessage
          error={task.error.status === 404 ? 'There is no such task that you can see.' : task.error}
          onRetry={task.error.status === 404 ? undefined : task.reload}
        />
      </section>
    )
  }
  const data = task.data
  if (!data) return null

  const ticket = data.ticket || {}
  const item = currentItem(data)
  const holder = item?.assignee && user && String(item.assignee.id) === String(user.id)
  const mayAct = (holder || isAdmin) && data.status !== 'completed' && Boolean(item)
  const onHold = data.status === 'on_hold'
  const available = Array.isArray(actions.data) ? actions.data : []
  const canStart = holder && item?.status === 'assigned' && !onHold

  return (
    <section className="task-detail" aria-labelledby="task-heading">
      <p className="breadcrumb">
        <Link to="/tasks">My tasks</Link>
      </p>
      <div className="page-head">
        <h1 id="task-heading">
          <span className="ticket-number">{ticket.number}</span> {ticket.subject}
        </h1>
        <StatusBadge status={data.status} />
      </div>

      {notice && (
        <div className={`task-notice task-notice-${notice.tone}`} role={notice.tone === 'ok' ? 'status' : 'alert'}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}
      {task.error && <ErrorMessage error={task.error} onRetry={task.reload} />}

      <div className="task-layout">
        <div className="task-main">
          <section className="task-card" aria-labelledby="current-step-heading">
            <h2 id="current-step-heading">Current step</h2>
            {data.status === 'completed' ? (
              <p>
                Completed{data.outcome ? ` as ${words(data.outcome)}` : ''}
                {data.completed_at && (
                  <>
                    {' on '}
                    <time dateTime={data.completed_at}>{formatDateTime(data.completed_at)}</time>
                  </>
                )}
                .
              </p>
            ) : data.current_step ? (
              <>
                <p className="current-step-name">
                  <strong>{data.current_step.name}</strong>
                  {item && (
                    <>
                      {' '}
                      <StatusBadge status={item.status} />{' '}
                      <span className="muted">
                        {item.assignee ? (holder ? 'held by you' : `held by ${item.assignee.name || item.assignee.email}`) : 'waiting for someone of the role'}
                      </span>
                    </>
                  )}
                </p>
                {item?.sla && item.sla.state !== 'none' && (
                  <p>
                    Step SLA: <SlaBadge state={item.sla.state} /> <SlaCountdown sla={item.sla} onHold={onHold} />
                  </p>
                )}
                <h3>Instructions</h3>
                {data.current_step.instructions ? (
                  <p className="step-instructions">{data.current_step.instructions}</p>
                ) : (
                  <p className="muted">This step has no instructions.</p>
                )}
              </>
            ) : (
              <p className="muted">No current step.</p>
            )}
          </section>

          {mayAct && (
            <section className="task-card" aria-labelledby="actions-heading">
              <h2 id="actions-heading">Actions</h2>
              {onHold && <p className="muted">The task is on hold. Resume it to act on the step.</p>}
              {canStart && (
                <p className="muted">Start the step when you begin working on it.</p>
              )}
              {actions.error && <ErrorMessage error={actions.error} onRetry={actions.reload} />}
              {actions.loading && !actions.data && <Loading label="Loading actions…" />}
              <div className="action-buttons">
                {canStart && (
                  <button type="button" className="primary" onClick={start} disabled={starting}>
                    {starting ? 'Starting…' : 'Start'}
                  </button>
                )}
                {!onHold &&
                  available.map((action) => (
                    <button
                      key={action.id}
                      type="button"
                      className="primary"
                      onClick={() => setDialog({ kind: 'action', action })}
                    >
                      {action.label}
                    </button>
                  ))}
              </div>
              <div className="action-buttons secondary-actions">
                {!onHold && (
                  <>
                    <button type="button" onClick={() => setDialog({ kind: 'transfer' })}>
                      Transfer
                    </button>
                    <button type="button" onClick={() => setDialog({ kind: 'escalate' })}>
                      Escalate
                    </button>
                    <button type="button" onClick={() => setDialog({ kind: 'hold' })}>
                      Hold
                    </button>
                  </>
                )}
                {onHold && (
                  <button type="button" className="primary" onClick={() => setDialog({ kind: 'resume' })}>
                    Resume
                  </button>
                )}
              </div>
            </section>
          )}

          <TaskPath task={data} me={user} />
        </div>

        <aside className="task-card task-side" aria-labelledby="ticket-summary-heading">
          <h2 id="ticket-summary-heading">Ticket</h2>
          <p>
            <Link to={`/tickets/${encodeURIComponent(ticket.number)}`}>Open ticket {ticket.number}</Link>
          </p>
          <dl className="task-fields">
            <Detail label="Priority">
              <PriorityBadge priority={ticket.priority} />
            </Detail>
            <Detail label="Department">{ticket.department || '—'}</Detail>
            <Detail label="Category">{ticket.category || '—'}</Detail>
            <Detail label="Workflow">
              {data.workflow?.name}
              {data.workflow?.version ? ` (v${data.workflow.version})` : ''}
            </Detail>
            <Detail label="Coordinator">{data.owner_name || '—'}</Detail>
            <Detail label="Resolution SLA">
              {data.sla && data.sla.state !== 'none' ? (
                <>
                  <SlaBadge state={data.sla.state} /> <SlaCountdown sla={data.sla} onHold={onHold} />
                  {data.sla.due_at && (
                    <span className="hint">
                      due <time dateTime={data.sla.due_at}>{formatDateTime(data.sla.due_at)}</time>
                    </span>
                  )}
                </>
              ) : (
                <span className="muted">none</span>
              )}
            </Detail>
            {data.first_response_due_at && !data.first_response_at && (
              <Detail label="First response due">
                <time dateTime={data.first_response_due_at}>{formatDateTime(data.first_response_due_at)}</time>
              </Detail>
            )}
            <Detail label="Started">
              <time dateTime={data.created_at}>{formatDateTime(data.created_at)}</time>
            </Detail>
          </dl>
        </aside>
      </div>

      {dialog?.kind === 'action' && (
        <ActionDialog
          taskId={id}
          action={dialog.action}
          onDone={onDone('action')}
          onConflict={onConflict}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'transfer' && (
        <TransferDialog
          taskId={id}
          onDone={onDone('transfer')}
          onConflict={onConflict}
          onClose={() => setDialog(null)}
        />
      )}
      {['escalate', 'hold', 'resume'].includes(dialog?.kind) && (
        <ReasonDialog
          kind={dialog.kind}
          taskId={id}
          onDone={onDone(dialog.kind)}
          onConflict={onConflict}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  )
}
