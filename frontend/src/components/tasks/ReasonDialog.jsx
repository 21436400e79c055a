import { useId, useState } from 'react'

import { escalateTask, holdTask, resumeTask } from '../../api/workflow.js'
import Dialog from './Dialog.jsx'
import { DialogAlert, DialogButtons, TextField } from './DialogParts.jsx'
import { useDialogSubmit } from './useDialogSubmit.js'

// Escalate and hold need a reason; resume takes an optional one.
const KINDS = {
  escalate: {
    title: 'Escalate',
    intro: 'The step goes to its escalation role.',
    call: escalateTask,
    required: true,
  },
  hold: { title: 'Put on hold', intro: 'The SLA clocks stop until the task is resumed.', call: holdTask, required: true },
  resume: { title: 'Resume', intro: 'The SLA clocks start again.', call: resumeTask, required: false },
}

export default function ReasonDialog({ kind, taskId, onDone, onConflict, onClose }) {
  const id = useId()
  const config = KINDS[kind]
  const [reason, setReason] = useState('')
  const { busy, errors, setErrors, run } = useDialogSubmit({ fieldNames: ['reason'], onDone, onConflict })

  const submit = (event) => {
    event.preventDefault()
    if (config.required && !reason.trim()) {
      setErrors({ message: '', fields: { reason: 'A reason is required.' } })
      return
    }
    run(() => config.call(taskId, { reason: reason.trim() }))
  }

  return (
    <Dialog title={config.title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">{config.intro}</p>
        <TextField
          id={`${id}-reason`}
          label="Reason"
          hint={config.required ? undefined : 'Optional.'}
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
          required={config.required}
        />
        <DialogAlert message={errors.message} />
        <DialogButtons busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  )
}
