import { useId, useState } from 'react'

import { assignWorkflow, listWorkflows } from '../../../api/workflow.js'
import { useFetch } from '../../../hooks/useFetch.js'
import { Empty, Loading } from '../../States.jsx'
import Dialog from '../../tasks/Dialog.jsx'
import { DialogAlert, SelectField } from '../../tasks/DialogParts.jsx'
import { errorParts } from '../../tasks/format.js'
import { useDialogSubmit } from '../../tasks/useDialogSubmit.js'

const describe = (workflow) =>
  [workflow.name, [workflow.department, workflow.category, workflow.subcategory].filter(Boolean).join(' / ')]
    .filter(Boolean)
    .join(' — ')

// Start a ticket that matched no workflow on a published one: POST
// /workflow-tickets/<number>/assign-workflow/ {workflow_id}.
export default function AssignWorkflowDialog({ ticket, onDone, onClose }) {
  const id = useId()
  const [workflowId, setWorkflowId] = useState('')
  const workflows = useFetch(() => listWorkflows({ status: 'published' }), [])
  const { busy, errors, setErrors, run } = useDialogSubmit({
    fieldNames: ['workflow_id'],
    onDone: () => onDone(workflows.data.results.find((w) => String(w.id) === workflowId)),
  })
  const options = workflows.data?.results || []

  const submit = (event) => {
    event.preventDefault()
    if (busy) return
    if (!workflowId) {
      setErrors({ message: '', fields: { workflow_id: 'Choose a workflow.' } })
      return
    }
    run(() => assignWorkflow(ticket.ticket_number, workflowId))
  }

  const selectId = `${id}-workflow`
  const fieldError = errors.fields.workflow_id
  return (
    <Dialog title={`Assign a workflow to ${ticket.ticket_number}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">
          “{ticket.subject}” starts on the first step of the chosen workflow, and its assignee is picked as usual.
        </p>
        {workflows.loading && !workflows.data ? (
          <Loading label="Loading published workflows…" />
        ) : workflows.error ? (
          <DialogAlert message={errorParts(workflows.error).message} />
        ) : options.length ? (
          <SelectField
            id={selectId}
            label="Workflow"
            value={workflowId}
            onChange={setWorkflowId}
            error={fieldError}
            placeholder="Choose a published workflow"
            items={options}
            describe={describe}
          />
        ) : (
          <Empty>There is no published workflow yet.</Empty>
        )}
        <DialogAlert message={errors.message} />
        <div className="dialog-actions">
          {/* aria-disabled while busy, not disabled: a disabled button drops the focus out of the dialog */}
          <button type="submit" disabled={!options.length} aria-disabled={busy || undefined}>
            {busy ? 'Working…' : 'Confirm'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
