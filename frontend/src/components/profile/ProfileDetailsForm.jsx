// Name, department and phone of the signed-in user.
import { useState } from 'react'

import { updateProfile } from '../../api/auth.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import { FieldError } from '../States.jsx'
import { apiErrors, describedBy, formError } from './errors.js'

const FIELDS = [
  { key: 'first_name', label: 'First name', autoComplete: 'given-name', maxLength: 150 },
  { key: 'last_name', label: 'Last name', autoComplete: 'family-name', maxLength: 150 },
  { key: 'department', label: 'Department', autoComplete: 'organization-title', maxLength: 100 },
  { key: 'phone', label: 'Phone', autoComplete: 'tel', maxLength: 32, type: 'tel' },
]
const KEYS = FIELDS.map((field) => field.key)

const valuesOf = (profile) => Object.fromEntries(KEYS.map((key) => [key, profile?.[key] || '']))

export default function ProfileDetailsForm({ profile, onSaved }) {
  const { user, setUser } = useAuth()
  const [values, setValues] = useState(() => valuesOf(profile))
  const [errors, setErrors] = useState({})
  const [problem, setProblem] = useState('')
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)

  const set = (key) => (event) => {
    setSaved('')
    setValues((current) => ({ ...current, [key]: event.target.value }))
  }

  const submit = async (event) => {
    event.preventDefault()
    setBusy(true)
    setErrors({})
    setProblem('')
    setSaved('')
    try {
      const fields = Object.fromEntries(KEYS.map((key) => [key, values[key].trim()]))
      const answer = await updateProfile(fields)
      setValues(valuesOf(answer))
      // the session's roles stay as the token carries them
      setUser({ ...(user || {}), ...answer, roles: user?.roles || answer.roles })
      onSaved?.(answer)
      setSaved('Profile saved.')
    } catch (caught) {
      const found = apiErrors(caught)
      setErrors(found)
      setProblem(formError(caught, KEYS))
      const first = KEYS.find((key) => found[key])
      if (first) document.getElementById(`profile-${first}`)?.focus()
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="profile-card" aria-labelledby="profile-details-heading">
      <h2 id="profile-details-heading">Your details</h2>
      <p className="profile-email">
        <span className="muted">Email</span> {profile?.email}
      </p>
      <form onSubmit={submit} noValidate>
        {problem && (
          <p className="state state-error" role="alert">
            {problem}
          </p>
        )}
        <div className="profile-grid">
          {FIELDS.map((field) => (
            <div key={field.key}>
              <label htmlFor={`profile-${field.key}`}>{field.label}</label>
              <input
                id={`profile-${field.key}`}
                type={field.type || 'text'}
                value={values[field.key]}
                onChange={set(field.key)}
                autoComplete={field.autoComplete}
                maxLength={field.maxLength}
                aria-invalid={!!errors[field.key]}
                aria-describedby={describedBy(errors[field.key] && `profile-${field.key}-error`)}
              />
              <FieldError id={`profile-${field.key}-error`} error={errors[field.key]} />
            </div>
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </button>
          <span role="status" className="profile-saved">
            {saved}
          </span>
        </div>
      </form>
    </section>
  )
}
