// /admin/unassigned: tickets no workflow matched, and steps waiting for an available
// assignee; an admin starts the one on a workflow and hands the other to someone.
import { useState } from 'react'

import { listRoles } from '../../api/auth.js'
import { getUnassigned } from '../../api/workflow.js'
import { Empty, ErrorMessage, Loading } from '../../components/States.jsx'
import AssignUserDialog from '../../components/admin/unassigned/AssignUserDialog.jsx'
import { personLabel } from '../../components/tasks/DialogParts.jsx'
import AssignWorkflowDialog from '../../components/admin/unassigned/AssignWorkflowDialog.jsx'
import { UnassignedTicketTable, WaitingStepTable } from '../../components/admin/unassigned/UnassignedTables.jsx'
import { useFetch } from '../../hooks/useFetch.js'
import '../../styles/tasks.css' // the dialogs
import '../../styles/admin-pages.css'

export default function UnassignedPage() {
  const { data, error, loading, reload } = useFetch(getUnassigned, [])
  // role names for the waiting steps (workflow_api only knows the ids); ids if this fails
  const roles = useFetch(() => listRoles('tts'), [])
  const [dialog, setDialog] = useState(null)
  const [notice, setNotice] = useState('')

  const roleName = (roleId) =>
    (roles.data?.results || []).find((role) => String(role.id) === String(roleId))?.name || `Role #${roleId}`

  const done = (message) => {
    setDialog(null)
    setNotice(message)
    reload()
  }
  const open = (next) => {
    setNotice('')
    setDialog(next)
  }

  const tickets = data?.tickets || []
  const waiting = data?.waiting || []

  return (
    <section className="admin-page unassigned-page">
      <div className="page-head">
        <h1>Unassigned</h1>
        <button type="button" onClick={reload} disabled={loading}>
          Refresh
        </button>
      </div>
      <p className="admin-flash" role="status">
        {notice}
      </p>
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {loading && !data && <Loading label="Loading the unassigned queue…" />}
      {data && (
        <div aria-busy={loading}>
          <section className="admin-section" aria-labelledby="unassigned-tickets-heading">
            <h2 id="unassigned-tickets-heading">Tickets without a workflow ({tickets.length})</h2>
            <p className="hint">No workflow matched their department and category. Choose one to start them.</p>
            {tickets.length ? (
              <UnassignedTicketTable tickets={tickets} onAssign={(ticket) => open({ kind: 'workflow', ticket })} />
            ) : (
              <Empty>Every ticket runs on a workflow.</Empty>
            )}
          </section>
          <section className="admin-section" aria-labelledby="waiting-steps-heading">
            <h2 id="waiting-steps-heading">Steps waiting for an assignee ({waiting.length})</h2>
            <p className="hint">Nobody who holds the step’s role was available. They are assigned as soon as someone is, or by you here.</p>
            {waiting.length ? (
              <WaitingStepTable items={waiting} roleName={roleName} onAssign={(item) => open({ kind: 'user', item })} />
            ) : (
              <Empty>No step is waiting.</Empty>
            )}
          </section>
        </div>
      )}
      {dialog?.kind === 'workflow' && (
        <AssignWorkflowDialog
          ticket={dialog.ticket}
          onClose={() => setDialog(null)}
          onDone={(workflow) =>
            done(`${dialog.ticket.ticket_number} now runs on ${workflow ? `“${workflow.name}”` : 'the chosen workflow'}.`)
          }
        />
      )}
      {dialog?.kind === 'user' && (
        <AssignUserDialog
          item={dialog.item}
          roleName={roleName(dialog.item.role_id)}
          onClose={() => setDialog(null)}
          onDone={(person) =>
            done(
              `“${dialog.item.step_name}” of ${dialog.item.ticket_number} is assigned to ${person ? personLabel(person) : 'the chosen person'}.`,
            )
          }
        />
      )}
    </section>
  )
}
