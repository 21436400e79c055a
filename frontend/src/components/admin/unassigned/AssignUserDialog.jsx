import { useId, useState } from 'react'

import { listRoleMembers } from '../../../api/auth.js'
import { assignTask } from '../../../api/workflow.js'
import { useFetch } from '../../../hooks/useFetch.js'
import { Empty, Loading } from '../../States.jsx'
import Dialog from '../../tasks/Dialog.jsx'
import { DialogAlert, SelectField, personLabel } from '../../tasks/DialogParts.jsx'
import { errorParts } from '../../tasks/format.js'
import { useDialogSubmit } from '../../tasks/useDialogSubmit.js'

// Hand a waiting step to a holder of its role: POST /tasks/<id>/assign/ {user_id}. The
// holders come from auth_service; workflow_api refuses one who is away (400 on user_id).
export default function AssignUserDialog({ item, roleName, onDone, onClose }) {
  const id = useId()
  const [userId, setUserId] = useState('')
  const members = useFetch(() => listRoleMembers('tts', item.role_id), [item.role_id])
  const people = (members.data?.results || []).filter((person) => person.is_active !== false)
  const { busy, errors, setErrors, run } = useDialogSubmit({
    fieldNames: ['user_id'],
    onDone: () => onDone(people.find((person) => String(person.id) === userId)),
  })

  const submit = (event) => {
    event.preventDefault()
    if (busy) return
    if (!userId) {
      setErrors({ message: '', fields: { user_id: 'Choose a person.' } })
      return
    }
    run(() => assignTask(item.task_id, userId))
  }

  const selectId = `${id}-user`
  const fieldError = errors.fields.user_id
  return (
    <Dialog title={`Assign “${item.step_name}” of ${item.ticket_number}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">Holders of the role “{roleName}”. Someone who is away cannot take the step.</p>
        {members.loading && !members.data ? (
          <Loading label="Loading the role’s holders…" />
        ) : members.error ? (
          <DialogAlert message={errorParts(members.error).message} />
        ) : people.length ? (
          <SelectField
            id={selectId}
            label="Assign to"
            value={userId}
            onChange={setUserId}
            error={fieldError}
            placeholder="Choose a person"
            items={people}
            describe={personLabel}
          />
        ) : (
          <Empty>Nobody holds this role. Grant it to someone on the Roles page first.</Empty>
        )}
        <DialogAlert message={errors.message} />
        <div className="dialog-actions">
          {/* aria-disabled while busy, not disabled: a disabled button drops the focus out of the dialog */}
          <button type="submit" disabled={!people.length} aria-disabled={busy || undefined}>
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
