import { useState } from 'react'

import { createWorkflow, listCalendars } from '../../api/workflow.js'
import { useFetch } from '../../hooks/useFetch.js'
import Dialog from '../tasks/Dialog.jsx'
import { fieldErrors, formErrorText } from '../tickets/fieldErrors.js'
import WorkflowFields from './WorkflowFields.jsx'
import { PROPERTY_FIELDS, formToWorkflow, workflowToForm } from './properties.js'

// Name, routing fields and calendar; the graph and SLA targets come in the editor.
// `onCreated(workflow)` once the API has it.
export default function NewWorkflowDialog({ onClose, onCreated }) {
  const calendars = useFetch(() => listCalendars(), [])
  const [values, setValues] = useState(() => workflowToForm(null))
  const [errors, setErrors] = useState({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async (event) => {
    event.preventDefault()
    setFormError('')
    const { fields, errors: found } = formToWorkflow(values, { withSla: false })
    setErrors(found)
    if (Object.keys(found).length) {
      document.getElementById(`wf-new-${Object.keys(found)[0]}`)?.focus()
      return
    }
    setBusy(true)
    try {
      const created = await createWorkflow(fields)
      onCreated(created)
    } catch (error) {
      setErrors(fieldErrors(error))
      setFormError(formErrorText(error, PROPERTY_FIELDS))
      setBusy(false)
    }
  }

  return (
    <Dialog title="New workflow" onClose={onClose} className="wf-new-dialog">
      <form onSubmit={submit} noValidate>
        {formError && (
          <p className="state state-error" role="alert">
            {formError}
          </p>
        )}
        <WorkflowFields prefix="wf-new" values={values} errors={errors} onChange={(patch) => setValues((current) => ({ ...current, ...patch }))} calendars={calendars} />
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create workflow'}
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
