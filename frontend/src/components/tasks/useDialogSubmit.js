import { useState } from 'react'

import { errorParts } from './format.js'

// Runs a dialog's API call: a 409 goes to onConflict (the page reloads the task), other
// errors are kept to show next to their field (`fieldNames`) or as an alert.
export function useDialogSubmit({ fieldNames, onDone, onConflict }) {
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState({ message: '', fields: {} })

  const run = async (call) => {
    setBusy(true)
    setErrors({ message: '', fields: {} })
    try {
      const result = await call()
      setBusy(false)
      onDone?.(result)
    } catch (error) {
      setBusy(false)
      if (error?.status === 409 && onConflict) onConflict(error)
      else setErrors(errorParts(error, fieldNames))
    }
  }
  return { busy, errors, setErrors, run }
}
