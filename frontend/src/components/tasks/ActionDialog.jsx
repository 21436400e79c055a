import { useId, useState } from 'react'

import { actOnTask } from '../../api/workflow.js'
import Dialog from './Dialog.jsx'
import { DialogAlert, DialogButtons, TextField } from './DialogParts.jsx'
import { useDialogSubmit } from './useDialogSubmit.js'
import { words } from './format.js'

// Perform one of the current step's transitions: POST .../action/ {action_id, comment}.
export default function ActionDialog({ taskId, action, onDone, onConflict, onClose }) {
  const id = useId()
  const [comment, setComment] = useState('')
  const { busy, errors, setErrors, run } = useDialogSubmit({ fieldNames: ['comment'], onDone, onConflict })

  const submit = (event) => {
    event.preventDefault()
    if (!comment.trim()) {
      setErrors({ message: '', fields: { comment: 'A comment is required.' } })
      return
    }
    run(() => actOnTask(taskId, { actionId: action.id, comment: comment.trim() }))
  }

  const where = action.to_step
    ? `The task moves on to “${action.to_step.name}”.`
    : action.ends_with
      ? `This ends the task as ${words(action.ends_with)}.`
      : null
  return (
    <Dialog title={action.label} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {where && <p className="muted">{where}</p>}
        <TextField
          id={`${id}-comment`}
          label="Comment"
          hint="Say what was done."
          value={comment}
          onChange={setComment}
          error={errors.fields.comment}
          required
        />
        <DialogAlert message={errors.message} />
        <DialogButtons busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  )
}
