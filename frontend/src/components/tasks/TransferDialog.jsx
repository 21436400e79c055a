import { useEffect, useId, useState } from 'react'

import { transferCandidates, transferTask } from '../../api/workflow.js'
import { Empty, Loading } from '../States.jsx'
import Dialog from './Dialog.jsx'
import { DialogAlert, SelectField, TextField, personLabel } from './DialogParts.jsx'
import { errorParts } from './format.js'
import { useDialogSubmit } from './useDialogSubmit.js'

const NO_CANDIDATES = 'Nobody else can take this step right now.'

// Who may take the step: GET .../transfer-candidates/ → the available holders of the
// current step's role, without the current holder (the same list for agents and admins).
function useCandidates(taskId) {
  const [state, setState] = useState({ loading: true, people: [], error: '' })
  useEffect(() => {
    let live = true
    setState({ loading: true, people: [], error: '' })
    transferCandidates(taskId).then(
      (people) => live && setState({ loading: false, people: Array.isArray(people) ? people : [], error: '' }),
      (error) => live && setState({ loading: false, people: [], error: errorParts(error).message }),
    )
    return () => {
      live = false
    }
  }, [taskId])
  return state
}

// Hand the current step to another available holder of its role: POST .../transfer/ {user_id, reason}.
export default function TransferDialog({ taskId, onDone, onConflict, onClose }) {
  const id = useId()
  const [userId, setUserId] = useState('')
  const [reason, setReason] = useState('')
  const { loading, people, error: loadError } = useCandidates(taskId)
  const { busy, errors, setErrors, run } = useDialogSubmit({
    fieldNames: ['user_id', 'reason'],
    onDone,
    onConflict,
  })

  const submit = (event) => {
    event.preventDefault()
    if (!people.length) return
    const fields = {}
    if (!userId) fields.user_id = 'Choose a person.'
    if (!reason.trim()) fields.reason = 'A reason is required.'
    if (Object.keys(fields).length) {
      setErrors({ message: '', fields })
      return
    }
    run(() => transferTask(taskId, { userId, reason: reason.trim() }))
  }

  const selectId = `${id}-user`
  const userError = errors.fields.user_id
  const cannotSubmit = busy || loading || !people.length
  return (
    <Dialog title="Transfer" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">Only available holders of this step’s role can take it.</p>
        {loading ? (
          <Loading label="Loading who can take this step…" />
        ) : loadError ? (
          <DialogAlert message={loadError} />
        ) : people.length ? (
          <SelectField
            id={selectId}
            label="Transfer to"
            value={userId}
            onChange={setUserId}
            error={userError}
            placeholder="Choose a person"
            items={people}
            describe={personLabel}
          />
        ) : (
          <Empty>{NO_CANDIDATES}</Empty>
        )}
        <TextField
          id={`${id}-reason`}
          label="Reason"
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
          required
          rows={3}
        />
        <DialogAlert message={errors.message} />
        <div className="dialog-actions">
          <button type="submit" disabled={cannotSubmit}>
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
