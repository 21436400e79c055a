// Change the password: the current one, the new one twice.
import { useState } from 'react'

import { changePassword } from '../../api/auth.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import { FieldError } from '../States.jsx'
import { apiErrors, describedBy, formError } from './errors.js'

const EMPTY = { current: '', next: '', repeat: '' }
const RENAME = { current_password: 'current', new_password: 'next' }
const ORDER = ['current', 'next', 'repeat']

export function checkPasswords(values) {
  const errors = {}
  if (!values.current) errors.current = 'Enter your current password.'
  if (!values.next) errors.next = 'Enter a new password.'
  if (!values.repeat) errors.repeat = 'Repeat the new password.'
  else if (values.next && values.next !== values.repeat) errors.repeat = 'The new passwords do not match.'
  return errors
}

export default function PasswordForm() {
  const { user, setUser } = useAuth()
  const [values, setValues] = useState(EMPTY)
  const [errors, setErrors] = useState({})
  const [problem, setProblem] = useState('')
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  const set = (key) => (event) => {
    setDone('')
    setValues((current) => ({ ...current, [key]: event.target.value }))
  }

  const focusFirst = (found) => {
    const first = ORDER.find((key) => found[key])
    if (first) document.getElementById(`password-${first}`)?.focus()
  }

  const submit = async (event) => {
    event.preventDefault()
    setProblem('')
    setDone('')
    const found = checkPasswords(values)
    setErrors(found)
    if (Object.keys(found).length) {
      focusFirst(found)
      return
    }
    setBusy(true)
    try {
      const answer = await changePassword(values.current, values.next)
      setValues(EMPTY)
      // a fresh session: its user (and roles) replace the old one
      if (answer?.user) setUser(answer.user)
      setDone('Password changed. Your other sessions have been signed out.')
    } catch (caught) {
      const fromApi = apiErrors(caught, RENAME)
      setErrors(fromApi)
      setProblem(formError(caught, Object.keys(RENAME)))
      focusFirst(fromApi)
    } finally {
      setBusy(false)
    }
  }

  const field = (key, label, autoComplete) => (
    <div>
      <label htmlFor={`password-${key}`}>{label}</label>
      <input
        id={`password-${key}`}
        type="password"
        value={values[key]}
        onChange={set(key)}
        autoComplete={autoComplete}
        maxLength={256}
        aria-invalid={!!errors[key]}
        aria-describedby={describedBy(errors[key] && `password-${key}-error`)}
      />
      <FieldError id={`password-${key}-error`} error={errors[key]} />
    </div>
  )

  return (
    <section className="profile-card" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form onSubmit={submit} noValidate>
        {problem && (
          <p className="state state-error" role="alert">
            {problem}
          </p>
        )}
        {/* lets password managers tie the new password to the account */}
        <input type="text" name="username" autoComplete="username" hidden readOnly value={user?.email || ''} />
        {field('current', 'Current password', 'current-password')}
        {field('next', 'New password', 'new-password')}
        {field('repeat', 'Repeat new password', 'new-password')}
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
          <span role="status" className="profile-saved">
            {done}
          </span>
        </div>
      </form>
    </section>
  )
}
