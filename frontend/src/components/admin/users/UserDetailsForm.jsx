// An admin edits a user's name, department and phone (the email cannot change).
import { useState } from 'react'

import { updateUser } from '../../../api/auth.js'
import { apiErrors, formError } from '../../profile/errors.js'
import ProfileFields from './ProfileFields.jsx'
import Notice from './Notice.jsx'
import { PROFILE_KEYS, profileValues } from './profileFields.js'

export default function UserDetailsForm({ user, onSaved }) {
  const [values, setValues] = useState(() => profileValues(user))
  const [errors, setErrors] = useState({})
  const [notice, setNotice] = useState(null)
  const [busy, setBusy] = useState(false)

  const set = (key) => (value) => {
    setNotice(null)
    setValues((current) => ({ ...current, [key]: value }))
  }

  const submit = async (event) => {
    event.preventDefault()
    setBusy(true)
    setErrors({})
    setNotice(null)
    try {
      const answer = await updateUser(user.id, Object.fromEntries(PROFILE_KEYS.map((key) => [key, values[key].trim()])))
      setValues(profileValues(answer))
      setNotice({ kind: 'ok', text: 'Details saved.' })
      onSaved(answer)
    } catch (caught) {
      const found = apiErrors(caught)
      setErrors(found)
      setNotice({ kind: 'error', text: formError(caught, PROFILE_KEYS) })
      const first = PROFILE_KEYS.find((key) => found[key])
      if (first) document.getElementById(`user-${first}`)?.focus()
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="au-section" aria-labelledby="user-details-heading">
      <h3 id="user-details-heading">Details</h3>
      <form onSubmit={submit} noValidate>
        <div className="au-grid">
          <ProfileFields idPrefix="user" values={values} errors={errors} set={set} />
        </div>
        <div className="au-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save details'}
          </button>
        </div>
        <Notice notice={notice} />
      </form>
    </section>
  )
}
