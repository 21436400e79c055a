// Invite a user: the account is created without a password and the invitee gets an email
// link to choose one. The API's messages show next to their fields.
import { useState } from 'react'

import { inviteUser } from '../../../api/auth.js'
import { apiErrors, formError } from '../../profile/errors.js'
import Field from './Field.jsx'
import ProfileFields from './ProfileFields.jsx'
import { PROFILE_KEYS, profileValues } from './profileFields.js'

const KEYS = ['email', ...PROFILE_KEYS]
const EMPTY = { email: '', ...profileValues(null) }

export default function InviteUserForm({ onInvited, onCancel }) {
  const [values, setValues] = useState(EMPTY)
  const [errors, setErrors] = useState({})
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)

  const set = (key) => (value) => setValues((current) => ({ ...current, [key]: value }))

  const submit = async (event) => {
    event.preventDefault()
    setErrors({})
    setProblem('')
    const fields = Object.fromEntries(KEYS.map((key) => [key, values[key].trim()]))
    if (!fields.email) {
      setErrors({ email: 'Enter the email address to invite.' })
      document.getElementById('invite-email')?.focus()
      return
    }
    setBusy(true)
    try {
      const user = await inviteUser(fields)
      setValues(EMPTY)
      onInvited(user)
    } catch (caught) {
      const found = apiErrors(caught)
      setErrors(found)
      setProblem(formError(caught, KEYS))
      const first = KEYS.find((key) => found[key])
      if (first) document.getElementById(`invite-${first}`)?.focus()
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="au-card au-invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a user</h2>
      <p className="au-hint">They get an email with a link to choose a password (valid for one hour). Grant roles after inviting.</p>
      <form onSubmit={submit} noValidate>
        {problem && (
          <p className="state state-error" role="alert">
            {problem}
          </p>
        )}
        <div className="au-grid">
          <Field
            id="invite-email"
            label="Email"
            type="email"
            required
            autoComplete="off"
            maxLength={254}
            hint="Required. The invitation is sent here."
            value={values.email}
            onChange={set('email')}
            error={errors.email}
            className="au-field au-span"
          />
          <ProfileFields idPrefix="invite" values={values} errors={errors} set={set} />
        </div>
        <div className="au-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Send invitation'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
