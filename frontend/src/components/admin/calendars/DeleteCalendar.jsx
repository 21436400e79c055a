import { useState } from 'react'

import { deleteCalendar } from '../../../api/workflow.js'
import Dialog from '../../tasks/Dialog.jsx'
import { DialogAlert } from '../../tasks/DialogParts.jsx'
import { errorParts } from '../../tasks/format.js'

// Delete, after a confirmation. The API answers 409 while workflows use the calendar; the
// dialog then shows its message and stays open.
export default function DeleteCalendar({ calendar, onDeleted }) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')

  const close = () => {
    setOpen(false)
    setMessage('')
  }
  const confirm = async (event) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setMessage('')
    try {
      await deleteCalendar(calendar.id)
      setBusy(false)
      onDeleted()
    } catch (error) {
      setBusy(false)
      setMessage(errorParts(error).message)
    }
  }

  return (
    <section className="calendar-card danger-zone" aria-labelledby="calendar-delete-heading">
      <h2 id="calendar-delete-heading">Delete</h2>
      <p className="hint">A calendar that workflows use cannot be deleted; point them at another one first.</p>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Delete calendar
      </button>
      {open && (
        <Dialog title="Delete calendar?" onClose={close}>
          <form onSubmit={confirm}>
            <p>
              “{calendar.name}” and its working hours and holidays will be removed. This cannot be undone.
            </p>
            <DialogAlert message={message} />
            <div className="dialog-actions">
              {/* Cancel first: the dialog focuses it, so Enter does not delete by accident */}
              <button type="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="danger" aria-disabled={busy || undefined}>
                {busy ? 'Deleting…' : 'Delete'}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  )
}
