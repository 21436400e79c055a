// "Are you sure?" on the shared modal: Escape or Cancel does nothing; Confirm runs
// `onConfirm` (a promise), shows it working, then closes. The caller reports the outcome.
// Focus starts on Cancel, so a stray Enter changes nothing.
import { useEffect, useRef, useState } from 'react'

import Dialog from '../../tasks/Dialog.jsx'
import '../../../styles/tasks.css' // the modal's own styles (.task-dialog)

export default function ConfirmDialog({ title, children, confirmLabel, busyLabel = 'Working…', danger = false, onConfirm, onClose }) {
  const [busy, setBusy] = useState(false)
  const cancel = useRef(null)
  // runs after the modal's own effect (children first), which focused the first button
  useEffect(() => cancel.current?.focus(), [])

  const confirm = async () => {
    setBusy(true)
    try {
      await onConfirm()
    } finally {
      setBusy(false)
      onClose()
    }
  }

  return (
    <Dialog title={title} onClose={() => !busy && onClose()} className="au-confirm">
      <div className="au-confirm-text">{children}</div>
      <div className="dialog-actions">
        <button type="button" className={danger ? 'au-danger-solid' : 'primary'} onClick={confirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" ref={cancel} onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </Dialog>
  )
}
